"""One real run of the whole pipeline on a tiny TF1 model, shared by the report tests:
the TF1 graph writes a checkpoint, migrate --mode native writes the JSON report, convert and
verify write theirs."""
import io
import json
from contextlib import redirect_stdout

import numpy as np
import pytest

MODEL = '''import tensorflow as tf


def tower(x, units):
    with tf.variable_scope("tower"):
        w = tf.get_variable("w", [3, units])
        b = tf.get_variable("b", [units], initializer=tf.zeros_initializer())
        return tf.nn.relu(tf.matmul(x, w) + b)


def head(x, name):
    with tf.variable_scope(name):
        v = tf.get_variable("v", [2, 1])
    return tf.matmul(x, v)


def model(x):
    h = tower(x, 2)
    return head(h, "head" + "_%d" % 0)
'''


LEGACY = '''import tensorflow as tf


def shared(x, flag):
    with tf.variable_scope("shared", reuse=flag):
        w = tf.get_variable("w", [3, 3])
    return tf.matmul(x, w)


def getter_net(x):
    with tf.variable_scope("g", custom_getter=lambda getter, *a, **k: getter(*a, **k)):
        w = tf.get_variable("w", [3, 3])
    return tf.matmul(x, w)
'''


def _tf1_checkpoint(prefix: str) -> None:
    import tensorflow as tf

    v1 = tf.compat.v1
    with tf.Graph().as_default():
        for name, shape in (("tower/w", [3, 2]), ("tower/b", [2]), ("head_0/v", [2, 1])):
            v1.get_variable(name, shape)
        v1.train.get_or_create_global_step()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, prefix)


def _json(argv) -> dict:
    from unscope.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        main(argv)
    return json.loads(out.getvalue())


@pytest.fixture(scope="session")
def runs(tmp_path_factory):
    """``{"dir", "migrate", "convert", "verify"}``: paths of the three JSON reports."""
    from unscope.cli import main

    root = tmp_path_factory.mktemp("pipeline")
    src = root / "src"
    src.mkdir()
    (src / "model.py").write_text(MODEL)
    (src / "legacy.py").write_text(LEGACY)
    (src / "clean.py").write_text("import math\n\n\ndef area(r):\n    return math.pi * r * r\n")
    _tf1_checkpoint(str(root / "tf1" / "model"))
    np.savez(root / "inputs.npz", x=np.ones([2, 3], np.float32))
    paths = {"dir": root, "migrate": root / "migrate.json", "convert": root / "convert.json",
             "verify": root / "verify.json", "html": root / "migrate.html"}
    assert main(["migrate", str(src), "--mode", "native", "--out", str(root / "native"),
                 "--report", str(paths["migrate"]), "--html", str(paths["html"])]) == 0
    new = str(root / "native" / "model.py")
    paths["convert"].write_text(json.dumps(_json(
        ["convert", str(root / "tf1" / "model"), str(root / "tf2" / "model"), "--model",
         f"{new}:Model", "--example", str(root / "inputs.npz"), "--format", "json"])))
    paths["verify"].write_text(json.dumps(_json(
        ["verify", f"{src / 'model.py'}:model", f"{new}:Model", "--example", str(root / "inputs.npz"),
         "--checkpoint", str(root / "tf1" / "model"), "--format", "json"])))
    return paths
