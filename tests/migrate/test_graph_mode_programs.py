"""Graph mode belongs to a program's entry point: migrated programs run for real.

Each program is a few TF1 files.  The original runs in TF1 graph mode
(``python -m unscope.verify.run_tf1``); the migrated files run on TF 2.21 as they are.
Importing a migrated module in a fresh process must leave TF 2 eager; running the migrated
entry point as ``__main__`` must print what the TF1 original printed.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from unscope.migrate import migrate_source

ROOT = Path(__file__).resolve().parents[2]

MODEL_LIB = '''
import tensorflow as tf


def inputs():
    return tf.placeholder(tf.float32, [None, 3], name="x")


def model(x):
    with tf.variable_scope("model", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5))
    return tf.matmul(x, w)


def evaluate(values):
    sess = tf.InteractiveSession()
    x = inputs()
    y = model(x)
    sess.run(tf.global_variables_initializer())
    out = sess.run(y, {x: values})
    sess.close()
    return out
'''

TRAIN_MAIN = '''
import numpy as np
import tensorflow as tf

from model_lib import inputs, model


def main():
    tf.set_random_seed(0)
    x = inputs()
    loss = tf.reduce_sum(tf.square(model(x)))
    step = tf.train.GradientDescentOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            sess.run(step, {x: np.ones([2, 3])})
        print(repr(sess.run(loss, {x: np.ones([2, 3])}).tolist()))


if __name__ == "__main__":
    main()
'''

GRAPH_AT_IMPORT = '''
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.reduce_sum(x * 2.0, axis=1)
'''

RUN_GRAPH_AT_IMPORT = '''
import tensorflow.compat.v1 as tf

import graph_at_import

with tf.Session() as sess:
    print(repr(sess.run(graph_at_import.y, {graph_at_import.x: [[1.0, 2.0, 3.0]]}).tolist()))
'''

DISABLE_IN_LIBRARY_WITH_MAIN = '''
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()


def model(x):
    return tf.layers.dense(x, 2, kernel_initializer=tf.ones_initializer(), name="out")


def main(_):
    x = tf.placeholder(tf.float32, [None, 3])
    y = model(x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(repr(sess.run(y, {x: [[1.0, 2.0, 3.0]]}).tolist()))


if __name__ == "__main__":
    tf.app.run(main)
'''

USES_LIBRARY_SESSION = '''
import numpy as np
import tensorflow as tf

import model_lib

if __name__ == "__main__":
    x = tf.placeholder(tf.float32, [None, 3])
    print(repr(model_lib.evaluate(np.ones([1, 3])).tolist()))
'''

PROGRAMS = {
    "session_main": ({"model_lib.py": MODEL_LIB, "train.py": TRAIN_MAIN}, "train.py"),
    "graph_at_import": ({"graph_at_import.py": GRAPH_AT_IMPORT, "run.py": RUN_GRAPH_AT_IMPORT}, "run.py"),
    "disable_moved": ({"prog.py": DISABLE_IN_LIBRARY_WITH_MAIN}, "prog.py"),
    "library_session": ({"model_lib.py": MODEL_LIB, "use.py": USES_LIBRARY_SESSION}, "use.py"),
}
# modules whose import must not switch the process to graph mode (graph_at_import builds a
# graph at import, so it is a script by definition and is left out)
LIBRARIES = [("session_main", "model_lib"), ("session_main", "train"), ("disable_moved", "prog"),
             ("library_session", "model_lib"), ("library_session", "use")]


def _write(folder: Path, files: dict[str, str], migrate: bool) -> None:
    folder.mkdir()
    for name, source in files.items():
        if migrate:
            result = migrate_source(source)
            assert result.error is None, result.error
            source = result.code
        (folder / name).write_text(source)


def _python(args, cwd: Path) -> str:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3",
           "PYTHONPATH": os.pathsep.join([str(cwd), str(ROOT / "src")])}
    env.pop("TF_USE_LEGACY_KERAS", None)
    proc = subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = {}
    for name, (files, _) in PROGRAMS.items():
        base = tmp_path_factory.mktemp(name)
        _write(base / "tf1", files, migrate=False)
        _write(base / "tf2", files, migrate=True)
        out[name] = base
    return out


@pytest.mark.parametrize("program,module", LIBRARIES, ids=[f"{p}:{m}" for p, m in LIBRARIES])
def test_importing_a_migrated_module_keeps_eager(built, program, module):
    printed = _python(["-c", f"import {module}\nimport tensorflow as tf\nprint(tf.executing_eagerly())"],
                      built[program] / "tf2")
    assert printed == "True"


def test_the_originals_switch_modes_where_tf1_did(built):
    """The check above can fail: the TF1 original of disable_moved switches at import."""
    printed = _python(["-c", "import prog\nimport tensorflow as tf\nprint(tf.executing_eagerly())"],
                      built["disable_moved"] / "tf1")
    assert printed == "False"


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_migrated_entry_point_computes_what_tf1_computed(built, program):
    _, entry = PROGRAMS[program]
    expected = _python(["-m", "unscope.verify.run_tf1", entry], built[program] / "tf1")
    actual = _python([entry], built[program] / "tf2")
    np.testing.assert_allclose(np.asarray(ast.literal_eval(actual)), np.asarray(ast.literal_eval(expected)),
                               rtol=1e-6)
