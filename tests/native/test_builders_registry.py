"""Network builders under a registry decorator (``@register("mlp")``, a 2018 model zoo's
name -> builder table): where the decorator is a function of the same file that hands the
builder back unchanged, the builder becomes a class, and the registry keeps the registered
name on the TF1 function (the decorator moves onto the TF1 copy kept beside the class), so
``REGISTRY[name]`` still builds what TF1 built.  Any other decorator keeps the function TF1.

The oracle is TF1: the original in a ``tf.compat.v1`` graph (names, outputs, gradients)."""
from __future__ import annotations

import ast

import pytest

from tests.native.support import class_for, load
from tests.native.tf1_oracle import assert_same, run_native, run_tf1
from unscope.native import migrate_native
from unscope.native.decorators import why_not_registry

ZOO = '''import tensorflow.compat.v1 as tf

NETWORKS = {}


def register(name):
    def add(builder):
        NETWORKS[name] = builder
        return builder
    return add


@register("two_layer")
def two_layer(x, hidden=4, outputs=2):
    with tf.variable_scope("two_layer"):
        w1 = tf.get_variable("w1", [x.shape[-1], hidden])
        h = tf.tanh(tf.matmul(x, w1))
        w2 = tf.get_variable("w2", [hidden, outputs])
        return tf.matmul(h, w2)


@register("head")
def _head(x):
    w = tf.get_variable("w", [x.shape[-1], 2])
    return tf.nn.softmax(tf.matmul(x, w))


def build(x):
    with tf.variable_scope("policy"):
        with tf.variable_scope("pi"):
            h = two_layer(x, hidden=5)
        return _head(h)
'''


def test_registered_builders_become_classes_that_equal_tf1(tmp_path):
    result = migrate_native(ZOO, "zoo.py")
    assert {c["function"] for c in result.classes} == {"two_layer", "_head", "build"}, result.findings
    assert not any("decorat" in f.message for f in result.findings), result.findings
    module = load(result.code, tmp_path, "zoo")
    assert_same(run_native(getattr(module, class_for(result, "build"))()), run_tf1(ZOO))


def test_the_registry_keeps_each_name_on_the_tf1_function(tmp_path):
    result = migrate_native(ZOO, "zoo.py")
    tree = ast.parse(result.code)
    decorated = {s.name: ast.unparse(s.decorator_list[0]) for s in tree.body
                 if type(s) in (ast.FunctionDef, ast.ClassDef) and s.decorator_list}
    assert decorated == {"two_layer": "register('two_layer')", "_head": "register('head')"}
    module = load(result.code, tmp_path, "zoo")
    assert module.NETWORKS == {"two_layer": module.two_layer, "head": module._head}
    # what the registry builds is still TF1's network: same variables, same numbers
    for name in ("two_layer", "head"):
        entry = f"\n\ndef entry(x):\n    return NETWORKS[{name!r}](x)\n"
        assert_same(run_tf1(result.code + entry, "entry"), run_tf1(ZOO + entry, "entry"))


def test_a_second_run_changes_nothing():
    once = migrate_native(ZOO, "zoo.py").code
    assert migrate_native(once, "zoo.py").code == once


KEPT_TF1 = {
    "wrapper": ('''import functools

import tensorflow.compat.v1 as tf

CALLS = []


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        CALLS.append(fn.__name__)
        return fn(*args, **kwargs)
    return wrapper


@counted
def build(x):
    w = tf.get_variable("w", [x.shape[-1], 2])
    return tf.matmul(x, w)
''', "decorator @counted may return something other than the function it is given"),
    "imported": ('''import tensorflow.compat.v1 as tf
from registry import register


@register("net")
def build(x):
    w = tf.get_variable("w", [x.shape[-1], 2])
    return tf.matmul(x, w)
''', "decorator @register('net') is no function of this file: it may wrap the function"),
    "star_call": ('''import tensorflow.compat.v1 as tf

NAMES = ("net",)
NETS = {}


def register(name):
    def add(fn):
        NETS[name] = fn
        return fn
    return add


@register(*NAMES)
def build(x):
    w = tf.get_variable("w", [x.shape[-1], 2])
    return tf.matmul(x, w)
''', "decorator @register(*NAMES) is called with * or **"),
}


@pytest.mark.parametrize("name", sorted(KEPT_TF1))
def test_other_decorators_keep_the_function_tf1_saying_why(name):
    source, why = KEPT_TF1[name]
    result = migrate_native(source, f"{name}.py")
    assert result.classes == [] and not result.changed
    messages = [f.message for f in result.findings]
    assert any(m.startswith(why + "; decorated functions are kept in TF1 form") for m in messages), messages


FUNCTIONS = '''
def register(name):
    def add(fn):
        REG[name] = fn
        return fn
    return add

def plain(fn):
    REG[fn.__name__] = fn
    return fn

def swaps(fn):
    fn = other
    return fn

def two_returns(fn):
    if fn.__name__ == "x":
        return None
    return fn

def recodes(fn):
    fn.__code__ = other.__code__
    return fn

def tags(fn):
    fn.tag = "net"
    return fn

def returns_other(name):
    def add(fn):
        return fn
    return other

def args_too(fn, extra=1):
    return fn
'''


@pytest.mark.parametrize("decorator, ok", [
    ("register('mlp')", True),
    ("plain", True),
    ("tags", True),
    ("swaps", False),
    ("two_returns", False),
    ("recodes", False),
    ("returns_other('x')", False),
    ("args_too", False),
    ("register", False),          # register(fn) returns add, not fn
    ("plain('x')", False),        # plain('x') returns 'x'
    ("unknown", False),
    ("mod.register('x')", False),
])
def test_why_not_registry(decorator, ok):
    functions = {s.name: s for s in ast.parse(FUNCTIONS).body}
    dec = ast.parse(f"@{decorator}\ndef f(x):\n    pass").body[0].decorator_list[0]
    assert (why_not_registry(dec, functions) is None) == ok


def test_a_registry_that_makes_variables_is_no_registry():
    functions = {s.name: s for s in ast.parse(FUNCTIONS).body}
    dec = ast.parse("@plain\ndef f(x):\n    pass").body[0].decorator_list[0]
    assert why_not_registry(dec, functions, creators={"plain"}) == "decorator @plain makes variables"


def test_zoo_input_is_valid_tf1():
    """The oracle itself: TF1 registers both builders and names their variables as written."""
    namespace: dict = {}
    names, _, _ = run_tf1(ZOO, "build", namespace)
    assert sorted(names) == ["policy/pi/two_layer/w1:0", "policy/pi/two_layer/w2:0", "policy/w:0"]
    assert namespace["NETWORKS"] == {"two_layer": namespace["two_layer"], "head": namespace["_head"]}
