"""unscope.migrate.parses (one parse per text, one walk per node) and native emit's
string_lines (only the literals that span lines are tokenized): each answers exactly as the
plain computation it replaces."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from unscope.migrate.engine import migrate_source
from unscope.migrate.parses import parents, parse, shared_parses, walk
from unscope.native.text import _token_lines, string_lines

SRC = Path(__file__).resolve().parents[2] / "src" / "unscope"

TF1 = '''"""A tower."""
import tensorflow.compat.v1 as tf


def tower(x, width=3, reuse=False):
    with tf.variable_scope("tower", reuse=reuse):
        w = tf.get_variable("w", [x.shape[-1], width],
                            initializer=tf.truncated_normal_initializer(stddev=0.02))
        return tf.layers.dense(tf.matmul(x, w), 2, name="proj")
'''


def _plain_parents(tree):
    up = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            up[child] = node
    return up


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py"))[::7], ids=lambda p: p.name)
def test_walk_and_parents_are_ast_walk_and_iter_child_nodes(path):
    tree = ast.parse(path.read_text())
    assert walk(tree) == list(ast.walk(tree))
    assert parents(tree) == _plain_parents(tree)
    fn = next(n for n in ast.walk(tree) if type(n) in (ast.FunctionDef, ast.ClassDef, ast.Module))
    with shared_parses():
        assert walk(fn) == list(ast.walk(fn))
        assert walk(fn) is walk(fn)            # walked once
        assert parents(fn) == _plain_parents(fn)


def test_trees_are_shared_only_inside_the_block():
    with shared_parses():
        tree = parse(TF1)
        assert parse(TF1) is tree
        with shared_parses():                 # nested: the outer block's trees
            assert parse(TF1) is tree
        assert parse("x = 1\n") is not tree
    assert parse(TF1) is not parse(TF1)
    assert ast.dump(parse(TF1)) == ast.dump(ast.parse(TF1))


def test_a_text_that_does_not_parse_raises_every_time():
    with shared_parses():
        for _ in range(2):
            with pytest.raises(SyntaxError) as info:
                parse("def f(:\n    pass\n", filename="bad.py")
            assert info.value.filename == "bad.py"


def test_migrate_source_gives_the_same_answer_in_and_out_of_an_open_block():
    alone = migrate_source(TF1, "native", path="tower.py")
    with shared_parses():
        parse(TF1)
        inside = migrate_source(TF1, "native", path="tower.py")
    assert alone.changed and inside.code == alone.code
    assert [repr(f) for f in inside.findings] == [repr(f) for f in alone.findings]


STRINGS = [
    'x = 1\n',
    'def f():\n    """One line."""\n',
    'def f():\n    """Doc\n    more\n\n    end"""\n    return 1\n',
    "s = '''a\n  b'''\nt = 'c'\n",
    'x = ("a"\n        "b"\n    "c")\n',                 # implicit concatenation, odd indents
    'x = "a" \\\n    "b"\n',                               # backslash between literals
    'x = "a\\\nb"\n',                                      # backslash-newline inside a literal
    'y = f"""{a}\n  {b!r:>{w}}\n"""\n',                    # f-string spanning lines
    'y = f"{x}" """\nz"""\n',                              # f-string and plain literal joined
    'b = b"""\n  bytes"""\n',
    'if x:\n    q = """\n\tTab\n"""\n',
    'def g():\n    return (1,\n            """\n    x""")  # c\n',
    'x = """unterminated\n',                               # does not parse: the whole file
]


@pytest.mark.parametrize("text", STRINGS)
def test_string_lines_are_those_of_the_whole_files_tokens(text):
    assert string_lines(text) == _token_lines(text)


def test_string_lines_on_this_project_and_its_tests():
    files = sorted(SRC.rglob("*.py"))[::3] + sorted((SRC.parents[1] / "tests").rglob("*.py"))[::9]
    for path in files:
        text = path.read_text()
        assert string_lines(text) == _token_lines(text), path
