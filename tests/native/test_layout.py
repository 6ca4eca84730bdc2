"""native/layout.py: two blank lines around top-level definitions, continuation lines that the
original aligned with their bracket aligned again after a rename; never a change of meaning
(same AST), comments kept, idempotent — on tables of inputs, on every golden case's output and
on whole native migrations."""
import ast
import io
import tokenize

import pytest

from tests.native.support import parse_case
from tests.native.test_cases import CASES
from unscope import migrate_source
from unscope.native import migrate_native
from unscope.native.layout import layout, realign, space_definitions

# (code, expected): blank lines around top-level definitions
SPACED = [
    ("import tensorflow as tf\nclass A:\n    pass\n",
     "import tensorflow as tf\n\n\nclass A:\n    pass\n"),
    ("def f():\n    pass\ndef g():\n    pass\n",
     "def f():\n    pass\n\n\ndef g():\n    pass\n"),
    ("def f():\n    pass\n\n\n\n\ndef g():\n    pass\n",
     "def f():\n    pass\n\n\ndef g():\n    pass\n"),
    ("def f():\n    pass\nx = f()\n",
     "def f():\n    pass\n\n\nx = f()\n"),
    # the comment directly above a definition goes with it
    ("x = 1\n# g: kept for callers\ndef g():\n    pass\n",
     "x = 1\n\n\n# g: kept for callers\ndef g():\n    pass\n"),
    # decorators belong to their definition
    ("import functools\n@functools.lru_cache()\ndef g():\n    pass\n",
     "import functools\n\n\n@functools.lru_cache()\ndef g():\n    pass\n"),
    ('"""Doc."""\ndef f():\n    pass\n', '"""Doc."""\n\n\ndef f():\n    pass\n'),
    ("def f():\n    pass\nif __name__ == '__main__':\n    f()\n",
     "def f():\n    pass\n\n\nif __name__ == '__main__':\n    f()\n"),
]

# left as they are: nested definitions, a comment of its own between, code between code,
# one-line compound statements, already right
UNSPACED = [
    "class A:\n    def f(self):\n        pass\n\n    def g(self):\n        pass\n",
    "def f():\n    pass\n\n# a section of its own\n\ndef g():\n    pass\n",
    "x = 1\ny = 2\n",
    "x = 1; y = 2\n",
    "import a\n\n\ndef f():\n    pass\n\n\nx = 1\n",
    "def f():\n    s = '''\n\ndef g():\n'''\n    return s\n",
]

# (code, source, expected): the source aligned the continuation lines; a rename moved the bracket
REALIGNED = [
    ("h = unscope.layers.dense(x, units,\n                    name='fc')\n",
     "h = tf.layers.dense(x, units,\n                    name='fc')\n",
     "h = unscope.layers.dense(x, units,\n                         name='fc')\n"),
    # nested brackets: the inner one counts from the moved outer line
    ("w = unscope.get_variable('w', [4,\n                             1],\n                    dtype=tf.float32)\n",
     "w = tf.get_variable('w', [4,\n                          1],\n                    dtype=tf.float32)\n",
     "w = unscope.get_variable('w', [4,\n                               1],\n                         dtype=tf.float32)\n"),
    # a shorter name moves them left; a comment line inside the bracket follows too
    ("y = tf.cast(x, tf.float32,\n                   # why\n                   name='y')\n",
     "y = tf.to_float(x,\n                # why\n                name='y')\n",
     "y = tf.cast(x, tf.float32,\n            # why\n            name='y')\n"),
]

# (code, source): left as they are — hanging indents, lines the source did not align, strings
UNALIGNED = [
    ("h = unscope.layers.dense(\n    x, units, name='fc')\n", "h = tf.layers.dense(\n    x, units, name='fc')\n"),
    ("h = unscope.layers.dense(x,\n        name='fc')\n", "h = tf.layers.dense(x,\n        name='fc')\n"),
    ("s = unscope.f('''a,\n               b''')\n", "s = tf.f('''a,\n               b''')\n"),
    ("h = unscope.layers.dense(x,\n\tname='fc')\n", "h = tf.layers.dense(x,\n\tname='fc')\n"),
]


def _comments(text: str) -> list[str]:
    return [t.string for t in tokenize.generate_tokens(io.StringIO(text).readline)
            if t.type == tokenize.COMMENT]


def _same_meaning(before: str, after: str) -> None:
    assert ast.dump(ast.parse(before)) == ast.dump(ast.parse(after))
    assert _comments(before) == _comments(after)


@pytest.mark.parametrize("code, expected", SPACED)
def test_blank_lines_around_top_level_definitions(code, expected):
    assert space_definitions(code) == expected
    _same_meaning(code, expected)
    assert space_definitions(expected) == expected


@pytest.mark.parametrize("code", UNSPACED)
def test_blank_lines_left_alone(code):
    assert space_definitions(code) == code


def test_the_users_own_spacing_between_kept_statements_stays():
    source = "import tensorflow as tf\ndef f():\n    pass\ndef g():\n    pass\n"
    code = "import tensorflow as tf\nclass F:\n    pass\ndef f():\n    pass\ndef g():\n    pass\n"
    assert space_definitions(code, source) == (
        "import tensorflow as tf\n\n\nclass F:\n    pass\n\n\ndef f():\n    pass\ndef g():\n    pass\n")
    assert space_definitions(code) == (
        "import tensorflow as tf\n\n\nclass F:\n    pass\n\n\ndef f():\n    pass\n\n\ndef g():\n    pass\n")


@pytest.mark.parametrize("code, source, expected", REALIGNED)
def test_continuation_lines_follow_their_bracket(code, source, expected):
    assert realign(code, source) == expected
    _same_meaning(code, expected)
    assert realign(expected, source) == expected
    # in the result each continuation line sits one past its bracket, as in the source
    for line in expected.splitlines()[1:]:
        assert line.strip() in source


@pytest.mark.parametrize("code, source", UNALIGNED)
def test_continuation_lines_left_alone(code, source):
    assert realign(code, source) == code


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_golden_outputs_are_laid_out(case):
    """Every golden output is already what layout makes of it, and reads PEP 8's blank lines."""
    headers, source, expected = parse_case(case)
    if expected is None:
        return
    assert layout(expected, source) == expected
    _assert_pep8_blank_lines(expected, source)


def _segments(text: str) -> set:
    return {ast.get_source_segment(text, s) for s in ast.parse(text).body}


def _assert_pep8_blank_lines(code: str, source: str | None = None) -> None:
    """Two blank lines around top-level definitions, where one of the two is not the user's
    statement as the source had it."""
    lines = code.splitlines()
    body = ast.parse(code).body
    users = _segments(source) if source is not None else set()
    for prev, stmt in zip(body, body[1:]):
        if not any(type(s) in (ast.FunctionDef, ast.ClassDef) for s in (prev, stmt)):
            continue
        if {ast.get_source_segment(code, prev), ast.get_source_segment(code, stmt)} <= users:
            continue
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
        gap = lines[prev.end_lineno:start - 1]
        comments = [g for g in gap if g.strip()]
        if all(g.lstrip().startswith("#") for g in comments) and gap[:2] == ["", ""]:
            continue
        assert gap[-2:] == ["", ""] or comments, (stmt.lineno, gap)


MODEL = '''import tensorflow as tf
def tower(x, units, is_training):
    with tf.variable_scope("tower"):
        h = tf.layers.dense(x, units,
                            activation=tf.nn.relu,
                            name="fc")
        keep = tf.to_float(is_training,
                           name="keep")
        w = tf.get_variable("w", [units,
                                  1])
        return h * keep  # scaled
def model(x, is_training):
    logits = tower(x, 4,
                   is_training)
    return logits
x = 1
'''


def _visual_continuations_aligned(code: str) -> None:
    """Every line that starts inside a bracket with text after it on its line sits one column
    past that bracket."""
    stack, last = [], 0
    lines = code.splitlines()
    tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    skip = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
    for i, tok in enumerate(tokens):
        if tok.type in skip:
            continue
        row, col = tok.start
        if row != last and stack and stack[-1][1] and not lines[row - 1][:col].strip():
            assert col == stack[-1][0] + 1, lines[row - 1]
        last = tok.end[0]
        if tok.type == tokenize.OP and tok.string in "([{":
            nxt = tokens[i + 1]
            stack.append((col, nxt.type not in skip and nxt.start[0] == row))
        elif tok.type == tokenize.OP and tok.string in ")]}":
            stack.pop()


def test_native_migration_reads_like_pep8():
    native = migrate_native(MODEL).code
    assert "from unscope import nn\n\n\nclass Tower(nn.Module):" in native
    assert "return logits\nx = 1\n" in native  # the user's own spacing of two kept statements
    _assert_pep8_blank_lines(native, MODEL)
    _visual_continuations_aligned(native)
    full = migrate_source(MODEL, "native", path="m.py")
    assert full.ok and "unscope.layers.dense(" in full.code  # the kept TF1 copy, renamed
    _visual_continuations_aligned(full.code)
    _assert_pep8_blank_lines(full.code, MODEL)
    assert _comments(MODEL)[0] in _comments(full.code)
    again = migrate_source(full.code, "native", path="m.py")
    assert again.code == full.code  # idempotent, with the layout in it


def test_layout_keeps_meaning_on_every_golden_input():
    """Layout of any text with itself as the source is a no-op on meaning and idempotent."""
    for case in CASES:
        _, source, expected = parse_case(case)
        for text in (source, expected or source):
            once = layout(text, source)
            _same_meaning(text, once)
            assert layout(once, source) == once, case.name


# the continuation lines layout reads off brackets, quotes, comments and line breaks, where
# tokenize would find them: brackets inside strings and comments, strings over lines, f-strings,
# backslashes, comment lines in a bracket, hanging brackets; tabs, CRLF, text that does not tokenize
SCANNED = [
    "h = f(x, '(',\n      y)\n",
    "h = f(x,  # a (\n      # ) b\n      y)\n",
    "s = g('''a (\n b''', [1,\n          2])\n",
    's = g(rb"\\"(", f\'{x["k"]}\',\n      z)\n',
    "x = f(a, 'b\\\nc',\n      d)\n",
    "y = (1 + \\\n     2)\n",
    "z = f(\n    a, [b,\n        c])\n",
    "w = f(  \\\n    a)\n",
    "v = {'k': [1,\n           2],\n     'j': 3}\n",
    "h = f(x,\n\ty)\n",
    "h = f(x,\r\n      y)\r\n",
    "h = f(x,\n      y\n",
    "s = '''never closed (\n",
    "h = f(x, 'open,\n      y)\n",
    "h = f(x)) + (y,\n            z)\n",
]


@pytest.mark.parametrize("text", SCANNED + [p.read_text() for p in CASES])
def test_continuations_are_those_tokenize_finds(text):
    from unscope.native.layout import _continuations, _continuations_by_tokens

    assert list(_continuations(text, True)) == list(_continuations_by_tokens(text, True, {}))


WRAPPED = SCANNED + [
    "# a comment right above: tokenize counts it in the statement, which is not wrapped\n"
    "y = g(aaa, bbb, ccc, ddd)\n",
    "if x:\n    y = g(aaa, bbb, ccc, ddd); z = h(eee, fff, ggg)\nw = k(hhh, iii, jjj, kkk)  # end\n",
    "s = f('''a\nb''', ccc, ddd, eee)\nt = f(aaa, bbb, ccc, ddd)\n",
    "if x:\n        y = g(aaa, bbb, ccc, ddd)\n    z = g(aaa, bbb, ccc, ddd)\n",
    "y = g(aaa, bbb, ccc, ddd) \\\n",
]


@pytest.mark.parametrize("text", WRAPPED + [p.read_text() for p in CASES])
def test_long_lines_wrapped_where_tokenize_finds_one_line_statements(text):
    from unscope.native.layout import _wrap_by_tokens, wrap_long_lines

    for width in (20, 40):
        assert wrap_long_lines(text, None, width) == _wrap_by_tokens(text, text.splitlines(True), set(), width)
