"""verify --checkpoint errors name the tensor and both shapes/dtypes; the reference is stated."""
import json

import numpy as np
import pytest

from tests.verify.conftest import BN_INPUTS, model
from unscope.cli import main

tf = pytest.importorskip("tensorflow")

OLD = model("old_zoo.py:small")


def _checkpoint(path, values):
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        made = [v1.get_variable(n, initializer=v) for n, v in values.items()]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver(made).save(sess, str(path))
    return str(path)


@pytest.mark.parametrize("values, expected", [
    ({"small/w": np.zeros([2, 4], np.float32), "small/b": np.zeros([2], np.float32)},
     "restoring {p}: small/w: the model has [4,2] float32, the checkpoint [2,4] float32"),
    ({"small/w": np.zeros([4, 2], np.float64), "small/b": np.zeros([2], np.float32)},
     "restoring {p}: small/w: the model has [4,2] float32, the checkpoint [4,2] float64"),
    ({"small/w": np.zeros([4, 2], np.float32), "small/bias": np.zeros([2], np.float32)},
     "restoring {p}: small/b [2] float32 is not in the checkpoint; closest: 'small/bias'"),
])
def test_restore_errors_name_the_tensor_in_one_line(tmp_path, capsys, values, expected):
    prefix = _checkpoint(tmp_path / "model.ckpt", values)
    code = main(["verify", OLD, model("new_zoo.py:Small"), "--inputs", "x:float32[3,4]",
                 "--checkpoint", prefix])
    err = capsys.readouterr().err
    assert code == 123
    line, = err.strip().splitlines()
    assert expected.format(p=prefix) in line, line


def test_self_reference_is_said_and_not_proven_unless_allowed(capsys):
    argv = ["verify", model("old_layers.py:bn_net"), model("new_layers.py:BNNet"),
            "--inputs", BN_INPUTS, "--old-layers", "unscope", "--draws", "1"]
    assert main(argv) == 1
    out, err = capsys.readouterr()
    assert "reference: tensorflow.compat.v1" in out and "tf.layers from unscope.layers" in out
    assert "not an independent TF1 check" in out
    assert err.strip().splitlines()[-1].startswith("verify: not proven: OLD's tf.layers ran on "
                                                   "unscope.layers")
    assert main(argv + ["--allow-self-reference", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["reference"]["independent"] is False
    assert data["reference"]["tf_layers"] == "unscope.layers"
    assert data["settings"]["allow_self_reference"] is True


def test_tf_keras_reference_is_independent(bn_training_old):
    pytest.importorskip("tf_keras")
    from unscope.verify import verify

    import new_layers  # noqa: E402  (tests/verify/models)

    report = verify(bn_training_old, new_layers.BNNet)
    assert report.reference["independent"] is True and not report.self_reference
    assert report.reference["tf_layers"].startswith("tf_keras ")
    assert "not an independent" not in report.reference_line()
