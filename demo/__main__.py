"""``python -m demo``: run the demo marketplace from the command line."""

from __future__ import annotations

import argparse

from demo.server import serve


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m demo", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--size", type=int, default=3000, help="listings over the three sites")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    serve(host=args.host, port=args.port, size=args.size, seed=args.seed)


if __name__ == "__main__":
    main()
