"""unscope.nn's tf.layers twins against TF1 itself (tf.compat.v1.layers in TF1 graph mode)."""
import pytest

from . import tf1_cases
from .oracle_check import check_case, run_oracle

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    return run_oracle("TF_LAYERS", tmp_path_factory.mktemp("tf_layers"))


@pytest.mark.parametrize("case", tf1_cases.TF_LAYERS, ids=lambda c: c.id)
def test_matches_tf1(case, oracle):
    rec = check_case(case, oracle)
    if "training" in case.tags:  # the case really exercised TF1's moving-average updates
        assert int(rec["n_updates"]) > 0
