import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Two logical CPUs for MirroredStrategy tests must be configured before TF initialises
# its devices; tests that need them run in a subprocess instead (see tests/runtime/test_distribute.py).


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def zoo_oracle(tmp_path_factory):
    """Every zoo model run once in real TF1 (graph mode, tf_keras layers) for the session."""
    from tests.zoo import harness

    outdir = tmp_path_factory.mktemp("zoo_oracle")
    harness.run_oracle(harness.ZOO, outdir)
    return outdir
