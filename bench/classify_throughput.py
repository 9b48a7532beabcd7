"""Classification throughput on one core: listings/s and peak memory on 100,000 demo listings.

Listings come from the demo catalogue generator at a seed the model was not trained on. Two
figures: ``predict`` on prepared ``ListingInput`` batches (features, lexicon matching, calibrated
model, explanations), and the whole ``classify --input`` path (JSONL parsing, predict, JSON
output). Goal: over 5,000 listings/s.

    python bench/classify_throughput.py [--n 100000] [--model models/current.json] [--no-explain]
"""

from __future__ import annotations

import os

# One core means one BLAS thread too; set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from decimal import Decimal  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifiers.jsonl import LineError, read_jsonl  # noqa: E402
from classifiers.model import ListingClassifier  # noqa: E402
from classifiers.types import ListingInput  # noqa: E402
from demo.catalogue import generate_catalogue  # noqa: E402

BENCH_SEED = 90_210


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def listings(n: int, seed: int) -> list[ListingInput]:
    catalogue = generate_catalogue(seed, n)
    return [
        ListingInput(
            id=item.id,
            title=item.title,
            description=item.description,
            price=Decimal(item.price),
            currency=item.currency,
            lang=item.language,
            seller=item.seller_name,
        )
        for item in catalogue.listings
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=BENCH_SEED)
    parser.add_argument("--model", default=None, help="model card/folder (default: committed model)")
    parser.add_argument("--batch", type=int, default=2048)
    parser.add_argument("--no-explain", action="store_true")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    model = ListingClassifier.load(args.model)
    inputs = listings(args.n, args.seed)
    rss_before = peak_rss_mb()
    explain = not args.no_explain

    model.predict(inputs[:256], explain=explain)  # warm-up (lazy feature names, caches)
    started = time.perf_counter()
    predictions = model.predict(inputs, explain=explain, batch_size=args.batch)
    predict_s = time.perf_counter() - started
    flagged = sum(p.flagged for p in predictions)
    del predictions

    lines = [
        json.dumps(
            {
                "id": i.id,
                "title": i.title,
                "description": i.description,
                "price": str(i.price),
                "currency": i.currency,
                "lang": i.lang,
            },
            ensure_ascii=False,
        ).encode()
        + b"\n"
        for i in inputs
    ]
    payload = b"".join(lines)
    source = io.BytesIO(payload)
    del lines
    sink = io.StringIO()
    started = time.perf_counter()
    batch: list[ListingInput] = []
    for record in read_jsonl(source):
        if isinstance(record, LineError):
            continue
        batch.append(record)
        if len(batch) == args.batch:
            for p in model.predict(batch, explain=explain, batch_size=args.batch):
                sink.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
            batch = []
    for p in model.predict(batch, explain=explain, batch_size=args.batch):
        sink.write(json.dumps(p.to_dict(), ensure_ascii=False) + "\n")
    end_to_end_s = time.perf_counter() - started

    n = len(inputs)
    print(f"model {model.version}  listings {n}  seed {args.seed}  explanations {'on' if explain else 'off'}")
    print(f"predict():        {n / predict_s:>9,.0f} listings/s  ({predict_s:.1f} s, {flagged} flagged)")
    print(f"JSONL in -> out:  {n / end_to_end_s:>9,.0f} listings/s  ({end_to_end_s:.1f} s)")
    print(
        f"peak RSS {peak_rss_mb():.0f} MB (model + {n} listings in memory; "
        f"{rss_before:.0f} MB before predicting)"
    )
    command_figures(payload, n, args.model)


#: run the CLI and report its own high-water mark: a forked child's rusage would include the
#: parent's memory (it is inherited across fork and exec), /proc/self/status VmHWM is not
_CLI_WITH_PEAK = (
    "import atexit, sys\n"
    "def _peak():\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith('VmHWM:'):\n"
    "            sys.stderr.write('PEAK_KB=' + line.split()[1] + '\\n')\n"
    "atexit.register(_peak)\n"
    "sys.argv = ['ecowarden'] + sys.argv[1:]\n"
    "from ecowarden.cli import main\n"
    "main()\n"
)


def command_figures(payload: bytes, n: int, model: str | None) -> None:
    """The real command, as a user runs it, pinned to one core: start-up and model load included."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "listings.jsonl", Path(tmp) / "predictions.jsonl"
        source.write_bytes(payload)
        command = [
            sys.executable,
            "-c",
            _CLI_WITH_PEAK,
            "classify",
            "--input",
            str(source),
            "--output",
            str(target),
        ]
        if model:
            command += ["--model", model]
        core = str(min(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else "0"
        started = time.perf_counter()
        done = subprocess.run(
            ["taskset", "-c", core, *command], cwd=ROOT, check=True, capture_output=True, text=True
        )
        wall = time.perf_counter() - started
        peak_kb = next(
            (int(x.split("=")[1]) for x in done.stderr.splitlines() if x.startswith("PEAK_KB=")), 0
        )
        written = sum(1 for _ in target.open("rb"))
    print(
        f"ecowarden classify: {n / wall:>9,.0f} listings/s  ({wall:.1f} s wall incl. start-up, "
        f"{written} predictions, peak RSS {peak_kb / 1024:.0f} MB)"
    )


if __name__ == "__main__":
    main()
