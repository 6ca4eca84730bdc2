"""Network builders returning a closure (``def mlp(num_layers=2, ...): def network_fn(X): ...;
return network_fn``) become a class whose instance is the network: ``Mlp(num_layers=3)(X)``
builds what TF1's ``mlp(num_layers=3)(X)`` built.  The oracle is TF1 in a ``tf.compat.v1``
graph: variable names, shapes, outputs, gradients; the registry and the kept TF1 builder still
build TF1's network; what cannot be proven keeps the builder TF1."""
from __future__ import annotations

import ast

import pytest

from tests.native.support import class_for, load
from tests.native.tf1_oracle import assert_same, run_native, run_tf1
from unscope.native import migrate_native
from unscope.native.builders import lift_builders

BUILDERS = '''import tensorflow.compat.v1 as tf

NETWORKS = {}


def register(name):
    def add(fn):
        NETWORKS[name] = fn
        return fn
    return add


def fc(x, scope, nh):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.shape[-1], nh])
        b = tf.get_variable("b", [nh], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


@register("mlp")
def mlp(num_layers=2, num_hidden=8, activation=tf.tanh):
    """Fully connected layers; returns the function that builds them."""
    def network_fn(X):
        h = X
        for i in range(num_layers):
            h = fc(h, "mlp_fc{}".format(i), nh=num_hidden)
            h = activation(h)
        return h
    return network_fn


def gated(width=3):
    def network_fn(x):
        with tf.variable_scope("gate"):
            g = tf.sigmoid(fc(x, "g", nh=width))
        return g * fc(x, "v", nh=width)
    return network_fn
'''


def _entry(call: str) -> str:
    return f"\n\ndef entry(x):\n    return {call}(x)\n"


@pytest.mark.parametrize("builder, args, cls_args", [
    ("mlp", "", {}),
    ("mlp", "num_layers=3, num_hidden=5, activation=tf.nn.relu", None),
    ("gated", "width=2", {"width": 2}),
])
def test_the_class_instance_is_the_network_tf1_built(builder, args, cls_args, tmp_path):
    result = migrate_native(BUILDERS, "builders.py")
    entries = {c["function"]: c for c in result.classes}
    assert entries[builder]["call_args"] == (["X"] if builder == "mlp" else ["x"])
    module = load(result.code, tmp_path, "builders")
    cls = getattr(module, class_for(result, builder))
    if cls_args is None:
        cls_args = {"num_layers": 3, "num_hidden": 5, "activation": module.tf.nn.relu}
    expected = run_tf1(BUILDERS + _entry(f"{builder}({args})"), "entry")
    assert_same(run_native(cls(**cls_args)), expected)


def test_the_registry_and_the_kept_builder_still_build_tf1s_network(tmp_path):
    result = migrate_native(BUILDERS, "builders.py")
    module = load(result.code, tmp_path, "builders")
    assert module.NETWORKS == {"mlp": module.mlp}
    tree = ast.parse(result.code)
    kept = {s.name: s for s in tree.body if type(s) is ast.FunctionDef}
    original = {s.name: s for s in ast.parse(BUILDERS).body if type(s) is ast.FunctionDef}
    for name in ("mlp", "gated"):
        assert ast.dump(kept[name]) == ast.dump(original[name]), name
    for call in ('NETWORKS["mlp"](num_layers=1)', "gated()"):
        assert_same(run_tf1(result.code + _entry(call), "entry"), run_tf1(BUILDERS + _entry(call), "entry"))


def test_findings_keep_the_lines_of_the_original():
    source = BUILDERS + '''

def odd(depth=2):
    def network_fn(x):
        with tf.variable_scope(tf.get_default_graph().unique_name("odd")):
            return fc(x, "f", nh=depth)
    return network_fn
'''
    result = migrate_native(source, "odd.py")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "unique_name" in text)
    col = source.splitlines()[line - 1].index("tf.get_default_graph") + 1   # the scope name
    assert [(f.line, f.col) for f in result.findings if "odd stays in TF1 form" in f.message] == [(line, col)]
    assert "odd" not in {c["function"] for c in result.classes}


def test_a_second_run_changes_nothing():
    once = migrate_native(BUILDERS, "builders.py").code
    assert migrate_native(once, "builders.py").code == once


@pytest.mark.parametrize("source", [
    # a parameter without a default could be a tensor
    "def b(units):\n    def net(x):\n        return f(x, units)\n    return net\n",
    # more than the definition and the return
    "def b(units=2):\n    scale = 2\n    def net(x):\n        return f(x, units * scale)\n    return net\n",
    # **kwargs read: passed on into the network
    "def b(units=2, **kw):\n    def net(x):\n        return f(x, units, **kw)\n    return net\n",
    # the network function rebinds a builder parameter
    "def b(units=2):\n    def net(x):\n        units = 3\n        return f(x, units)\n    return net\n",
    # nonlocal state across calls (a layer counter)
    "def b(units=2):\n    n = 0\n    def net(x):\n        nonlocal n\n        return f(x, units)\n    return net\n",
    # the builder is called in this file: its callers read its real signature
    "def b(units=2):\n    def net(x):\n        return f(x, units)\n    return net\n\nNET = b()\n",
    # a default on the network function's parameter
    "def b(units=2):\n    def net(x=None):\n        return f(x, units)\n    return net\n",
    # another nested function inside the network function
    "def b(units=2):\n    def net(x):\n        g = lambda y: f(y, units)\n        return g(x)\n    return net\n",
    # a multi-line string inside the network function (dedenting would change it)
    "def b(units=2):\n    def net(x):\n        doc = '''a\n        b'''\n        return f(x, units)\n    return net\n",
    # it returns something else
    "def b(units=2):\n    def net(x):\n        return f(x, units)\n    return f\n",
])
def test_what_is_not_proven_is_not_lifted(source):
    assert lift_builders(source) is None


def test_lifting_is_line_for_line():
    lifted = lift_builders(BUILDERS)
    assert [b.name for b in lifted.builders] == ["mlp", "gated"]
    assert len(lifted.source.splitlines()) == len(BUILDERS.splitlines())
    assert [b.call_args for b in lifted.builders] == [("X",), ("x",)]


@pytest.mark.parametrize("text, expected", [
    ("def b(u=2):\n    def net(x):\n        return f(x, u)\n    return net\n", True),
    ("def b(u=2):\n    return lambda x: f(x, u)\n", True),
    ("def b(u=2):\n    def net(x):\n        return f(x, u)\n    return {'pi': net}\n", True),
    ("def b(x):\n    def act(y):\n        return y\n    return act(f(x))\n", True),   # conservative
    ("def b(x):\n    return f(x)\n", False),
    ("def b(x):\n    def helper():\n        return g\n    return x\n", False),
])
def test_returns_function(text, expected):
    from unscope.native.builders import returns_function

    assert returns_function(ast.parse(text).body[0]) is expected


def test_a_builder_called_in_its_file_is_no_island_of_its_caller():
    """The island would track the call of the builder, which makes nothing: the network it
    returns makes its variables afterwards.  The caller stays TF1, where TF1 names them."""
    source = BUILDERS + "\n\ndef policy(x):\n    with tf.variable_scope('pi'):\n        return gated(width=2)(x)\n"
    result = migrate_native(source, "policy.py")
    assert "policy" not in {c["function"] for c in result.classes}
    assert any("it returns a function that makes its variables after the call" in f.message
               for f in result.findings), result.findings
    assert "unscope.track(gated" not in result.code


def test_a_builder_that_cannot_be_the_network_says_why_at_its_line():
    """The lifted run's reason (an unnamed layer under an if) replaces "a nested function
    makes variables", and the file is migrated as it is."""
    source = '''import tensorflow.compat.v1 as tf


def normed(units=2, norm=False):
    def network_fn(x):
        w = tf.get_variable("w", [x.shape[-1], units])
        h = tf.matmul(x, w)
        if norm:
            h = tf.layers.batch_normalization(h)
        return h
    return network_fn
'''
    result = migrate_native(source, "normed.py")
    assert result.classes == [] and not result.changed
    assert [(f.line, f.api) for f in result.findings] == [(9, "tf.layers.batch_normalization")]
    assert "under an if" in result.findings[0].message


NETS = '''import tensorflow.compat.v1 as tf


def fc(x, scope, nh):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.shape[-1], nh])
        return tf.matmul(x, w)


def mlp(num_layers=2, num_hidden=8):
    def network_fn(X):
        h = X
        for i in range(num_layers):
            h = tf.tanh(fc(h, "mlp_fc{}".format(i), nh=num_hidden))
        return h
    return network_fn
'''

POLICY = '''import tensorflow.compat.v1 as tf

from pkg.nets import mlp


def policy(x):
    with tf.variable_scope("pi"):
        return mlp(num_layers=1)(x)
'''


def test_other_files_calling_a_builder_keep_calling_the_tf1_builder(tmp_path):
    """A tree run: nets.py's builder becomes Mlp beside the TF1 mlp; policy.py, which calls
    mlp(...)(x) under its own scope, still calls the TF1 builder (compat form), never the
    class with the builder's arguments."""
    from unscope.migrate.runner import migrate_paths

    pkg = tmp_path / "src" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "nets.py").write_text(NETS)
    (pkg / "policy.py").write_text(POLICY)
    out = tmp_path / "out" / "pkg"
    report = migrate_paths([pkg], mode="native", out=str(out), jobs=1)
    assert report.failures == []
    nets, policy = (out / "nets.py").read_text(), (out / "policy.py").read_text()
    assert "class Mlp(nn.Module)" in nets and "def mlp(num_layers=2, num_hidden=8):" in nets
    assert "Mlp" not in policy and "return mlp(num_layers=1)(x)" in policy
