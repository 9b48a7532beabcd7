"""``ecowarden networks``: link the stored listings, list and show the networks, export them."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ecowarden.errors import EXIT_USAGE, fail
from ecowarden.progress import status_line

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

FORMATS = ("json", "csv", "graphml")


def register(app: typer.Typer, config: Any) -> None:
    networks_app = typer.Typer(
        help="Offender networks: which listings one actor is behind, and how actors connect.",
        no_args_is_help=True,
    )
    app.add_typer(networks_app, name="networks")

    @contextmanager
    def database() -> Iterator[sessionmaker[Session]]:
        from storage.db import open_database

        engine, factory = open_database(config().database_url())
        try:
            yield factory
        finally:
            engine.dispose()

    @networks_app.command("build")
    def build(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
        """Link every stored listing (identifiers, seller accounts, near-identical texts)."""
        from networks.store import build_networks

        with database() as factory, status_line("linking stored listings"):
            summary = build_networks(factory)
        if as_json:
            typer.echo(json.dumps(summary.to_json(), indent=2))
            return
        typer.echo(
            f"linked {summary.listings} listings: {summary.actors} actors (largest {summary.largest_actor}),"
            f" {summary.networks} networks (largest {summary.largest_network}), {summary.links} links,"
            f" {summary.generic_identifiers} generic identifiers left unmerged"
        )

    @networks_app.command("list")
    def list_command(
        min_actors: Annotated[int, typer.Option(help="Only networks of at least this many actors.")] = 1,
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """Networks of two listings or more, largest first (run `networks build` first)."""
        from networks.store import list_networks

        with database() as factory:
            rows = list_networks(factory, min_actors=min_actors)
        if as_json:
            typer.echo(json.dumps([row.__dict__ for row in rows], indent=2))
            return
        if not rows:
            typer.echo("no networks (run `ecowarden networks build` after a crawl)")
        for row in rows:
            typer.echo(
                f"network {row.network}: {row.listings} listings, {row.actors} actors, {row.links} links"
                f" on {', '.join(row.sites)}"
            )

    @networks_app.command("show")
    def show(
        network: Annotated[int, typer.Argument(help="A network id from `networks list`.")],
        as_json: Annotated[bool, typer.Option("--json")] = False,
    ) -> None:
        """A network's listings by actor, and every link with its reason."""
        from networks.store import network_graph

        with database() as factory:
            graph = network_graph(factory, network)
        if graph.number_of_nodes() == 0:
            fail(f"no network {network} (see `ecowarden networks list`)", EXIT_USAGE)
        data = _as_json(graph)
        if as_json:
            typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        actors: dict[int, list[dict[str, Any]]] = {}
        for node in data["listings"]:
            actors.setdefault(node["actor"], []).append(node)
        typer.echo(f"network {network}: {len(data['listings'])} listings, {len(actors)} actors")
        for actor, members in sorted(actors.items()):
            typer.echo(f"  actor {actor}:")
            for node in members:
                typer.echo(f"    listing {node['id']} [{node['site']}] {node['seller']} {node['title'][:80]}")
        for edge in data["links"]:
            typer.echo(f"  {edge['a']} -- {edge['b']} ({edge['layer']}): {edge['reason']}")

    @networks_app.command("export")
    def export(
        output: Annotated[Path, typer.Option("--output", "-o", help="The file to write (- for stdout).")],
        fmt: Annotated[str, typer.Option("--format", help="json, csv (the links) or graphml.")] = "json",
        network: Annotated[int | None, typer.Option(help="Only this network.")] = None,
        pseudonymise: Annotated[
            bool,
            typer.Option(
                "--pseudonymise",
                help="Sellers and identifiers as keyed pseudonyms (stable for this installation).",
            ),
        ] = False,
    ) -> None:
        """Every network (or one) as JSON, a CSV of links, or GraphML for graph tools."""
        from networks.store import network_graph

        if fmt not in FORMATS:
            fail(f"--format must be one of {', '.join(FORMATS)}", EXIT_USAGE)
        with database() as factory:
            graph = network_graph(factory, network)
        if pseudonymise:
            _pseudonymise(graph, _pseudonyms(config()))
        target = sys.stdout if str(output) == "-" else output.open("w", encoding="utf-8", newline="")
        try:
            if fmt == "json":
                target.write(json.dumps(_as_json(graph), indent=2, ensure_ascii=False) + "\n")
            elif fmt == "csv":
                writer = csv.writer(target)
                writer.writerow(["a_listing", "b_listing", "layer", "reason"])
                for a, b, attrs in graph.edges(data=True):
                    writer.writerow([a, b, attrs["layer"], _cell(attrs["reason"])])
            else:
                import networkx as nx

                target.write("\n".join(nx.generate_graphml(graph)) + "\n")
        finally:
            if target is not sys.stdout:
                target.close()


def _pseudonyms(cfg: Any) -> Any:
    """This installation's pseudonyms: the key is derived from its Ed25519 key (deterministic
    signatures), so every export pseudonymises a value the same way and nothing new is kept."""
    import hashlib

    from evidence.signing import installation_key
    from networks.masking import Pseudonyms

    key = installation_key(cfg.path(cfg.evidence.dir))
    return Pseudonyms(hashlib.sha256(key.sign(b"ecowarden export pseudonyms, v1")).digest())


def _pseudonymise(graph: Any, pseudonyms: Any) -> None:
    """Sellers, and the identifiers in titles and link reasons, replaced in place by pseudonyms."""
    for _node, attrs in graph.nodes(data=True):
        if attrs.get("seller"):
            attrs["seller"] = pseudonyms.of("seller", attrs["seller"])
        attrs["title"] = pseudonyms.text(attrs.get("title") or "")
    for _a, _b, attrs in graph.edges(data=True):
        reason = attrs.get("reason") or ""
        if reason.startswith("same seller account "):
            attrs["reason"] = "same seller account"  # the account name is the seller's
        else:
            attrs["reason"] = pseudonyms.text(reason)


def _cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _as_json(graph: Any) -> dict[str, Any]:
    return {
        "listings": [{"id": node, **attrs} for node, attrs in sorted(graph.nodes(data=True))],
        "links": [{"a": a, "b": b, **attrs} for a, b, attrs in graph.edges(data=True)],
    }
