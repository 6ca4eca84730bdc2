"""Pairing NEW's variables with OLD's by TF1 name."""
import pytest

tf = pytest.importorskip("tensorflow")

from unscope.verify.names import pair_variables, tf1_name  # noqa: E402
from unscope.verify.old import VariableInfo  # noqa: E402


def test_tf1_name_strips_the_output_index():
    assert tf1_name(tf.Variable(1.0, name="a/b/w")) == "a/b/w"

    class KerasStyle:  # Keras 3 variables: short .name, full .path
        name, path = "kernel", "dense/kernel"

    assert tf1_name(KerasStyle()) == "dense/kernel"


def test_pairing_reports_every_kind_of_difference():
    old = [VariableInfo("a/w", (2, 3), "float32", True),
           VariableInfo("a/b", (3,), "float32", True),
           VariableInfo("bn/mean", (3,), "float32", False),
           VariableInfo("gone", (1,), "float32", True),
           VariableInfo("shared", (2,), "float32", True)]
    w = tf.Variable(tf.zeros([3, 2]), name="a/w")                   # transposed
    b = tf.Variable(tf.zeros([3], tf.float64), name="a/b")          # dtype
    mean = tf.Variable(tf.zeros([3]), name="bn/mean")               # trainable in NEW
    s1 = tf.Variable(tf.zeros([2]), name="shared")
    s2 = tf.Variable(tf.zeros([2]), name="shared")                  # TF1 has one
    extra = tf.Variable(tf.zeros([1]), name="new_only")
    p = pair_variables(old, [w, b, mean, s1, s2, extra])
    assert [i.name for i in p.missing] == ["gone"]
    assert [n for n, _ in p.extra] == ["new_only"]
    assert p.duplicated == {"shared": 2}
    assert sorted((n, what) for n, what, *_ in p.mismatched) == [
        ("a/b", "dtype"), ("a/w", "shape"), ("bn/mean", "trainable")]
    assert set(p.matched) == {"a/w", "a/b", "bn/mean", "shared"}
