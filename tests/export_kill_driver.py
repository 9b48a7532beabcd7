"""``ecowarden ARGS`` in a process of its own that stops at one moment of an export and waits
there to be killed: ``python -m tests.export_kill_driver MOMENT MARKER ARGS...``.

The moment is reached deterministically (the export's own steps are wrapped, nothing is timed);
on reaching it the process writes ``MARKER`` and sleeps, so the test kills it exactly there.

after-exported   the ``exported`` entries are committed, nothing of the bag written yet
zip-writing      the zip is half written in the staging folder
before-publish   the zip is complete, not yet given its final name
after-publish    the zip has its final name, ``published`` is not recorded yet
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import Any

MOMENTS = ("after-exported", "zip-writing", "before-publish", "after-publish")


def main() -> None:
    moment, marker, *args = sys.argv[1:]
    if moment not in MOMENTS:
        raise SystemExit(f"unknown moment {moment!r}; one of {', '.join(MOMENTS)}")

    def pause() -> None:
        Path(marker).write_text(moment)
        time.sleep(120)  # the test kills the process here
        raise SystemExit("not killed in time")

    from evidence.bundle import export

    if moment == "after-exported":
        append_exported = export._append_exported

        def after_exported(*a: Any, **k: Any) -> None:
            append_exported(*a, **k)
            pause()

        export._append_exported = after_exported  # type: ignore[assignment]
    elif moment == "zip-writing":
        copies = [0]

        class HalfwayShutil:
            """``shutil`` as the export module sees it, stopping after a few zip members."""

            def __getattr__(self, name: str) -> Any:
                return getattr(shutil, name)

            @staticmethod
            def copyfileobj(source: Any, target: Any, length: int = 0) -> None:
                shutil.copyfileobj(source, target, length)
                copies[0] += 1
                if copies[0] == 4:
                    pause()

        export.shutil = HalfwayShutil()  # type: ignore[assignment]
    elif moment == "before-publish":
        publish = export._publish

        def before_publish(*a: Any, **k: Any) -> None:
            pause()
            publish(*a, **k)

        export._publish = before_publish  # type: ignore[assignment]
    else:
        append_published = export._append_published

        def after_publish(*a: Any, **k: Any) -> None:
            pause()
            append_published(*a, **k)

        export._append_published = after_publish  # type: ignore[assignment]

    from ecowarden.cli import main as cli_main

    sys.argv = ["ecowarden", *args]
    cli_main()


if __name__ == "__main__":
    main()
