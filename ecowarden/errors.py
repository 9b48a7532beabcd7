"""How every ``ecowarden`` command reports failure: one line on stderr and an exit code scripts
can trust (0 done, 1 failed, 2 bad input); warnings are one line on stderr too. In its own module so
that the command modules the CLI registers can use it without importing the CLI itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from ecowarden.config import Config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageProblem(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    typer.echo(f"ecowarden: error: {message}", err=True)
    raise typer.Exit(code)


def warn(message: str) -> None:
    """A warning on stderr, shaped like an error line (stdout stays for results and --json)."""
    typer.echo(f"ecowarden: warning: {message}", err=True)


def warn_if_capturing_without_tsa(cfg: Config) -> None:
    """Before a command captures evidence: say on stderr (and in the log) that no timestamp
    authority is configured, once per process."""
    from evidence.settings import warn_if_no_tsa

    warn_if_no_tsa(cfg.evidence.tsa_url, warn)
