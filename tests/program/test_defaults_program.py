"""placeholder_with_default: a training flag and a penalty factor fed during training and
defaulted at evaluation become tf.function arguments given TF1's default where the run did not
feed them; the migrated program's training and evaluation losses are TF1's, one trace each."""
from pathlib import Path

import numpy as np

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

SCRIPT = Path(__file__).parent / "scripts" / "defaults_sgd.py"


def test_placeholder_with_default_trains_and_evaluates_as_tf1(tmp_path):
    result = unscope.migrate_source(SCRIPT.read_text(), mode="native", path=str(SCRIPT))
    assert not result.findings, [str(f) for f in result.findings]
    assert "placeholder_with_default(" not in result.code and "Session" not in result.code
    assert "compute_loss(xb, yb, False, 0.0)" in result.code
    migrated = tmp_path / "defaults_tf2.py"
    migrated.write_text(result.code)
    for name in ("init", "tf1", "tf2"):
        (tmp_path / name).mkdir()
    tf1_main = ["-m", "unscope.verify.run_tf1", str(SCRIPT)]
    _run(tf1_main + [str(tmp_path / "init"), "0"], tmp_path)
    start = str(tmp_path / "init" / "model")
    tf1 = _run(tf1_main + [str(tmp_path / "tf1"), "12", start], tmp_path)
    tf2 = _run(["-c", _COUNTING, str(migrated), str(tmp_path / "tf2"), "12", start], tmp_path)
    for key in ("loss", "eval", "fed"):
        assert len(_values(tf1, key)) == 12
        np.testing.assert_allclose(_values(tf2, key), _values(tf1, key), rtol=1e-5)
    # The defaults mattered: on the same weights and batch, TF1's defaulted run differs from
    # the run that feeds the flag and the penalty.
    assert not np.allclose(_values(tf1, "eval"), _values(tf1, "fed"), rtol=1e-3)
    assert _traces(tf2) == {"train_step": 1, "compute_loss": 1}
