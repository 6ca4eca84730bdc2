"""An initializable iterator re-initialized each epoch and read until OutOfRangeError: the
migrated program makes iter(dataset) at each initializer run and iterates it with ``for``;
its per-step losses over three epochs are TF1's.  (A fed, shuffled pipeline:
test_fed_pipeline_program.py.)"""
from pathlib import Path

import numpy as np

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

SCRIPT = Path(__file__).parent / "scripts" / "epochs_sgd.py"


def test_initializable_iterator_epochs_train_as_tf1(tmp_path):
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert not result.findings, [str(f) for f in result.findings]
    assert "iterator = iter(dataset)" in result.code and "for x, y in iterator:" in result.code
    assert "Session" not in result.code and "errors.OutOfRangeError" not in result.code
    migrated = tmp_path / "epochs_tf2.py"
    migrated.write_text(result.code)
    for name in ("init", "tf1", "tf2"):
        (tmp_path / name).mkdir()
    tf1_main = ["-m", "unscope.verify.run_tf1", str(SCRIPT)]
    _run(tf1_main + [str(tmp_path / "init"), "0"], tmp_path)
    start = str(tmp_path / "init" / "model")
    tf1 = _run(tf1_main + [str(tmp_path / "tf1"), "3", start], tmp_path)
    tf2 = _run(["-c", _COUNTING, str(migrated), str(tmp_path / "tf2"), "3", start], tmp_path)
    assert len(_values(tf1, "loss")) == 12  # 3 epochs of 4 batches, each epoch ended by the data
    np.testing.assert_allclose(_values(tf2, "loss"), _values(tf1, "loss"), rtol=1e-5)
    assert _traces(tf2) == {"train_step": 1}
