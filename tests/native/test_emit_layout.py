"""Layout of what native mode writes: long lines it wrote are wrapped as a person would, the
imports it added go into PEP 8's groups (standard library, third party, unscope's last).
Tables of (what native mode wrote, the source it came from, the expected text) and of texts
that must stay as they are."""
from __future__ import annotations

import ast

import pytest

from unscope import migrate_source
from unscope.native.layout import layout, order_imports, wrap_long_lines

SOURCE = "import tensorflow.compat.v1 as tf\n"

WRAPS = [
    # at the commas of the outermost call, aligned with its bracket
    ("class A:\n    def __init__(self):\n"
     "        self.fc = nn.Dense(8, activation=tf.nn.relu, kernel_initializer=tf.zeros_initializer(), name=\"fc\")\n",
     "class A:\n    def __init__(self):\n"
     "        self.fc = nn.Dense(8, activation=tf.nn.relu, kernel_initializer=tf.zeros_initializer(),\n"
     "                           name=\"fc\")\n"),
    # a comprehension: before its for
    ("class A:\n    def __init__(self):\n"
     "        self.h = [nn.Dense(4, activation=tf.tanh, name=scope) for scope in (\"dense\", \"dense_1\", \"d_2\")]\n",
     "class A:\n    def __init__(self):\n"
     "        self.h = [nn.Dense(4, activation=tf.tanh, name=scope)\n"
     "                  for scope in (\"dense\", \"dense_1\", \"d_2\")]\n"),
    # the bracket far right: a hanging indent
    ("class A:\n    def __init__(self):\n"
     "        self.a_very_long_attribute_name_for_the_projection_layer = nn.Dense(units, name=\"projection\")\n",
     "class A:\n    def __init__(self):\n"
     "        self.a_very_long_attribute_name_for_the_projection_layer = nn.Dense(\n"
     "            units, name=\"projection\")\n"),
]

UNWRAPPED = [
    # the user's own long line (in the source) stays
    ("x = tf.get_variable(\"w\", [WIDTH, WIDTH], initializer=tf.random_normal_initializer(stddev=0.02), a=1)\n",
     "x = tf.get_variable(\"w\", [WIDTH, WIDTH], initializer=tf.random_normal_initializer(stddev=0.02), a=1)\n"),
    # a comment (native mode's own lines above kept functions are read back by the next run)
    ("# block: imported by other files, kept as TF1 code for them (their scopes name its variables); ok\n",
     ""),
    # nothing to break at
    ("x = " + "a" * 100 + "\n", ""),
]


@pytest.mark.parametrize("code, expected", WRAPS)
def test_long_lines_native_mode_wrote_are_wrapped(code, expected):
    out = wrap_long_lines(code, SOURCE)
    assert out == expected
    assert ast.dump(ast.parse(out)) == ast.dump(ast.parse(code))
    assert max(len(line) for line in out.splitlines()) <= 100
    assert wrap_long_lines(out, SOURCE) == out


@pytest.mark.parametrize("code, source", UNWRAPPED)
def test_lines_left_long(code, source):
    assert wrap_long_lines(code, source) == code


IMPORTS = [
    # functools after tensorflow: first, a blank line after it
    ("import tensorflow.compat.v1 as tf\nimport functools\nimport unscope\nfrom unscope import nn\n\nx = 1\n",
     "import tensorflow.compat.v1 as tf\n\nx = 1\n",
     "import functools\n\nimport tensorflow.compat.v1 as tf\nimport unscope\nfrom unscope import nn\n\nx = 1\n"),
    # with the file's own standard-library imports; unscope's after the last third-party one
    ('"""Doc."""\nimport os\n\nimport numpy as np\nimport tensorflow as tf\nfrom unscope import nn\n'
     "import unscope\nimport functools\nimport six\n\nx = 1\n",
     '"""Doc."""\nimport os\n\nimport numpy as np\nimport tensorflow as tf\nimport six\n\nx = 1\n',
     '"""Doc."""\nimport os\nimport functools\n\nimport numpy as np\nimport tensorflow as tf\nimport six\n'
     "import unscope\nfrom unscope import nn\n\nx = 1\n"),
]


@pytest.mark.parametrize("code, source, expected", IMPORTS)
def test_added_imports_go_into_pep8_groups(code, source, expected):
    out = order_imports(code, source)
    assert out == expected
    assert order_imports(out, source) == out


def test_the_users_own_import_order_stays():
    code = "import tensorflow as tf\nimport os\nfrom unscope import nn\nimport abc\n"
    assert order_imports(code, code) == code


def test_a_migrated_template_island_reads_as_pep8():
    source = ("import tensorflow.compat.v1 as tf\n\n\n"
              "def encoder(x, width):\n"
              "    w = tf.get_variable(\"w\", [x.shape[-1], width])\n"
              "    tf.add_to_collection(\"encoders\", w)\n"
              "    return tf.nn.sigmoid(tf.matmul(x, w))\n\n\n"
              "def build(x):\n"
              "    enc = tf.make_template(\"encoder\", encoder, width=4)\n"
              "    return enc(x) - enc(2.0 * x)\n")
    code = migrate_source(source, mode="native").code
    head = code.split("\n\n\n")[0]
    assert head == "import functools\n\nimport tensorflow as tf\nimport unscope\nfrom unscope import nn", head
    assert layout(code, code) == code


def test_a_kept_line_the_user_left_unaligned_stays_so_beside_a_wrapped_twin():
    """The class line wrapped to the same text as a continuation the user did not align (one
    column off): each is aligned by where it was, and a second run changes nothing."""
    source = ("import tensorflow.compat.v1 as tf\n\n\n"
              "def model(x, hparams, scope=\"model\"):\n"
              "    with tf.variable_scope(scope):\n"
              "        wpe = tf.get_variable(\"wpe\", [hparams.n_ctx, hparams.n_embd],\n"
              "                             initializer=tf.random_normal_initializer(stddev=0.01))\n"
              "        return x + wpe\n")
    result = migrate_source(source, mode="native")
    assert result.error is None and result.changed
    lines = result.code.splitlines()
    kept = lines.index("def model(x, hparams, scope=\"model\"):")
    written = source.splitlines()[6].index("initializer")
    assert lines[kept + 3].index("initializer") == written   # where the user put it
    wrapped = [i for i, line in enumerate(lines[:kept]) if line.strip().startswith("initializer=")]
    assert wrapped and lines[wrapped[0]].index("initializer") == lines[wrapped[0] - 1].index("(") + 1
    assert migrate_source(result.code, mode="native").code == result.code
