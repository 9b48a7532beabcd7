"""The classifier's jobs for the CLI: classify a JSONL file or the database, train, evaluate."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ecowarden.config import Config
from ecowarden.progress import progress_bar

if TYPE_CHECKING:
    from classifiers.model import ListingClassifier

MAX_ERRORS_SHOWN = 20
#: Characters that JSON allows raw inside strings but that ``str.splitlines`` (and other line
#: readers) take for line breaks; written escaped so every output line is one prediction.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def load_model(config: Config, path: str | None) -> ListingClassifier:
    from classifiers.model import ListingClassifier

    chosen = path or (
        str(config.path(config.classifier.model_path)) if config.classifier.model_path else None
    )
    return ListingClassifier.load(chosen)


@contextmanager
def _open_output(path: Path) -> Iterator[IO[str]]:
    if str(path) == "-":
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with tmp.open("w", encoding="utf-8") as handle:
        yield handle
    tmp.replace(path)  # a crashed run leaves no half-written output under the real name


def json_line(record: dict[str, Any]) -> str:
    """``record`` as one JSONL line: readable Unicode, but no character a reader could split on."""
    return json.dumps(record, ensure_ascii=False).translate(_LINE_BREAKS) + "\n"


def classify_file(model: Any, source: Path, target: Path, *, batch_size: int = 2000) -> dict[str, Any]:
    """Stream JSONL in, predictions out; bad lines are reported and skipped, never fatal."""
    from classifiers.jsonl import JsonlStats, LineError, read_jsonl

    stats = JsonlStats()
    written = flagged = shown = 0
    errors: list[dict[str, Any]] = []
    with _open_output(target) as out, progress_bar() as progress:
        task = progress.add_task("classifying", total=None)
        batch: list[Any] = []

        def flush() -> None:
            nonlocal written, flagged
            for prediction in model.predict(batch):
                out.write(json_line(prediction.to_dict()))
                written += 1
                flagged += prediction.flagged
            progress.advance(task, len(batch))
            batch.clear()

        for record in read_jsonl(source, stats):
            if isinstance(record, LineError):
                if shown < MAX_ERRORS_SHOWN:
                    print(f"{source}:{record.line_no}: {record.message}", file=sys.stderr)
                    shown += 1
                errors.append(record.to_dict())
                continue
            batch.append(record)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
    if len(errors) > shown:
        print(f"... and {len(errors) - shown} more bad lines", file=sys.stderr)
    return {
        "lines": stats.lines,
        "classified": written,
        "flagged": flagged,
        "skipped": len(errors),
        "empty_text": stats.empty_text,
        "truncated": stats.truncated,
        "unknown_fields": dict(stats.unknown_fields),
        "model_version": model.version,
    }


def stored_input(row: Any) -> Any:
    """A stored listing (``storage.predictions.StoredListing``) as classifier input."""
    from classifiers.types import ListingInput

    return ListingInput.of(str(row.id), row.content, url=row.url, text_language=row.text_language)


def classify_database(config: Config, model: Any, *, batch_size: int = 1000) -> dict[str, Any]:
    """Classify stored listings whose current version has no verdict from this model."""
    from storage.db import open_database
    from storage.predictions import PredictionStore

    engine, factory = open_database(config.database_url())
    store = PredictionStore(factory)
    done = flagged = 0
    after = 0
    try:
        with progress_bar() as progress:
            task = progress.add_task("classifying stored listings", total=None)
            while rows := store.unclassified(model.version, after_id=after, limit=batch_size):
                inputs = [stored_input(row) for row in rows]
                predictions = model.predict(inputs)
                # the threshold rides along: the queue's "informative" order measures the
                # score's distance to it
                store.save(
                    [
                        p.verdict(model.threshold).row(row.id, row.version)
                        for row, p in zip(rows, predictions, strict=True)
                    ]
                )
                done += len(rows)
                flagged += sum(p.flagged for p in predictions)
                after = rows[-1].id
                progress.advance(task, len(rows))
    finally:
        engine.dispose()
    return {"classified": done, "flagged": flagged, "model_version": model.version}


def analyst_examples(config: Config) -> list[Any]:
    """Confirmed and dismissed decisions from the database, as weighted training examples."""
    from classifiers.types import LabeledExample
    from storage.db import open_database
    from storage.predictions import PredictionStore

    engine, factory = open_database(config.database_url())
    try:
        examples = []
        for decision in PredictionStore(factory).training_decisions():
            category = "none" if decision.action == "dismiss" else decision.category
            if category is None:
                continue  # a confirmation without a category says nothing about which one
            examples.append(
                LabeledExample(stored_input(decision.listing), category, config.classifier.decision_weight)
            )
        return examples
    finally:
        engine.dispose()
