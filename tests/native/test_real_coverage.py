"""tests/native/real_coverage.py: counts the report's functions by verdict on a tree, and groups
reasons that differ only in names and numbers."""
from tests.native.real_coverage import measure, reason_kind, table

MODEL = '''import tensorflow as tf


def dense(x, units):
    with tf.variable_scope("dense"):
        return tf.matmul(x, tf.get_variable("w", [4, units]))


def helper(x, *args):
    with tf.variable_scope("helper"):
        return x * tf.get_variable("v", [4], *args)


def model(x):
    return helper(dense(x, 4))
'''


def test_reasons_differing_only_in_names_and_lines_group_together():
    a = {"name": "dense", "verdict": "compat_island",
         "reason": "dense is referenced outside the functions native mode rewrites (line 26); dense stays in TF1 form"}
    b = {"name": "embed", "verdict": "compat_island",
         "reason": "embed is referenced outside the functions native mode rewrites (line 30); embed stays in TF1 form"}
    assert reason_kind(a) == reason_kind(b)
    assert "TF1" in reason_kind(a) and "26" not in reason_kind(a)
    c = dict(a, reason="*args/**kwargs: the structural arguments cannot be told from the tensors")
    assert reason_kind(c) != reason_kind(a)


def test_a_tree_is_counted_from_its_report(tmp_path):
    tree = tmp_path / "proj"
    tree.mkdir()
    (tree / "model.py").write_text(MODEL)
    result = measure(tree, tmp_path / "out")
    assert (tree / "model.py").read_text() == MODEL  # read, never written
    assert sum(result["counts"].values()) == 3 and result["exit"] == 0
    assert result["counts"]["native"] == 2 and result["counts"]["compat_island"] == 1  # inside Model
    (reason,) = result["reasons"]
    assert "*args" in reason
    rows = table({"proj": result}).splitlines()
    assert rows[2].startswith("| proj | 2 | 1 | 0 | 0 | 3 | 67 % |") and rows[-1].startswith("| **all** | 2 | 1")
