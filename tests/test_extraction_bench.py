"""Regression guard: price F1 on the real product-pages benchmark (0.955 at the last tuning; Zyte 0.940)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "product-pages"


@pytest.mark.skipif(
    not (DATA / "ground-truth.json").exists(), reason="../shared/data/product-pages is absent"
)
def test_price_f1_beats_extruct_baseline() -> None:
    spec = importlib.util.spec_from_file_location("extraction_f1", ROOT / "bench/extraction_f1.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up while being built
    spec.loader.exec_module(bench)
    report = bench.run(DATA)
    assert report.pages == 70
    assert report.f1 > 0.703, "\n".join(report.misses)
    assert report.f1 >= 0.95, f"F1 {report.f1:.3f} regressed"


def test_scorer_counts_like_the_benchmark() -> None:
    spec = importlib.util.spec_from_file_location("extraction_f1", ROOT / "bench/extraction_f1.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # dataclasses look their module up while being built
    spec.loader.exec_module(bench)
    report = bench.Report()
    assert bench.score_price("15.990", ["15.99"], report)  # Decimal equality
    assert not bench.score_price("16", ["15.99"], report)  # FP and FN
    assert not bench.score_price(None, ["1"], report)  # FN
    assert bench.score_price(None, None, report)  # nothing to find
    assert not bench.score_price("3", None, report)  # FP only
    assert (report.tp, report.fp, report.fn) == (1, 2, 2)
