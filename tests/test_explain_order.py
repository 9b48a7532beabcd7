"""The explanation's fast ordering is exactly lexsort's (row, then descending contribution)."""

from __future__ import annotations

import numpy as np

from classifiers.explain import _by_row_then_descending


def test_same_order_as_lexsort_with_ties_signed_zeros_and_tiny_values() -> None:
    rng = np.random.default_rng(1)
    for _ in range(50):
        n = int(rng.integers(4, 5000))
        rows = np.sort(rng.integers(0, 50, n))
        values = rng.normal(size=n).astype(np.float32)
        values[rng.integers(0, n, n // 5)] = 0.5  # ties keep their order
        values[:3] = [-0.0, 0.0, 1e-30]
        assert np.array_equal(np.lexsort((-values, rows)), _by_row_then_descending(rows, values))


def test_other_dtypes_fall_back_to_lexsort() -> None:
    rows = np.array([1, 0, 1, 0])
    values = np.array([0.1, 0.3, 0.2, 0.3], dtype=np.float64)
    assert np.array_equal(_by_row_then_descending(rows, values), np.lexsort((-values, rows)))
    assert _by_row_then_descending(np.array([], dtype=np.int64), np.array([], dtype=np.float32)).size == 0
