"""Deep tf.contrib import paths (contrib.X.python.*) migrate to unscope.contrib and run.

The TF1 oracle for tf.contrib is tf_slim (the maintained copy of contrib's framework / layers),
in TF1 graph mode; scan must give the verdicts migrate applies."""
from __future__ import annotations

from pathlib import Path

from tests.migrate import programs
from unscope.analyze import analyze_source
from unscope.migrate import migrate_source

DEEP = '''
import tensorflow as tf
from tensorflow.contrib.framework.python.ops import arg_scope, add_arg_scope
from tensorflow.contrib.framework.python.ops import variables as contrib_variables
from tensorflow.contrib.layers.python.layers import initializers
from tensorflow.contrib.layers.python.layers import layers as layers_lib


@add_arg_scope
def dense(x, num_units, init_scale=1.0):
    with tf.variable_scope("dense"):
        w = tf.get_variable("w", [int(x.shape[1]), num_units],
                            initializer=initializers.xavier_initializer())
        b = contrib_variables.model_variable("b", [num_units], initializer=tf.zeros_initializer())
        return init_scale * tf.matmul(x, w) + b


def build(x):
    with arg_scope([dense], init_scale=2.0):
        h = dense(x, 4)
    return layers_lib.fully_connected(h, 2, scope="out")


INPUTS = {"x": __import__("numpy").ones([2, 3], "float32")}
'''

# the same program against tf_slim, which TF1 graph mode runs for real
ORACLE_IMPORTS = '''
import tensorflow.compat.v1 as tf
from tf_slim import arg_scope, add_arg_scope
from tf_slim import model_variable
from tf_slim.layers import initializers
from tf_slim import layers as layers_lib
class contrib_variables:
    model_variable = staticmethod(model_variable)
'''


def _oracle_source() -> str:
    body = DEEP.split("\n\n\n", 1)[1]
    return ORACLE_IMPORTS + "\n\n" + body


def test_migrated_deep_paths_compute_what_tf1_contrib_computed():
    result = migrate_source(DEEP)
    assert result.findings == [] and result.error is None
    assert "tensorflow.contrib" not in result.code
    programs.assert_migration_equal(_oracle_source(), result.code)


def test_scan_gives_the_verdict_migrate_applies():
    gone = (Path(__file__).parent / "cases" / "contrib" / "deep_path_gone.py").read_text()
    gone = "".join(line for line in gone.split("# output\n")[0].splitlines(keepends=True)
                   if not line.startswith("# warns:"))
    for source in (DEEP, gone):
        scanned = {(f.line, f.col) for f in analyze_source(source, "x.py")
                   if f.api and f.api.startswith("tf.contrib") and f.verdict == "manual"}
        migrated = {(f.line, f.col) for f in migrate_source(source).findings if f.api.startswith("tf.contrib")}
        assert scanned == migrated
    assert migrated  # the gone case does have manual contrib uses
