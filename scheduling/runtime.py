"""What a running scheduler hands its jobs (config, database, child processes, its output).

Its own module because both the job functions and the re-capture step they call take it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session, sessionmaker

from ecowarden.config import Config
from scheduling.children import Children


@dataclass
class JobRuntime:
    """What a running scheduler hands its jobs: config, database, child processes, its output."""

    config: Config
    factory: sessionmaker[Session]
    children: Children
    report: Callable[[str], None]
    #: the ``--config`` file the scheduler was started with, passed on to the crawls it starts
    config_path: str | None = None
    stopping: threading.Event = field(default_factory=threading.Event)

    def ecowarden(self, *args: str) -> list[str]:
        """The command line of an ``ecowarden`` subcommand run with this scheduler's config."""
        config = ["--config", self.config_path] if self.config_path else []
        return [sys.executable, "-m", "ecowarden", *config, *args]
