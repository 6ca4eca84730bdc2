"""A module-level program with Momentum on an exponential-decay schedule: the migrated program
(module top level, no main()) trains with TF1's losses and learning rates from one TF1
checkpoint, and ends at TF1's step and weights."""
from pathlib import Path

import numpy as np
import tensorflow as tf

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

SCRIPT = Path(__file__).parent / "scripts" / "regression_momentum.py"


def test_momentum_with_a_schedule_trains_as_tf1(tmp_path):
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert "nn.Momentum(learning_rate, momentum=0.9)" in result.code
    assert "nn.schedules.exponential_decay(" in result.code and "Session" not in result.code
    migrated = tmp_path / "regression_tf2.py"
    migrated.write_text(result.code)
    for name in ("init", "tf1", "tf2"):
        (tmp_path / name).mkdir()
    tf1_main = ["-m", "unscope.verify.run_tf1", str(SCRIPT)]
    _run(tf1_main + [str(tmp_path / "init"), "0"], tmp_path)
    start = str(tmp_path / "init" / "model-0")
    tf1 = _run(tf1_main + [str(tmp_path / "tf1"), "10", start], tmp_path)
    tf2 = _run(["-c", _COUNTING, str(migrated), str(tmp_path / "tf2"), "10", start], tmp_path)
    assert len(_values(tf1, "loss")) == 10
    np.testing.assert_allclose(_values(tf2, "loss"), _values(tf1, "loss"), rtol=1e-5)
    np.testing.assert_allclose(_values(tf2, "lr"), _values(tf1, "lr"), rtol=1e-7)
    assert _values(tf1, "lr")[0] != _values(tf1, "lr")[-1]  # the schedule did decay
    assert _values(tf2, "step") == _values(tf1, "step") == [10.0]
    assert _traces(tf2)["train_step"] == 1
    # Final weights: TF1's by name, the migrated program's restored into fresh objects.
    reader = tf.train.load_checkpoint(str(tmp_path / "tf1" / "model-10"))
    saved = tf.train.load_checkpoint(str(tmp_path / "tf2" / "model-10"))
    tf1_weights = sorted(reader.get_tensor(n).tobytes() for n in reader.get_variable_to_shape_map()
                         if n.startswith("regressor/") and "Momentum" not in n)
    tf2_keys = [k for k in saved.get_variable_to_shape_map()
                if k.startswith("model/") and k.endswith("VARIABLE_VALUE")]
    assert len(tf2_keys) == len(tf1_weights) == 3
    for name in reader.get_variable_to_shape_map():
        if name.startswith("regressor/") and "Momentum" not in name:
            value = reader.get_tensor(name)
            assert any(saved.get_tensor(k).shape == value.shape
                       and np.allclose(saved.get_tensor(k), value, rtol=1e-5, atol=1e-7)
                       for k in tf2_keys), name
