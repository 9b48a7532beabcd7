"""``ecowarden link``: the linking of stored listings, run offline on a file of listings."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from ecowarden.errors import EXIT_FAILED, EXIT_USAGE, fail
from ecowarden.progress import status_line


def register(app: typer.Typer) -> None:
    @app.command("link")
    def link_command(
        input_path: Annotated[Path, typer.Option("--input", help="JSONL listings to link.")],
        output: Annotated[Path, typer.Option("--output", help="Where groups go (JSONL; - for stdout).")],
        as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    ) -> None:
        """Link listings offline: which are one actor's, which actors form a network, and why.

        Input lines: {"id", "site", "url", "title", "description", "price", "currency",
        "seller_name", "location", "images"}; output lines: {"id", "actor", "network", "reasons"}.
        """
        from networks.link_file import link_file

        if not input_path.is_file():
            fail(f"no such input file: {input_path}", EXIT_USAGE)
        with status_line("linking listings"):
            if str(output) == "-":
                summary = link_file(input_path, sys.stdout)
            else:
                output.parent.mkdir(parents=True, exist_ok=True)
                partial = output.with_name(output.name + ".partial")
                with partial.open("w", encoding="utf-8") as handle:
                    summary = link_file(input_path, handle)
                partial.replace(output)  # a killed run leaves no half-written groups under the name
        for bad in summary.bad_lines[:20]:
            typer.echo(f"{input_path}:{bad['line']}: {bad['error']}", err=True)
        facts = summary.to_json()
        if as_json:
            typer.echo(json.dumps(facts, indent=2), err=str(output) == "-")
        else:
            typer.echo(
                f"linked {facts['listings']} listings: {facts['actors']} actors (largest"
                f" {facts['largest_actor']}), {facts['networks']} networks (largest"
                f" {facts['largest_network']}), {facts['generic_identifiers']} generic identifiers"
                + (f"; skipped {facts['skipped']} bad lines" if facts["skipped"] else ""),
                err=True,
            )
        if summary.listings == 0 and summary.bad_lines:
            raise typer.Exit(EXIT_FAILED)
