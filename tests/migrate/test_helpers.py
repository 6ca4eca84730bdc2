"""Small pieces: call-argument edits, the import helper, docstring examples."""
import ast
import doctest
import importlib

import pytest

from unscope.migrate import migrate_source
from unscope.migrate.calls import CannotEdit, adapt_call, remove_argument
from unscope.migrate.names import TFNames
from unscope.migrate.source import Source


def _call(text):
    src = Source(text)
    return src, ast.parse(text).body[0].value


@pytest.mark.parametrize("text, expected", [
    ("f(a, b=1,)", "f(a,)"),
    ("f(b=1,)", "f()"),
    ("f(b=1, c=2)", "f(c=2)"),
    ("f(a,\n  b=1)", "f(a)"),
])
def test_remove_argument(text, expected):
    src, call = _call(text)
    kw = call.keywords[0]
    assert src.apply([remove_argument(src, call, kw)]) == expected


@pytest.mark.parametrize("text, expected", [
    ("tf.reduce_sum(x, 1, True)", "tf.reduce_sum(x, 1, True)"),
    ("tf.reduce_sum(x, reduction_indices=1, keep_dims=True)", "tf.reduce_sum(x, axis=1, keepdims=True)"),
    ("tf.reduce_sum(x, None, True, 'n')", "tf.reduce_sum(x, None, True, 'n')"),
    ("tf.reduce_sum(x, 1, name='n', keep_dims=True)", "tf.reduce_sum(x, 1, name='n', keepdims=True)"),
])
def test_adapt_call(text, expected):
    src, call = _call(text)
    assert src.apply(adapt_call(src, call, TFNames.load().call("reduce_sum"))) == expected


@pytest.mark.parametrize("text", [
    "tf.reduce_sum(*args)",
    "tf.reduce_sum(x, **kw)",
    "tf.reduce_sum(x, keep_dims=True, keepdims=True)",
    "tf.reduce_sum(x, 1, axis=2)",
    "tf.reduce_sum(x, 1, None, 'n', 2, True, 7)",
    "tf.reduce_sum(x, None, None, 'n', [1])",  # both spellings of one parameter: keep TF1's
    "tf.reduce_sum(x, 1, None, 'n', keep_dims=True)",
])
def test_calls_that_cannot_be_adapted_fall_back(text):
    src, call = _call(text)
    with pytest.raises(CannotEdit):
        adapt_call(src, call, TFNames.load().call("reduce_sum"))


def test_removing_the_only_import_of_a_block_leaves_pass():
    source = ("import tensorflow as tf\n"
              "if tf.__version__:\n    from tensorflow.contrib import framework\n"
              "def f(x):\n    with framework.arg_scope([]):\n        return tf.get_variable('w', [])\n")
    code = migrate_source(source).code
    assert "if tf.__version__:\n    pass\n" in code
    assert "unscope.contrib.framework.arg_scope" in code
    ast.parse(code)


def test_a_tensorflow_name_reassigned_at_module_level_is_left_alone():
    source = ("import tensorflow as tf\n"
              "try:\n    from tensorflow.contrib import framework\nexcept ImportError:\n    framework = None\n"
              "w = tf.get_variable('w', [])\nframework.arg_scope\n")
    result = migrate_source(source)
    assert "framework.arg_scope" in result.code and "unscope.get_variable" in result.code
    assert [f.message for f in result.findings] == [
        "`framework` is imported from TensorFlow and reassigned in this module; its uses were left unchanged"]


def test_import_unscope_goes_after_the_last_tensorflow_import_of_the_header():
    source = ("import os\nimport numpy as np\nimport tensorflow as tf\nfrom tensorflow.contrib import slim\n"
              "import mylib\n\nw = tf.get_variable('w', [])\nnet = slim.conv2d(w, 1, 1)\n")
    code = migrate_source(source).code
    assert code.startswith("import os\nimport numpy as np\nimport tensorflow as tf\nfrom unscope import slim\n"
                           "import unscope\nimport mylib\n")


MODULES = ["unscope.migrate", "unscope.migrate.engine", "unscope.migrate.names", "unscope.migrate.source",
           "unscope.migrate.refs", "unscope.migrate.runtime_names", "unscope.migrate.notebook",
           "unscope.migrate.runner", "unscope.rules"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0 and result.attempted > 0
