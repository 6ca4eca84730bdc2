"""A shuffled pipeline fed from placeholders at each initializer run, read until
OutOfRangeError: the migrated program makes the pipeline again from the fed arrays at each
initializer run (so its seeded shuffle restarts, as TF1's did) and iterates it with ``for``.
TF1 graph mode is the oracle: the batch order (example ids), the per-step losses over three
epochs, the final weights, and one trace of the train step for full and short batches."""
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

SCRIPT = Path(__file__).parent / "scripts" / "fed_shuffled_sgd.py"


def _orders(out):
    return [[int(i) for i in line.split()[1:]] for line in out.splitlines() if line.startswith("order ")]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fed")
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert not result.findings, [str(f) for f in result.findings]
    migrated = tmp / "fed_tf2.py"
    migrated.write_text(result.code)
    for name in ("init", "tf1", "tf2"):
        (tmp / name).mkdir()
    tf1_main = ["-m", "unscope.verify.run_tf1", str(SCRIPT)]
    _run(tf1_main + [str(tmp / "init"), "0"], tmp)
    start = str(tmp / "init" / "model")
    return {"code": result.code, "tmp": tmp,
            "tf1": _run(tf1_main + [str(tmp / "tf1"), "3", start], tmp),
            "tf2": _run(["-c", _COUNTING, str(migrated), str(tmp / "tf2"), "3", start], tmp)}


def test_the_program_is_eager_and_iterates_in_python(runs):
    code = runs["code"]
    for tf1_only in ("tf.Session(", "tf.placeholder(", "sess.run", "make_initializable_iterator",
                     "tf.errors.OutOfRangeError", "compat.v1", "while True"):
        assert tf1_only not in code, tf1_only
    assert "iterator = iter(make_dataset(features, targets, ids))" in code
    assert "for x, y, batch_ids in iterator:" in code


def test_batch_order_is_tf1s(runs):
    tf1, tf2 = _orders(runs["tf1"]), _orders(runs["tf2"])
    assert len(tf1) == 18  # 3 epochs of 2 x 16 examples in batches of 6: 5 full, 1 of 2
    assert tf2 == tf1
    per_epoch = [tf1[i:i + 6] for i in range(0, 18, 6)]
    assert per_epoch[0] == per_epoch[1] == per_epoch[2]  # TF1 replays the seeded shuffle
    first_pass = sorted(i for batch in per_epoch[0] for i in batch)
    assert first_pass == sorted(list(range(16)) * 2)


def test_losses_match_tf1_at_every_step(runs):
    tf1, tf2 = _values(runs["tf1"], "loss"), _values(runs["tf2"], "loss")
    assert len(tf1) == 18
    np.testing.assert_allclose(tf2, tf1, rtol=1e-5)


def test_final_weights_match_tf1(runs):
    tf1 = tf.train.load_checkpoint(str(runs["tmp"] / "tf1" / "model"))
    tf2 = tf.train.load_checkpoint(str(runs["tmp"] / "tf2" / "model"))
    names = [k for k in tf1.get_variable_to_shape_map() if k.startswith("regressor/")]
    assert sorted(names) == ["regressor/hidden/bias", "regressor/hidden/kernel",
                             "regressor/out/bias", "regressor/out/kernel"]
    migrated = {tuple(tf2.get_tensor(k).shape): tf2.get_tensor(k) for k in tf2.get_variable_to_shape_map()
                if k.startswith("model/") and k.endswith("/.ATTRIBUTES/VARIABLE_VALUE")}
    assert len(migrated) == 4  # kernels [3, 8], [8, 1]; biases [8], [1]
    for name in names:
        value = tf1.get_tensor(name)
        np.testing.assert_allclose(migrated[value.shape], value, rtol=1e-5, err_msg=name)
    start = tf.train.load_checkpoint(str(runs["tmp"] / "init" / "model"))
    assert not np.allclose(start.get_tensor("regressor/out/kernel"), tf1.get_tensor("regressor/out/kernel"))


def test_the_train_step_is_traced_once(runs):
    assert _traces(runs["tf2"]) == {"train_step": 1}
