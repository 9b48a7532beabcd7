"""``ecowarden watch ...``: watchlists of search terms (list, show, add, remove, import, export,
init, stats). Search crawls run them: ``ecowarden crawl SITE --watch LIST``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ecowarden.config import Config

if TYPE_CHECKING:
    from storage.watchlists import WatchlistStore

DEFAULT_LIST_NAME = "default"


@contextmanager
def _store(cfg: Config) -> Iterator[tuple[WatchlistStore, Any]]:
    from storage.db import open_database
    from storage.watchlists import WatchlistStore

    engine, factory = open_database(cfg.database_url())
    try:
        yield WatchlistStore(factory), factory
    finally:
        engine.dispose()


def _operator() -> str:
    from evidence.settings import default_operator

    return f"cli:{default_operator()}"


def _counts(result: Any) -> str:
    parts = [
        f"{name} {getattr(result, name)}" for name in ("added", "updated", "restored", "unchanged", "removed")
    ]
    return ", ".join(parts)


def register(app: typer.Typer, config: Any, usage_problem: type[Exception]) -> None:
    watch_app = typer.Typer(
        help="Watchlists: the search terms search crawls run (crawl SITE --watch LIST).", no_args_is_help=True
    )
    app.add_typer(watch_app, name="watch")

    @contextmanager
    def store() -> Iterator[WatchlistStore]:
        from storage.term_rows import TermRowError
        from storage.watchlists import WatchlistError

        with _store(config()) as (watchlists, _factory):
            try:
                yield watchlists
            except (WatchlistError, TermRowError) as exc:
                raise usage_problem(str(exc)) from exc

    @watch_app.command("list")
    def list_(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
        """The watchlists and how many terms each has."""
        with store() as watchlists:
            lists = watchlists.lists()
        if as_json:
            typer.echo(
                json.dumps([{**vars(w), "updated_at": w.updated_at.isoformat()} for w in lists], indent=2)
            )
            return
        if not lists:
            typer.echo(
                f"no watchlists (`ecowarden watch init` installs the shipped '{DEFAULT_LIST_NAME}' list)"
            )
        for w in lists:
            typer.echo(f"{w.name}\t{w.terms} terms\t{w.description or w.source}")

    @watch_app.command()
    def show(
        name: str,
        removed: Annotated[bool, typer.Option(help="Also the terms removed from the list.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """A list's terms, in priority order."""
        with store() as watchlists:
            terms = watchlists.terms(name, include_removed=removed)
        if as_json:
            typer.echo(
                json.dumps(
                    [
                        {
                            "id": t.id,
                            **vars(t.row),
                            "added_by": t.added_by,
                            "added_at": t.added_at.isoformat(),
                            "removed_at": t.removed_at.isoformat() if t.removed_at else None,
                        }
                        for t in terms
                    ],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        for t in terms:
            gone = "\tremoved" if t.removed_at else ""
            typer.echo(f"{t.row.priority}\t{t.row.language}\t{t.row.category}\t{t.row.term}{gone}")

    @watch_app.command()
    def add(
        name: str,
        term: str,
        language: Annotated[str, typer.Option(help="ISO 639-1 code, or * for every language.")],
        category: Annotated[str, typer.Option(help="wildlife, timber, minerals, waste or any.")],
        priority: Annotated[int, typer.Option(help="1 (searched first) to 5.")] = 3,
        source: Annotated[str, typer.Option(help="Where the term comes from.")] = "",
    ) -> None:
        """Add a term to a list (the list is created if need be)."""
        from storage.term_rows import TermRow

        with store() as watchlists:
            row = TermRow.checked(term, language, category, priority, source)
            result = watchlists.add(name, [row], by=_operator())
        typer.echo(f"{name}: {_counts(result)}")

    @watch_app.command()
    def remove(
        name: str,
        term: str,
        language: Annotated[str | None, typer.Option(help="Only in this language (default: all).")] = None,
    ) -> None:
        """Remove a term from a list (its searches and what they found stay on record)."""
        with store() as watchlists:
            count = watchlists.remove(name, term, language)
        typer.echo(f"{name}: removed {count}")

    @watch_app.command("import")
    def import_(
        name: str,
        file: Annotated[
            Path, typer.Argument(help="A CSV file (term,language,category,priority[,source]); - for stdin.")
        ],
        replace: Annotated[
            bool, typer.Option(help="The list becomes the file's terms (others are removed).")
        ] = False,
        description: Annotated[str | None, typer.Option(help="Describe the list.")] = None,
    ) -> None:
        """Import terms from a CSV file an agency shared."""
        from storage.term_rows import read_csv

        if str(file) == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                data = file.read_bytes()
            except OSError as exc:
                raise usage_problem(f"cannot read {file}: {exc.strerror or exc}") from exc
        with store() as watchlists:
            parsed = read_csv(data)
            if not watchlists.exists(name):
                watchlists.create(name, description=description or "", source=f"imported from {file.name}")
            result = watchlists.add(name, parsed.rows, by=_operator(), replace=replace)
        extra = f" ({parsed.duplicates} repeated rows ignored)" if parsed.duplicates else ""
        typer.echo(f"{name}: {_counts(result)}{extra}")

    @watch_app.command()
    def export(
        name: str,
        file: Annotated[Path | None, typer.Argument(help="Write here (default: stdout).")] = None,
    ) -> None:
        """Export a list as CSV, the format `watch import` reads."""
        from storage.term_rows import write_csv

        with store() as watchlists:
            data = write_csv(t.row for t in watchlists.terms(name))
        if file is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        try:
            file.write_bytes(data)
        except OSError as exc:
            raise usage_problem(f"cannot write {file}: {exc.strerror or exc}") from exc

    @watch_app.command()
    def init(
        name: Annotated[str, typer.Option(help="Install it under this name.")] = DEFAULT_LIST_NAME,
    ) -> None:
        """Install (or bring up to date) the shipped default list, built from the lexicon."""
        from classifiers.watch_terms import DEFAULT_LIST, shipped_source
        from storage.term_rows import read_csv

        with store() as watchlists:
            parsed = read_csv(DEFAULT_LIST.read_bytes())
            if not watchlists.exists(name):
                watchlists.create(
                    name,
                    description="CITES Appendix I species and curated trade terms and code words",
                    source=shipped_source(),
                )
            result = watchlists.add(name, parsed.rows, by=_operator())
        typer.echo(f"{name}: {_counts(result)}")

    @watch_app.command()
    def stats(
        name: Annotated[str | None, typer.Argument(help="One list (default: all).")] = None,
        site: Annotated[str | None, typer.Option(help="One site (its name or key).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Per term and site: searches, result pages, results, stored, flagged, confirmed, dismissed."""
        with store() as watchlists:
            sites = watchlists.site_keys()
            site_id = None
            if site is not None:
                site_id = next((i for i, key in sites.items() if key == site), None)
                if site_id is None:
                    raise usage_problem(f"no site {site!r} has been crawled")
            rows = watchlists.stats(name, site_id)
        records = [{**vars(r), "site": sites.get(r.site_id, str(r.site_id))} for r in rows]
        if as_json:
            typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
            return
        if not records:
            typer.echo("no searches yet")
            return
        header = (
            "term",
            "lang",
            "site",
            "searches",
            "pages",
            "results",
            "stored",
            "flagged",
            "confirmed",
            "dismissed",
        )
        typer.echo("\t".join(header))
        for r in records:
            demoted = " (demoted)" if r["demoted"] else ""
            typer.echo(
                "\t".join(
                    str(v)
                    for v in (
                        r["term"] + demoted,
                        r["language"],
                        r["site"],
                        r["searches"],
                        r["pages"],
                        r["results"],
                        r["found"],
                        r["flagged"],
                        r["confirmed"],
                        r["dismissed"],
                    )
                )
            )

    @watch_app.command()
    def suggest(
        limit: Annotated[int, typer.Option(help="How many suggestions at most.")] = 30,
        min_listings: Annotated[int, typer.Option(help="In at least this many confirmed listings.")] = 3,
        min_sellers: Annotated[int, typer.Option(help="Of at least this many sellers.")] = 2,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Terms mined from confirmed listings (frequent there, rare elsewhere) that no watchlist
        has yet: add the good ones with `watch add`."""
        from classifiers.term_mining import iter_texts, mine_terms

        if limit < 1 or min_listings < 1 or min_sellers < 1:
            raise usage_problem("--limit, --min-listings and --min-sellers must be at least 1")
        with store() as watchlists:
            confirmed, others, known = watchlists.mining_rows()
            answered = watchlists.decided_terms()
        found = mine_terms(
            iter_texts(confirmed),
            iter_texts(others),
            known=[*known, *answered],
            min_listings=min_listings,
            min_sellers=min_sellers,
            limit=limit,
        )
        if as_json:
            typer.echo(json.dumps([vars(s) for s in found], ensure_ascii=False, indent=2))
            return
        if not found:
            typer.echo(f"no suggestions ({len(confirmed)} confirmed listings to learn from)")
            return
        typer.echo("term\tlanguage\tcategory\tconfirmed\tsellers\telsewhere\tscore")
        for s in found:
            typer.echo(
                f"{s.term}\t{s.language}\t{s.category}\t{s.confirmed}\t{s.sellers}\t{s.others}\t{s.score}"
            )

    @watch_app.command()
    def accept(
        term: str,
        into: Annotated[str, typer.Option("--into", help="The watchlist the term joins.")],
        language: Annotated[str, typer.Option(help="ISO 639-1 code, or * for every language.")],
        category: Annotated[str, typer.Option(help="wildlife, timber, minerals, waste or any.")] = "any",
    ) -> None:
        """Accept a suggested term into a watchlist (it is not suggested again)."""
        with store() as watchlists:
            watchlists.decide_suggestion(
                term, language, "accepted", by=_operator(), watchlist=into, category=category
            )
        typer.echo(f"{term!r} added to {into}")

    @watch_app.command()
    def reject(
        term: str,
        language: Annotated[str, typer.Option(help="ISO 639-1 code, or * for every language.")],
    ) -> None:
        """Reject a suggested term (it is not suggested again)."""
        with store() as watchlists:
            watchlists.decide_suggestion(term, language, "rejected", by=_operator())
        typer.echo(f"{term!r} will not be suggested again")
