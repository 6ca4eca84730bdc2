"""ImportTable / canonical_api: every import spelling resolves to the same qualified name."""
from __future__ import annotations

import ast

import pytest

from unscope.analyze.imports import ImportTable, canonical_api, is_tensorflow


def _resolve(source: str, expr: str) -> str | None:
    tree = ast.parse(source)
    table = ImportTable.from_tree(tree)
    return table.resolve(ast.parse(expr, mode="eval").body)


# (source, expression, expected qualified name)
RESOLVE = [
    ("import tensorflow as tf", "tf.get_variable", "tensorflow.get_variable"),
    ("import tensorflow as tf", "tf.compat.v1.get_variable", "tensorflow.compat.v1.get_variable"),
    ("import tensorflow as tf", "tf", "tensorflow"),
    ("import tensorflow.compat.v1 as tf", "tf.variable_scope", "tensorflow.compat.v1.variable_scope"),
    ("import tensorflow.compat.v1 as tf", "tf.layers.dense", "tensorflow.compat.v1.layers.dense"),
    ("from tensorflow.compat import v1", "v1.get_variable", "tensorflow.compat.v1.get_variable"),
    ("from tensorflow.compat import v1 as tfv1", "tfv1.AUTO_REUSE", "tensorflow.compat.v1.AUTO_REUSE"),
    ("from tensorflow.compat.v1 import variable_scope as vs, get_variable", "vs",
     "tensorflow.compat.v1.variable_scope"),
    ("from tensorflow.compat.v1 import variable_scope as vs, get_variable", "get_variable",
     "tensorflow.compat.v1.get_variable"),
    ("import tensorflow.contrib.slim as slim", "slim.conv2d", "tensorflow.contrib.slim.conv2d"),
    ("import tf_slim as slim", "slim.arg_scope", "tf_slim.arg_scope"),
    ("from tensorflow.contrib import layers", "layers.layer_norm", "tensorflow.contrib.layers.layer_norm"),
    ("import tensorflow", "tensorflow.compat.v1.get_variable", "tensorflow.compat.v1.get_variable"),
    ("import tensorflow.compat.v1", "tensorflow.compat.v1.get_variable", "tensorflow.compat.v1.get_variable"),
    ("import tensorflow as tf, numpy as np", "tf.get_variable", "tensorflow.get_variable"),
    ("import tensorflow as tf, numpy as np", "np.zeros", "numpy.zeros"),
    ("import numpy as np, tensorflow as tf", "tf.make_template", "tensorflow.make_template"),
    # imports inside functions count
    ("def f():\n    import tensorflow as tf\n    return tf", "tf.get_variable", "tensorflow.get_variable"),
    ("class A:\n    def f(self):\n        from tensorflow.compat import v1\n", "v1.layers.dense",
     "tensorflow.compat.v1.layers.dense"),
    # inside try/except and if blocks
    ("try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n    tf = None\n",
     "tf.get_variable", "tensorflow.compat.v1.get_variable"),
    ("if True:\n    import tensorflow as tf\n", "tf.Variable", "tensorflow.Variable"),
    ("match x:\n    case 1:\n        import tensorflow.compat.v1 as tf\n", "tf.layers",
     "tensorflow.compat.v1.layers"),
    ("with open(p) as f:\n    for i in x:\n        while y:\n            import tf_slim as slim\n",
     "slim.conv2d", "tf_slim.conv2d"),
    # simple aliasing assignments are followed
    ("import tensorflow as tf\ntf = tf.compat.v1", "tf.get_variable", "tensorflow.compat.v1.get_variable"),
    ("import tensorflow as tf\ntfv1 = tf.compat.v1", "tfv1.variable_scope",
     "tensorflow.compat.v1.variable_scope"),
    ("import tensorflow as tf\nlayers = tf.layers", "layers.conv2d", "tensorflow.layers.conv2d"),
]

# (source, expression): not rooted in an import
UNRESOLVED = [
    ("", "tf.get_variable"),
    ("tf = object()", "tf.get_variable"),
    ("def get_variable(name): pass", "get_variable"),
    ("import tensorflow as tf", "x.get_variable"),
    ("import tensorflow as tf", "tf.get_variable_scope().reuse_variables"),
    ("import tensorflow as tf", "foo()[0].bar"),
    ("from . import tf", "tf.get_variable"),
    ("from .. import get_variable", "get_variable"),
    ("from tensorflow.compat.v1 import *", "get_variable"),
]


@pytest.mark.parametrize("source,expr,expected", RESOLVE)
def test_resolve(source, expr, expected):
    assert _resolve(source, expr) == expected


@pytest.mark.parametrize("source,expr", UNRESOLVED)
def test_unresolved(source, expr):
    assert _resolve(source, expr) is None


def test_aliases_table():
    src = "import tensorflow as tf, numpy as np\nfrom tensorflow.compat.v1 import get_variable as gv\nimport os.path\n"
    assert ImportTable.from_tree(ast.parse(src)).aliases() == {
        "tf": "tensorflow",
        "np": "numpy",
        "gv": "tensorflow.compat.v1.get_variable",
        "os": "os",
    }


def test_aliases_returns_copy():
    table = ImportTable.from_tree(ast.parse("import tensorflow as tf"))
    table.aliases()["tf"] = "evil"
    assert table.aliases() == {"tf": "tensorflow"}


def test_function_import_does_not_override_module_binding():
    src = "import tensorflow as tf\ndef f():\n    from fake import tf\n"
    table = ImportTable.from_tree(ast.parse(src))
    assert table.aliases()["tf"] == "tensorflow"
    assert "tf" in table.shadowed


def test_later_module_import_wins():
    src = "import tensorflow as tf\nimport tensorflow.compat.v1 as tf\n"
    assert ImportTable.from_tree(ast.parse(src)).aliases()["tf"] == "tensorflow.compat.v1"


def test_assignment_shadowing_is_noted():
    table = ImportTable.from_tree(ast.parse("import tensorflow as tf\ntf = make_fake()\n"))
    assert "tf" in table.shadowed
    assert table.aliases()["tf"] == "tensorflow"  # v1: the import keeps winning


def test_star_import_recorded():
    table = ImportTable.from_tree(ast.parse("from tensorflow.compat.v1 import *"))
    assert table.star_imports == ["tensorflow.compat.v1"]


def test_tensorflow_names():
    src = "import tensorflow as tf, numpy as np\nimport tf_slim as slim\nfrom unscope import get_variable\n"
    assert ImportTable.from_tree(ast.parse(src)).tensorflow_names() == {"tf", "slim"}


CANONICAL = [
    ("tensorflow.get_variable", "tf.get_variable"),
    ("tensorflow.compat.v1.get_variable", "tf.get_variable"),
    ("tensorflow.compat.v1.compat.v1.get_variable", "tf.get_variable"),
    ("tensorflow.variable_scope", "tf.variable_scope"),
    ("tensorflow.compat.v1.AUTO_REUSE", "tf.AUTO_REUSE"),
    ("tensorflow.contrib.layers.layer_norm", "tf.contrib.layers.layer_norm"),
    ("tf_slim.conv2d", "slim.conv2d"),
    ("tf_slim.layers.conv2d", "slim.conv2d"),
    ("tf_slim", "slim"),
    ("tensorflow.contrib.slim.conv2d", "slim.conv2d"),
    ("tensorflow.contrib.slim", "slim"),
    ("tensorflow.compat.v1.layers.dense", "tf.layers.dense"),
    ("tensorflow.compat.v1.GraphKeys.TRAINABLE_VARIABLES", "tf.GraphKeys.TRAINABLE_VARIABLES"),
    ("tensorflow.compat.v1", "tf"),
    ("tensorflow", "tf"),
    ("tensorflow.python.ops.variable_scope.get_variable", "tf.get_variable"),
    ("tensorflow.python.ops.template.make_template", "tf.make_template"),
    ("tensorflow.python.layers.core.dense", "tf.layers.dense"),
    ("tensorflow.contrib.framework.python.ops.arg_scope.arg_scope", "tf.contrib.framework.arg_scope"),
    ("tensorflow.python.util.nest.flatten", "tf.python.util.nest.flatten"),
]


@pytest.mark.parametrize("qualname,expected", CANONICAL)
def test_canonical_api(qualname, expected):
    assert canonical_api(qualname) == expected


@pytest.mark.parametrize("qualname", ["numpy.zeros", "unscope.get_variable", "tensorflowx.a", "", "tf.get_variable"])
def test_canonical_api_not_tensorflow(qualname):
    assert canonical_api(qualname) is None
    assert not is_tensorflow(qualname)
