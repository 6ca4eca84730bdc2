"""`unscope.testing.assert_equivalent` for users' pytest suites."""
import pytest

from tests.verify.conftest import MLP_INPUTS

import new_zoo  # noqa: E402  (tests/verify/models)
import old_zoo  # noqa: E402

from unscope.testing import assert_equivalent  # noqa: E402


def test_passes_for_a_faithful_migration_given_as_functions():
    # `old` is the function object itself: it is re-imported in a TF1 worker
    report = assert_equivalent(old_zoo.mlp, new_zoo.MLP, MLP_INPUTS, seed=3)
    assert report.ok and report.settings["seed"] == 3


def test_raises_assertion_error_with_the_table(mlp_old):
    with pytest.raises(AssertionError) as info:
        assert_equivalent(mlp_old, new_zoo.MLP, None, init={"activation": "sigmoid"})
    text = str(info.value)
    assert "OLD and NEW differ" in text
    assert "max abs" in text and "model/mix/w" in text
    assert "differs" in text
