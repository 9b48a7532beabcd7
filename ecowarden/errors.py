"""How every ``ecowarden`` command reports failure: one line on stderr and an exit code scripts
can trust (0 done, 1 failed, 2 bad input). In its own module so that the command modules the CLI
registers can use it without importing the CLI itself."""

from __future__ import annotations

from typing import NoReturn

import typer

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageProblem(Exception):
    """Bad input from the user: printed as one line, exit code 2."""


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    typer.echo(f"ecowarden: error: {message}", err=True)
    raise typer.Exit(code)
