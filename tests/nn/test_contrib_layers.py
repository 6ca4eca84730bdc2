"""unscope.nn's tf.contrib.layers twins against contrib's own construction, in TF1 graph mode.

TF 2.21 has no tf.contrib: tf1_cases.py rebuilds each contrib layer the way contrib did
(tf.layers classes with a renaming getter, or contrib's graph primitives for layer_norm and
the rank-2 fused batch_norm).
"""
import pytest

from . import tf1_cases
from .oracle_check import check_case, run_oracle

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    return run_oracle("CONTRIB", tmp_path_factory.mktemp("contrib"))


@pytest.mark.parametrize("case", tf1_cases.CONTRIB, ids=lambda c: c.id)
def test_matches_tf1(case, oracle):
    rec = check_case(case, oracle)
    if "training" in case.tags:
        assert int(rec["n_updates"]) > 0
