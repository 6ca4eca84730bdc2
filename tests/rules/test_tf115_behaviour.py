"""TF1 model code that TF 2.21 breaks, run before and after migration.

Each program is TF1 code (2018 style).  Its TF1 result comes from TF1 itself: the program run
in a ``tf.compat.v1`` graph with every TF1 behaviour on (tests/rules/tf115_oracle.py).  The
migrated program must equal it in a TF 2 graph, eagerly through ``unscope.track`` and under
``tf.function``; the untouched program must fail (or answer differently) on TF 2.21, which is
what the rule is for.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.migrate import programs
from unscope.migrate import migrate_source

SHAPES = '''
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-1, 1, 24, dtype=np.float32).reshape(2, 3, 4)}


def fc(x, scope, nh):
    with tf.variable_scope(scope):
        nin = x.get_shape()[1].value
        w = tf.get_variable("w", [nin, nh])
        b = tf.get_variable("b", [nh], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


def build(x):
    n_state = x.shape[-1].value
    shape = x.get_shape()
    d = shape[1].value
    dims = [v.value for v in x.get_shape()]
    batch = x.get_shape()[0].value or tf.shape(x)[0]
    h = tf.reshape(x, [-1, n_state])
    h = fc(h, "fc1", (tf.Dimension(n_state) * 2).value)
    first, second = h.get_shape()
    rest = tf.TensorShape([None, 5])[1].value
    same = [x.shape.dims[0].value, int(x.get_shape()[1]), x.get_shape().as_list()[2]]
    out = tf.reshape(h, [batch, d, second.value])
    return out, tf.constant(dims), tf.constant(same + [rest, first.value])
'''

TENSOR_TYPE = '''
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.arange(6, dtype=np.float32).reshape(2, 3)}


def as_float(t):
    if type(t) is tf.Tensor:
        return t
    return tf.constant(t, dtype=tf.float32)


def build(x):
    y = as_float(x * 2.0)
    other = type(y) != tf.Tensor
    return y + as_float(1.0), tf.constant(other)
'''

CONV_TRANSPOSE = '''
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.linspace(-1, 1, 64, dtype=np.float32).reshape(2, 4, 4, 2)}


def build(x):
    h = tf.boolean_mask(x, tf.reduce_sum(x, [1, 2, 3]) > -100.0)   # batch size unknown statically
    w = tf.get_variable("deconv/w", [3, 3, 3, 2])
    y = tf.nn.conv2d_transpose(h, w, [2, 8, 8, 3], [1, 2, 2, 1], "SAME")
    return tf.reshape(y, y.get_shape())
'''

EQUALITY = '''
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"x": np.ones((2, 4), dtype=np.float32)}


def build(x):
    with tf.variable_scope("m"):
        w = tf.get_variable("w", [4, 3])
        b = tf.get_variable("b", [3])
        count = tf.get_variable("count", [3], trainable=False, initializer=tf.ones_initializer())
    train = tf.trainable_variables()
    frozen = [v for v in tf.global_variables() if v not in tf.trainable_variables()]
    shared = [v for v in tf.global_variables() if v in train]
    return tf.matmul(x, w) + b + tf.add_n(frozen), tf.add_n([tf.reduce_sum(v) for v in shared])
'''


def tf115(sources: list[str]) -> list[dict]:
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONPATH": str(programs.ROOT)}
    done = subprocess.run([sys.executable, "-m", "tests.rules.tf115_oracle"], input=json.dumps(sources),
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def oracle():
    # CONV_TRANSPOSE fails on TF 2.21's TF1 graph too; its numbers come from the same program
    # without the reshape to its own static shape (an identity in TF 1.15)
    without_reshape = CONV_TRANSPOSE.replace("tf.reshape(y, y.get_shape())", "y")
    isinstance_typed = TENSOR_TYPE.replace("type(t) is tf.Tensor", "isinstance(t, tf.Tensor)") \
                                  .replace("type(y) != tf.Tensor", "not isinstance(y, tf.Tensor)")
    names = ["shapes", "tensor_type", "conv", "conv_plain", "typed", "equality"]
    answers = tf115([SHAPES, TENSOR_TYPE, CONV_TRANSPOSE, without_reshape, isinstance_typed, EQUALITY])
    return dict(zip(names, answers))


def migrated(source: str) -> str:
    result = migrate_source(source)
    assert result.error is None and result.changed
    return result.code


def test_shape_entries_run_as_in_tf1(oracle):
    code = migrated(SHAPES)
    assert "n_state = tf.compat.dimension_value(x.shape[-1])" in code
    assert "(tf.compat.v1.Dimension(n_state) * 2).value" in code   # still a Dimension in TF 2
    programs.assert_migration_equal(SHAPES, code, oracle["shapes"])
    with pytest.raises(AttributeError, match="'int' object has no attribute 'value'"):
        programs.run_graph(SHAPES)


def test_type_is_tensor_runs_as_in_tf1(oracle):
    code = migrated(TENSOR_TYPE)
    assert "isinstance(t, tf.Tensor)" in code and "not isinstance(y, tf.Tensor)" in code
    # TF 2.21's own TF1 graph answers False for `type(t) is tf.Tensor` (SymbolicTensor), so the
    # original calls tf.constant on a graph tensor there and fails; TF 1.15 took the tensor
    # branch, which is what the isinstance spelling computes in TF1 graph mode
    assert "TypeError" in oracle["tensor_type"]["error"], oracle["tensor_type"]
    assert oracle["typed"]["outputs"][1] is False
    programs.assert_migration_equal(TENSOR_TYPE, code, oracle["typed"])


def test_conv2d_transpose_keeps_its_static_shape(oracle):
    assert "Cannot convert a partially known TensorShape" in oracle["conv"]["error"]
    code = migrated(CONV_TRANSPOSE)
    assert "unscope.conv2d_transpose(" in code
    programs.assert_migration_equal(CONV_TRANSPOSE, code, oracle["conv_plain"])


def test_membership_in_variable_lists_is_identity(oracle):
    code = migrated(EQUALITY)
    assert "not unscope.is_in(v, unscope.trainable_variables())" in code
    programs.assert_migration_equal(EQUALITY, code, oracle["equality"])
    # the same program without the is_in rewrite: TF 2 compares the variables elementwise
    plain = code.replace("not unscope.is_in(v, unscope.trainable_variables())",
                         "v not in unscope.trainable_variables()").replace("unscope.is_in(v, train)", "v in train")
    assert "is_in" not in plain
    with pytest.raises(ValueError, match="truth value of an array"):
        programs.run_eager(plain)


def test_scan_has_nothing_to_say_about_the_rewritten_spellings(tmp_path):
    import unscope

    for i, source in enumerate([SHAPES, TENSOR_TYPE, CONV_TRANSPOSE, EQUALITY]):
        (tmp_path / f"m{i}.py").write_text(migrated(source))
    result = unscope.scan([str(tmp_path)])
    assert not result.failures
    flagged = [str(f) for f in result.findings
               if any(word in f.api for word in ("dimension", "Dimension", "conv", "is_in", "Tensor"))]
    assert flagged == []
    assert all(f.verdict != "manual" for f in result.findings), [str(f) for f in result.findings]
