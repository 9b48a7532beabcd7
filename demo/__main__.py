"""``python -m demo``: run the demo marketplace from the command line."""

from __future__ import annotations

import argparse

from demo import settings
from demo.server import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--size", type=int, default=3000, help="listings over the three sites")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--suspect-share",
        type=float,
        default=settings.SUSPECT_SHARE,
        help="share of suspect listings (a real marketplace's is far below the default)",
    )
    args = parser.parse_args(argv)
    if not 0.0 <= args.suspect_share <= 1.0:
        parser.error("--suspect-share must be between 0 and 1")
    serve(
        host=args.host,
        port=args.port,
        size=args.size,
        seed=args.seed,
        suspect_share=args.suspect_share,
    )


if __name__ == "__main__":
    main()
