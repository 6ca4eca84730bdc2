"""The model zoo (tests/zoo), migrated, runs on TF 2.21 without tf_keras and equals TF1 itself:
in a TF1 graph, eagerly through unscope.track and under tf.function."""
from pathlib import Path

import pytest

from tests.migrate import programs
from unscope.migrate import migrate_source

ZOO = Path(__file__).resolve().parents[1] / "zoo"
MODELS = sorted(p for p in ZOO.glob("*.py") if p.stem not in ("__init__", "harness", "shim")
                and not p.stem.startswith("test_"))


@pytest.mark.slow
@pytest.mark.parametrize("path", MODELS, ids=[p.stem for p in MODELS])
def test_zoo_model_migrates_and_equals_tf1(path):
    source = path.read_text(encoding="utf-8")
    result = migrate_source(source, path=path.name)
    assert result.changed and result.error is None
    assert "tensorflow.compat.v1" not in result.code and "tf.layers." not in result.code
    assert not [f for f in result.findings if f.verdict == "manual"], result.findings
    programs.assert_migration_equal(source, result.code)
