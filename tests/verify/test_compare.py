"""Element-wise comparison and output pairing (numpy only)."""
import math

import numpy as np
import pytest

from unscope.verify.compare import compare_arrays, pair_outputs
from unscope.verify.report import DIFFERS, OK

# (old, new, expected status)
CASES = [
    ([1.0, 2.0], [1.0, 2.0], OK),
    ([1.0, 2.0], [1.0 + 5e-6, 2.0], OK),            # within atol 1e-5
    ([1000.0], [1000.0 + 5e-3], DIFFERS),           # 5e-3 > 1e-5 + 1e-6 * 1000
    ([1000.0], [1000.0 + 5e-4], OK),                # 5e-4 < 1e-5 + 1e-6 * 1000
    ([1e6], [1e6 + 0.5], OK),                       # rtol: 1e-5 + 1.0 allowed
    ([0.0], [2e-5], DIFFERS),
    ([np.nan, 1.0], [np.nan, 1.0], OK),
    ([np.nan], [1.0], DIFFERS),
    ([np.inf], [np.inf], OK),
    ([np.inf], [-np.inf], DIFFERS),
    (np.array([1, 2], np.int32), np.array([1, 2], np.int32), OK),
    (np.array([1, 2], np.int32), np.array([1, 3], np.int32), DIFFERS),
    (np.array([True]), np.array([False]), DIFFERS),
    (np.zeros([0, 3]), np.zeros([0, 3]), OK),
]


@pytest.mark.parametrize("old, new, status", CASES)
def test_compare_arrays(old, new, status):
    assert compare_arrays("output", "y", old, new).status == status


def test_worst_element_and_errors():
    old = np.zeros([2, 3], np.float32)
    new = old.copy()
    new[1, 2] = 0.5
    new[0, 1] = 1e-6
    row = compare_arrays("output", "y", old, new)
    assert row.status == DIFFERS
    assert row.worst_index == [1, 2]
    assert row.max_abs == pytest.approx(0.5)
    assert math.isinf(row.max_rel)  # relative to an exact zero
    assert (row.old_value, row.new_value) == (0.0, 0.5)


def test_relative_error_and_tolerances():
    row = compare_arrays("gradient", "w", [2.0, 4.0], [2.0, 4.2], rtol=0.1, atol=0.0)
    assert row.status == OK and row.max_rel == pytest.approx(0.05)
    assert compare_arrays("gradient", "w", [2.0, 4.0], [2.0, 4.2]).status == DIFFERS


def test_shape_mismatch_is_a_difference():
    row = compare_arrays("output", "y", np.zeros([2, 3]), np.zeros([3, 2]))
    assert row.status == DIFFERS and "shape [2, 3] in OLD, [3, 2] in NEW" in row.note


def test_pair_outputs_by_key_then_position():
    pairs, problem = pair_outputs([("a", 1), ("b", 2)], [("b", 20), ("a", 10)])
    assert problem == "" and pairs == [("a", 1, 10), ("b", 2, 20)]
    pairs, problem = pair_outputs([("a", 1), ("b", 2)], [("0", 10), ("1", 20)])
    assert problem == "" and pairs == [("a|0", 1, 10), ("b|1", 2, 20)]
    pairs, problem = pair_outputs([("output", 1)], [("0", 1), ("1", 2)])
    assert pairs == [] and "OLD returns 1 output (output), NEW returns 2" in problem


def test_output_dtype_is_checked_when_asked():
    old, new = np.ones(3, np.float32), np.ones(3, np.float64)
    assert compare_arrays("gradient", "w", old, new).status == OK
    row = compare_arrays("output", "y", old, new, check_dtype=True)
    assert row.status == DIFFERS and row.note == "dtype float32 in OLD, float64 in NEW"


# --- gradients: also within scale_rtol of the tensor's largest |OLD| ----------------------

def test_scale_tolerance_follows_the_tensors_largest_element():
    old = np.array([500.0, 0.0, -3.0])
    near_zero = np.array([500.0, 2e-3, -3.0])   # 2e-3 <= 1e-5 + 1e-4 * 500
    assert compare_arrays("gradient", "g", old, near_zero).status == DIFFERS
    assert compare_arrays("gradient", "g", old, near_zero, scale_rtol=1e-4).status == OK
    too_far = np.array([500.0, 0.1, -3.0])       # 0.1 > 1e-5 + 1e-4 * 500
    assert compare_arrays("gradient", "g", old, too_far, scale_rtol=1e-4).status == DIFFERS


def test_scale_tolerance_catches_a_small_tensor_next_to_big_ones():
    # the scale is per tensor: a tensor of small values is not excused by another's size
    small = np.array([1e-2, -2e-2])
    assert compare_arrays("gradient", "g", small, small * 1.01, scale_rtol=1e-4,
                          atol=0.0).status == DIFFERS


def test_float32_summation_order_noise_is_within_the_scale_tolerance():
    # the same float32 sums in two orders (what eager and TF1 graph kernels do): noise that
    # element-wise rtol flags where terms cancel, far below 1e-4 of the tensor's scale
    rng = np.random.default_rng(0)
    terms = (rng.standard_normal((64, 4096)) * 100).astype(np.float32)
    forward = np.zeros(64, np.float32)
    for column in terms.T:
        forward += column
    pairwise = terms.sum(axis=1, dtype=np.float32)
    assert not np.array_equal(forward, pairwise)
    assert compare_arrays("gradient", "g", forward, pairwise, rtol=0.0, atol=0.0,
                          scale_rtol=1e-4).status == OK
    assert compare_arrays("gradient", "g", forward, pairwise, rtol=0.0, atol=0.0).status == DIFFERS
