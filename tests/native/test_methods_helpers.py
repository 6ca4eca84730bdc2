"""Callable helper objects (DCGAN's ``self.d_bn1 = batch_norm(name="d_bn1")``) in model classes.

The zoo's dcgan_ops model is run against TF1 graph mode by tests/native/test_zoo_native.py
(variables, outputs, gradients, traced and XLA); here: what the output says and keeps, and
which shapes stay TF1 with their reason. The oracle for the helper's naming is TF1 itself.
"""
import ast
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from tests.native.support import code_words, kept_functions, load, native_part
from tests.zoo import harness
from unscope.native import migrate_native
from unscope.native.methods import reasons

ZOO_DIR = Path(harness.__file__).parent


@pytest.fixture(scope="module")
def migrated():
    return migrate_native((ZOO_DIR / "dcgan_ops.py").read_text(), "dcgan_ops.py")


def test_helper_becomes_a_module_the_methods_modules_hold(migrated):
    assert migrated.ok and migrated.changed and not migrated.findings, [str(f) for f in migrated.findings]
    made = {c["function"]: c["class"] for c in migrated.classes}
    assert made == {"linear": "Linear", "batch_norm_": "BatchNorm", "DCGAN.generator": "Generator",
                    "DCGAN.discriminator": "Discriminator"}
    assert migrated.native == migrated.functions == 4
    code = migrated.code
    assert 'self.g_bn0 = BatchNorm(name=f"{name}/g_bn0")' in code
    assert 'self.d_bn1 = BatchNorm(name=f"{name}/d_bn1")' in code
    owner = next(s for s in ast.parse(code).body if type(s) is ast.ClassDef and s.name == "DCGAN")
    assert "batch_norm(" not in ast.get_source_segment(code, owner)   # the owner builds no TF1 helper
    # the helper class stays, as TF1 code, below its module, for callers elsewhere
    assert "batch_norm" in kept_functions(code)
    assert code.index("class BatchNorm(") < code.index("class batch_norm(object):")
    for word in ("variable_scope", "get_variable", "reuse_variables"):
        assert word not in code_words(native_part(code)), word


def test_second_run_changes_nothing_and_says_why(migrated):
    again = migrate_native(migrated.code, "dcgan_ops.py")
    assert again.code == migrated.code and not again.changed
    assert any("batch_norm is kept as TF1 code for callers elsewhere and its class BatchNorm is already here"
               in f.message for f in again.findings), [str(f) for f in again.findings]


def test_helper_names_its_variables_at_the_call_like_tf1(migrated, tmp_path):
    """TF1: an object built outside any scope names its variables under the scope open at its
    call. The native owner's variables are TF1's, names and shapes."""
    import tensorflow.compat.v1 as tf1
    from tests.zoo import dcgan_ops

    inputs = dcgan_ops.INPUTS
    with tf1.Graph().as_default():
        dcgan_ops.build(tf1.constant(inputs["z"]), tf1.constant(inputs["real"]))
        expected = sorted((v.name, v.shape.as_list()) for v in tf1.global_variables())
    assert ("discriminator/d_bn1/gamma:0", [4]) in expected and ("generator/g_bn0/beta:0", [5]) in expected
    module = load(migrated.code, tmp_path, "dcgan_ops")
    gan = module.DCGAN()
    gan.build(**{k: tf.constant(v) for k, v in inputs.items()})
    assert sorted((v.name, v.shape.as_list()) for v in gan.variables) == expected


HEAD = '''import tensorflow.compat.v1 as tf


class scale(object):
    def __init__(self, name="scale"):
        self.name = name

    def __call__(self, x):
        with tf.variable_scope(self.name):
            s = tf.get_variable("s", [x.get_shape().as_list()[-1]])
            return x * s


'''

REFUSED = [
    # (owner class, reason the owner stays TF1)
    ("class M(object):\n"
     "    def __init__(self, name):\n"
     "        self.s1 = scale(name=name)\n\n"
     "    def net(self, x):\n"
     "        with tf.variable_scope('net'):\n"
     "            return self.s1(x)\n",
     "passes other than constants"),
    ("class M(object):\n"
     "    def __init__(self):\n"
     "        self.s1 = scale(name='s1')\n\n"
     "    def net(self, x):\n"
     "        with tf.variable_scope('net'):\n"
     "            f = self.s1\n"
     "            return f(x)\n",
     "uses self.s1 other than by calling it"),
    ("class M(object):\n"
     "    def __init__(self):\n"
     "        self.s1 = scale(name='s1')\n\n"
     "    def net(self, x):\n"
     "        with tf.variable_scope('net'):\n"
     "            return self.s1(x)\n\n"
     "    def label(self):\n"
     "        return self.s1.name\n",
     "label uses a callable helper other than by calling it"),
]


@pytest.mark.parametrize("owner, reason", REFUSED, ids=[r[1] for r in REFUSED])
def test_helper_uses_not_provable_keep_the_owner_tf1(owner, reason):
    source = HEAD + owner
    found = reasons(source, ast.parse(source))
    assert reason in found.get("M", ""), found
    result = migrate_native(source, "m.py")
    assert result.ok and not result.changed and not result.classes, result.classes   # the helper too
    assert any(reason in f.message for f in result.findings), [str(f) for f in result.findings]
    assert any("scale is built by M, which stays TF1" in f.message for f in result.findings)


def test_object_of_a_variable_making_class_that_is_no_helper_keeps_the_owner_tf1():
    """Before: the owner went native and called a TF1 object that made its variables outside
    every module (under no scope). Now the owner stays TF1, saying why."""
    source = HEAD.replace("    def __call__(self, x):", "    def extra(self):\n        return 1\n\n"
                          "    def __call__(self, x):") + (
        "class M(object):\n"
        "    def __init__(self):\n"
        "        self.s1 = scale(name='s1')\n\n"
        "    def net(self, x):\n"
        "        with tf.variable_scope('net'):\n"
        "            w = tf.get_variable('w', [2, 2])\n"
        "            return self.s1(tf.matmul(x, w))\n")
    found = reasons(source, ast.parse(source))
    assert "builds a scale, which makes TF1 variables and is not a callable helper" in found.get("M", ""), found
    # and scale, which M's TF1 code builds and calls under its scopes, stays TF1 with it
    assert "scale is built by M, which stays TF1" in found.get("scale", ""), found
    result = migrate_native(source, "m.py")
    assert result.ok and not result.changed and not result.classes, result.classes


def test_helper_called_twice_in_one_scope_shares_like_tf1_reuse(tmp_path):
    """One helper object called at two places under one reused scope: TF1 makes one set of
    variables (the second call reuses); native: one module, the same numbers."""
    import tensorflow.compat.v1 as tf1

    source = HEAD + (
        "class M(object):\n"
        "    def __init__(self):\n"
        "        self.s1 = scale(name='s1')\n\n"
        "    def net(self, x, reuse=False):\n"
        "        with tf.variable_scope('net', reuse=reuse):\n"
        "            return self.s1(x)\n\n"
        "    def build(self, x):\n"
        "        return self.net(x) + self.net(x * 2.0, reuse=True)\n")
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    with tf1.Graph().as_default():
        out = namespace["M"]().build(tf1.constant(x))
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            values, y = sess.run([tf1.global_variables(), out])
            names = [v.name for v in tf1.global_variables()]
    assert names == ["net/s1/s:0"]
    result = migrate_native(source, "m.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    m = load(result.code, tmp_path, "helper_twice").M()
    m.build(tf.constant(x))
    assert [v.name for v in m.variables] == names
    m.variables[0].assign(values[0])
    np.testing.assert_allclose(m.build(tf.constant(x)).numpy(), y, rtol=1e-6)
