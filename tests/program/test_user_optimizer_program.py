"""A program whose optimizer is its own ``tf.train.Optimizer`` subclass, written for TF1's ref
variables (``_apply_dense``, ``_apply_sparse``, a slot, a non-slot power fetched with TF1's
``graph=``): migrated, the class stays user code on ``tf.compat.v1`` with the methods TF2's
resource variables need, and the program trains with TF1's losses from one TF1 checkpoint,
resumes TF1's mid-training checkpoint (slots and power included) and its own, traced once."""
from pathlib import Path

import numpy as np
import tensorflow as tf

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

SCRIPT = Path(__file__).parent / "zoo" / "user_optimizer_power.py"


def _state(path):
    reader = tf.train.load_checkpoint(str(path))
    return {name: reader.get_tensor(name) for name in reader.get_variable_to_shape_map()
            if not name.startswith("_CHECKPOINTABLE") and "save_counter" not in name}


def test_user_optimizer_trains_and_resumes_as_tf1(tmp_path):
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert result.changed and "Session(" not in result.code, [str(f) for f in result.findings]
    for text in ("class PowerMomentum(tf.compat.v1.train.Optimizer):", "def _resource_apply_dense(",
                 "def _resource_apply_sparse(", "optimizer._create_slots(scorer.trainable_variables)",
                 "optimizer.apply_gradients(zip(grads, variables), global_step=global_step)"):
        assert text in result.code, text
    migrated = tmp_path / "user_optimizer_tf2.py"
    migrated.write_text(result.code)
    tf1_main = ["-m", "unscope.verify.run_tf1", str(SCRIPT)]
    tf2_main = ["-c", _COUNTING, str(migrated)]
    for sub in ("init", "tf1", "tf2", "tf1_more", "tf2_more", "tf2_own"):
        (tmp_path / sub).mkdir()
    _run(tf1_main + [str(tmp_path / "init"), "0"], tmp_path)
    start = str(tmp_path / "init" / "model-0")
    tf1 = _run(tf1_main + [str(tmp_path / "tf1"), "10", start], tmp_path)
    tf2 = _run(tf2_main + [str(tmp_path / "tf2"), "10", start], tmp_path)
    middle = str(tmp_path / "tf1" / "model-10")
    tf1_more = _run(tf1_main + [str(tmp_path / "tf1_more"), "5", middle], tmp_path)
    tf2_more = _run(tf2_main + [str(tmp_path / "tf2_more"), "5", middle], tmp_path)
    tf2_own = _run(tf2_main + [str(tmp_path / "tf2_own"), "5", str(tmp_path / "tf2" / "model-10")],
                   tmp_path)
    assert len(_values(tf1, "loss")) == 10 and len(_values(tf1_more, "loss")) == 5
    np.testing.assert_allclose(_values(tf2, "loss"), _values(tf1, "loss"), rtol=1e-5)
    np.testing.assert_allclose(_values(tf2_more, "loss"), _values(tf1_more, "loss"), rtol=1e-5)
    np.testing.assert_allclose(_values(tf2_own, "loss"), _values(tf1_more, "loss"), rtol=1e-5)
    assert _values(tf1, "step") == _values(tf2, "step") == [10.0]
    assert _values(tf1_more, "step") == _values(tf2_more, "step") == _values(tf2_own, "step") == [15.0]
    for out in (tf2, tf2_more, tf2_own):
        assert _traces(out).get("train_step") == 1, _traces(out)
    # Final state, optimizer included: every TF1 tensor (weights, velocity slots, decay_power)
    # has its value in the migrated program's checkpoint.
    tf1_state = _state(tmp_path / "tf1_more" / "model-15")
    assert any(n.endswith("/PowerMomentum") for n in tf1_state) and "decay_power" in tf1_state
    assert tf1_state["decay_power"] < 1.0  # the power moved: the non-slot state was restored and trained
    for saved in (_state(tmp_path / "tf2_more" / "model-15"), _state(tmp_path / "tf2_own" / "model-15")):
        assert len(saved) == len(tf1_state)
        for name, value in tf1_state.items():
            assert any(v.shape == value.shape and v.dtype == value.dtype
                       and np.allclose(v, value, rtol=1e-5, atol=1e-7) for v in saved.values()), name
