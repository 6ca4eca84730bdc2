"""Static names: literal text with dynamic parts marked; scope path merging."""
from __future__ import annotations

import ast

import pytest

from unscope.analyze.names import NameEnv, is_runtime, render_segment, segment_of, substitute
from unscope.analyze.scopes import merge_paths, merge_reuse


def seg(expr: str):
    env = NameEnv(params={"scope": None, "name": ast.Constant("x")}, loop_vars={"i", "layer"},
                  strings={"prefix": ("enc_",)})
    return segment_of(ast.parse(expr, mode="eval").body, env)


# (expression, rendered, known only at run time)
SEGMENTS = [
    ("'model'", "model", False),
    ("'h%d' % layer", "h{layer}", False),
    ("'h%d_%s' % (i, scope)", "h{i}_{scope}", False),
    ("'%s/%s' % (scope, 'x')", "{scope}/x", False),
    ("'100%%_%d' % i", "100%_{i}", False),
    ("f'block_{i}'", "block_{i}", False),
    ("f'block_{i:02d}'", "block_{i}", False),
    ("'cell{}'.format(i + 1)", "cell{i + 1}", False),
    ("'{0}_{1}'.format(scope, i)", "{scope}_{i}", False),
    ("'{n}'.format(n=i)", "{i}", False),
    ("'layer_' + str(i)", "layer_{i}", False),
    ("prefix + 'x'", "enc_x", False),
    ("scope", "{scope}", False),
    ("scope or 'Linear'", "Linear", False),
    ("x.name", "{x.name}", True),
    ("'h%d' % len(xs)", "h{len(xs)}", True),
    ("get_name()", "{get_name()}", True),
    ("other", "{other}", True),
    ("'%(a)s' % d", "{'%(a)s' % d}", True),
    ("'{0.attr}'.format(o)", "{'{0.attr}'.format(o)}", True),
]


@pytest.mark.parametrize("expr,rendered,runtime", SEGMENTS)
def test_segments(expr, rendered, runtime):
    s = seg(expr)
    assert render_segment(s) == rendered
    assert is_runtime(s) is runtime


def test_none_is_no_name():
    assert seg("None") is None


def test_substitute_parameters():
    s = seg("'h%d_%s' % (i, scope)")
    assert render_segment(substitute(s, {"scope": ("attn",)})) == "h{i}_attn"
    default = seg("scope or 'Linear'")
    assert render_segment(substitute(default, {"scope": None})) == "Linear"
    assert render_segment(substitute(default, {"scope": ("fc",)})) == "fc"


MERGES = [
    ([("a", "b")], "a/b"),
    ([("a", "b"), ("a", "b")], "a/b"),
    ([("m", "h0", "w"), ("m", "h1", "w")], "m/{h0|h1}/w"),
    ([("d", "x", "w"), ("g", "y", "w")], "{d/x|g/y}/w"),
    ([("m", "a"), ("m", "a", "b")], "m/a/{|b}"),
    ([("p", str(i), "q", str(i)) for i in range(6)], "p/{0|1|2|3|4|5}/q/{0|1|2|3|4|5}".replace(
        "{0|1|2|3|4|5}", "{*}")),
    ([("x",) * 1, ("y", "z"), ("u", "v", "w"), ("a",), ("b",)], "{caller}"),
    ([()], None),
]


@pytest.mark.parametrize("paths,expected", MERGES)
def test_merge_paths(paths, expected):
    as_segments = [tuple((part,) for part in path) for path in paths]
    assert merge_paths(as_segments) == expected


def test_merge_reuse():
    assert merge_reuse(["auto", "auto"]) == "auto"
    assert merge_reuse(["create", "reuse"]) == "varies"
