"""A one-shot iterator over a repeated, seeded-shuffle pipeline read until OutOfRangeError: the
migrated program iterates it with ``for x, y in iterator:`` and gives TF1's per-step losses
(the last batch short) and final weights, with one trace of the train step."""
from pathlib import Path

import numpy as np
import tensorflow as tf

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

SCRIPT = Path(__file__).parent / "scripts" / "one_shot_epochs.py"


def test_one_shot_loop_until_the_end_of_the_data_trains_as_tf1(tmp_path):
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert not result.findings, [str(f) for f in result.findings]
    assert "for x, y in iterator:" in result.code and "while True" not in result.code
    assert "tf.errors.OutOfRangeError" not in result.code and "tf.Session(" not in result.code
    migrated = tmp_path / "one_shot_tf2.py"
    migrated.write_text(result.code)
    for name in ("init", "tf1", "tf2"):
        (tmp_path / name).mkdir()
    tf1_main = ["-m", "unscope.verify.run_tf1", str(SCRIPT)]
    _run(tf1_main + [str(tmp_path / "init"), "0"], tmp_path)
    start = str(tmp_path / "init" / "model")
    tf1 = _run(tf1_main + [str(tmp_path / "tf1"), "3", start], tmp_path)
    tf2 = _run(["-c", _COUNTING, str(migrated), str(tmp_path / "tf2"), "3", start], tmp_path)
    assert len(_values(tf1, "loss")) == 11  # 63 examples in batches of 6 (the last of 3), ended by the data
    np.testing.assert_allclose(_values(tf2, "loss"), _values(tf1, "loss"), rtol=1e-5)
    assert _traces(tf2) == {"train_step": 1}
    tf1_ckpt = tf.train.load_checkpoint(str(tmp_path / "tf1" / "model"))
    tf2_ckpt = tf.train.load_checkpoint(str(tmp_path / "tf2" / "model"))
    migrated_values = {tuple(tf2_ckpt.get_tensor(k).shape): tf2_ckpt.get_tensor(k)
                       for k in tf2_ckpt.get_variable_to_shape_map()
                       if k.startswith("model/") and k.endswith("/.ATTRIBUTES/VARIABLE_VALUE")}
    for name in ("classifier/logits/kernel", "classifier/logits/bias"):
        value = tf1_ckpt.get_tensor(name)
        np.testing.assert_allclose(migrated_values[value.shape], value, rtol=1e-5, err_msg=name)
