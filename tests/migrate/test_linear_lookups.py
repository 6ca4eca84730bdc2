"""The look-ups that replaced linear scans (for native mode's speed) answer as the scans did."""
import ast

from hypothesis import given, settings, strategies as st

from unscope.analyze.imports import ImportTable
from unscope.migrate.entry_points import EntryPoints
from unscope.migrate.refs import collect
from unscope.native.text import Source

MODULE = '''import tensorflow.compat.v1 as tf
x = 1; y = 2


@tf.function
def helper(a):
    return a.shape[0].value


def model(inputs):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [3])
    return inputs * w, w.name


class Net(object):
    def __call__(self, z):
        return model(z)[0]


def main():
    print(tf.nn.relu(model(tf.ones([3]))[0]))


if __name__ == "__main__": main()
z = Net()
'''

STATEMENT = st.sampled_from([
    "x = 1\n", "a = 1; b = 2\n", "def f():\n    return 1\n", "@dec\ndef g():\n    pass\n",
    "@d1\n@d2(3)\nclass C:\n    v = 1\n", "if __name__ == '__main__':\n    f()\n",
    "if __name__ == '__main__': g()\n", "\n# comment\n", "t = (1,\n     2)\n", "f()\n",
])


def _scan(tree, line):
    """The linear scan EntryPoints.at used to make."""
    where = EntryPoints(tree)
    for first, last, kind in where._spans:
        if first <= line <= last:
            return kind
    return "top"


def test_entry_points_at_matches_the_scan_on_every_line():
    tree = ast.parse(MODULE)
    where = EntryPoints(tree)
    answers = [where.at(line) for line in range(0, MODULE.count("\n") + 3)]
    assert answers == [_scan(tree, line) for line in range(0, MODULE.count("\n") + 3)]
    assert {"top", "main", "library"} <= set(answers)
    assert where.at(MODULE.count("\n") - 1) == "main"     # the one-line __main__ guard
    assert where.at(5) == "library"                      # the decorator line of helper


@settings(max_examples=60, deadline=None)
@given(st.lists(STATEMENT, min_size=1, max_size=12))
def test_entry_points_at_matches_the_scan_on_generated_modules(parts):
    text = "".join(parts)
    tree = ast.parse(text)
    where = EntryPoints(tree)
    for line in range(0, text.count("\n") + 2):
        assert where.at(line) == _scan(tree, line)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab\n\r é", max_size=40))
def test_line_of_counts_the_newlines_before_an_offset(text):
    src = Source(text)
    for offset in range(len(text) + 1):
        assert src.line_of(offset) == text.count("\n", 0, offset) + 1


def test_ref_index_attributes_are_every_attribute_of_the_module():
    tree = ast.parse(MODULE)
    index = collect(tree, ImportTable.from_tree(tree))
    expected = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert index.attributes == expected
    assert {"name", "value", "shape", "get_variable", "nn", "relu"} <= index.attributes
