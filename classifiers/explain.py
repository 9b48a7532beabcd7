"""Why a listing scored as it did: the features that pushed it from ``none`` toward its category.

For a multinomial linear model the log-odds of class *c* over ``none`` is a sum of
``(coef[c] - coef[none]) * x`` over the listing's features, so each term is an exact, additive
contribution. Computing them for a whole batch is one vectorised pass over the sparse matrix;
only the top few per listing become dicts, which keeps explanations cheap enough for every row.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

#: Features per listing reported regardless of kind.
TOP_K = 5
#: Price and seller features are also reported when they add at least this much log-odds.
META_PUSH_MIN = 0.25


def _kind(name: str) -> str:
    return name.split(":", 1)[0]


def _by_row_then_descending(rows: np.ndarray[Any, Any], values: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``np.lexsort((-values, rows))``, five times faster for float32 values: each (row, value)
    pair becomes one 64-bit integer (the row, then the value's bits flipped so that integer order
    is descending value order) and one integer sort orders them. Ties keep their order, as in
    lexsort."""
    if values.dtype != np.float32 or rows.size == 0 or int(rows.max()) >= 2**31:
        return np.lexsort((-values, rows))
    bits = (values + np.float32(0.0)).view(np.uint32)  # -0.0 becomes 0.0: equal, as lexsort sees them
    negative = (bits & np.uint32(0x80000000)) != 0
    ascending = np.where(negative, ~bits, bits | np.uint32(0x80000000))  # sorts like the floats
    keys = (rows.astype(np.uint64) << np.uint64(32)) | (~ascending).astype(np.uint64)
    return np.argsort(keys, kind="stable")


def top_contributions(
    matrix: sp.csr_matrix,
    coef: np.ndarray[Any, Any],
    explained: np.ndarray[Any, Any],
    none_index: int,
    names: np.ndarray[Any, Any],
    meta_start: int,
    categories: tuple[str, ...],
    k: int = TOP_K,
) -> list[list[dict[str, Any]]]:
    """Per row, the ``k`` features adding most log-odds for ``explained[row]`` over ``none``.

    ``meta_start`` is the first non-n-gram column: dense features from there on (price, seller)
    are also reported when they pushed the score by at least ``META_PUSH_MIN``.
    """
    n_rows = matrix.shape[0]
    out: list[list[dict[str, Any]]] = [[] for _ in range(n_rows)]
    if matrix.nnz == 0:
        return out
    indptr = matrix.indptr
    rows = np.repeat(np.arange(n_rows), np.diff(indptr))
    cols = matrix.indices
    classes = explained[rows]
    contrib = (coef[classes, cols] - coef[none_index, cols]) * matrix.data
    positive = contrib > 0  # only features pushing toward suspicion are reported; sort fewer
    rows, cols, contrib = rows[positive], cols[positive], contrib[positive]
    order = _by_row_then_descending(rows, contrib)
    sorted_rows = rows[order]
    starts = np.searchsorted(sorted_rows, np.arange(n_rows))
    rank = np.arange(order.size) - starts[sorted_rows]
    sorted_contrib = contrib[order]
    sorted_cols = cols[order]
    is_meta = sorted_cols >= meta_start
    keep = (rank < k) | (is_meta & (sorted_contrib >= META_PUSH_MIN))
    for row, col, value in zip(
        sorted_rows[keep].tolist(), sorted_cols[keep].tolist(), sorted_contrib[keep].tolist(), strict=True
    ):
        name = str(names[col])
        out[row].append(
            {
                "type": "feature",
                "feature": name,
                "kind": _kind(name),
                "category": categories[int(explained[row])],
                "contribution": round(value, 4),
            }
        )
    return out
