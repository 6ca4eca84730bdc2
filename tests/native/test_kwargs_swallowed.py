"""``*args`` / ``**kwargs`` a variable-making function never reads (it only swallows extra
arguments, arg_scope style) no longer keep it in TF1 form: its class takes the named
parameters.  The oracle is TF1 itself: the original program in a ``tf.compat.v1`` graph, the
migrated class eagerly with the same weights - variable names, shapes, outputs, gradients.

One that is read (passed on with ``**kwargs``, indexed, reached through ``locals()``) still
keeps the function TF1 (the ``noop_star_*`` golden cases)."""
from __future__ import annotations

import ast

import pytest

from tests.native.support import class_for, load
from tests.native.tf1_oracle import assert_same, run_native, run_tf1
from unscope.native import migrate_native
from unscope.native.star_params import read_star_params

SWALLOWED = {
    # both *args and **kwargs swallowed, the scope named by a parameter
    "both": '''import tensorflow.compat.v1 as tf


def affine(x, units, name="affine", *unused_args, **unused_kwargs):
    with tf.variable_scope(name):
        w = tf.get_variable("w", [x.shape[-1], units])
        b = tf.get_variable("b", [units], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


def build(x):
    with tf.variable_scope("model"):
        h = tf.nn.relu(affine(x, 3, "hidden"))
        return affine(h, 2, name="logits")
''',
    # keyword-only parameters after *args, a literal scope, called twice under reuse
    "kwonly": '''import tensorflow.compat.v1 as tf


def tower(x, *ignored, width=3, reuse=False, **ignored_too):
    with tf.variable_scope("tower", reuse=reuse):
        w = tf.get_variable("w", [x.shape[-1], width])
        return tf.tanh(tf.matmul(x, w))


def build(x):
    with tf.variable_scope("siamese"):
        a = tower(x, width=4)
        b = tower(x * 2.0, width=4, reuse=True)
        return a - b
''',
}


@pytest.mark.parametrize("name", sorted(SWALLOWED))
def test_swallowed_star_params_become_native_and_equal_tf1(name, tmp_path):
    source = SWALLOWED[name]
    result = migrate_native(source, f"{name}.py")
    assert not [f for f in result.findings if "*args/**kwargs" in f.message], result.findings
    assert {c["function"] for c in result.classes} == {"build", source.split("def ")[1].split("(")[0]}
    module = load(result.code, tmp_path, name)
    assert_same(run_native(getattr(module, class_for(result, "build"))()), run_tf1(source))


def test_the_class_takes_only_the_named_parameters_and_the_tf1_copy_keeps_the_signature():
    result = migrate_native(SWALLOWED["both"], "both.py")
    tree = ast.parse(result.code)
    cls = next(s for s in tree.body if type(s) is ast.ClassDef and s.name == class_for(result, "affine"))
    methods = {m.name: m for m in cls.body if type(m) is ast.FunctionDef}
    for method in methods.values():
        assert method.args.vararg is None and method.args.kwarg is None, method.name
    kept = next(s for s in tree.body if type(s) is ast.FunctionDef and s.name == "affine")
    assert (kept.args.vararg.arg, kept.args.kwarg.arg) == ("unused_args", "unused_kwargs")


def test_a_call_passing_a_swallowed_keyword_keeps_its_caller_tf1_with_the_reason():
    source = SWALLOWED["both"].replace('affine(h, 2, name="logits")', 'affine(h, 2, name="logits", keep=0.5)')
    result = migrate_native(source, "extra.py")
    assert [c["function"] for c in result.classes] == ["affine"]
    assert any("build stays in TF1 form" in f.message and "unknown arguments" in f.message
               for f in result.findings), result.findings


@pytest.mark.parametrize("text, expected", [
    ("def f(x, **kw):\n    return x", []),
    ("def f(x, *a, **kw):\n    return x", []),
    ("def f(x, **kw):\n    return g(x, **kw)", ["kw"]),
    ("def f(x, *a):\n    return g(x, *a)", ["a"]),
    ("def f(x, *a, **kw):\n    return kw['name']", ["kw"]),
    ("def f(x, *a, **kw):\n    return g(**locals())", ["a", "kw"]),
    ("def f(x, **kw):\n    return vars()['kw']", ["kw"]),
    ("def f(x, **kw):\n    def inner():\n        return kw\n    return inner()", ["kw"]),
    ("def f(x, **kw):\n    del kw\n    return x", ["kw"]),
    ("def f(x):\n    return x", []),
])
def test_read_star_params(text, expected):
    assert read_star_params(ast.parse(text).body[0]) == expected
