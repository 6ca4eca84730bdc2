"""verify on what real TF1 code bases need: deep float32 gradients (noise is not a difference,
planted gradient bugs still are) and NEW code that only runs under tf.function."""
import json

import pytest

from tests.verify.conftest import model

tf = pytest.importorskip("tensorflow")

from unscope.verify import GRAD_RTOL, BuildError, run_old, verify  # noqa: E402

DEEP_INPUTS = "x:float32[8,48]"


@pytest.fixture(scope="module")
def deep_old():
    return run_old(model("old_deep.py:deep"), DEEP_INPUTS)


def differences(report):
    return {(m.kind, m.name) for m in report.mismatches}


def test_float32_noise_of_deep_gradients_is_not_a_difference(deep_old):
    # NEW sums the same products in another order: outputs and gradients differ in float32
    # rounding only, exactly as TF1 graph kernels and TF2 eager kernels do
    report = verify(deep_old, model("new_deep.py:deep"))
    assert report.ok, str(report)
    assert report.settings["grad_rtol"] == GRAD_RTOL
    exact = verify(deep_old, model("new_deep.py:deep"), rtol=0.0, atol=0.0, grad_rtol=0.0)
    assert any(m.kind == "gradient" for m in exact.mismatches), "the noise is real"
    worst = max(report.gradients, key=lambda row: row.max_abs)
    assert worst.max_abs > 0


def test_a_gradient_off_by_a_thousandth_is_caught(deep_old):
    # a custom gradient scales layer0/w's gradient by 1.001: outputs are identical
    report = verify(deep_old, model("new_deep.py:deep_gradient_off_by_a_thousandth"))
    assert differences(report) == {("gradient", "deep/layer0/w")}
    assert all(row.status == "ok" for row in report.outputs)


def test_a_gradient_off_by_a_percent_is_caught(deep_old):
    report = verify(deep_old, model("new_deep.py:deep_gradient_off_by_a_percent"))
    assert differences(report) == {("gradient", "deep/layer7/w")}


# --- NEW with graph-only constructs: run under tf.function ---------------------------------

@pytest.fixture(scope="module")
def graph_only_old():
    return run_old(model("old_graph_only.py:projection"), "x:float32[4,5]")


def test_new_failing_eagerly_on_tensor_name_runs_under_tf_function(graph_only_old):
    report = verify(graph_only_old, model("new_graph_only.py:projection"))
    assert report.ok, str(report)
    assert report.settings["function"] is True
    assert report.variables.matched == 2
    assert any("Tensor.name is undefined when eager execution is enabled" in n
               and "tf.function" in n for n in report.notes)
    assert "(TF2 tf.function)" in str(report)


def test_function_false_keeps_the_eager_failure(graph_only_old):
    with pytest.raises(BuildError, match="Tensor.name is undefined when eager execution"):
        verify(graph_only_old, model("new_graph_only.py:projection"), function=False)


def test_function_true_runs_under_tf_function_without_a_note(graph_only_old):
    report = verify(graph_only_old, model("new_graph_only.py:projection"), function=True)
    assert report.ok and report.settings["function"] is True
    assert not any("graph-only" in n for n in report.notes)


def test_eager_code_stays_eager(deep_old):
    report = verify(deep_old, model("new_deep.py:deep"))
    assert report.settings["function"] is False and "(TF2 eager)" in str(report)


def test_other_errors_are_not_retried_under_tf_function(graph_only_old):
    with pytest.raises(BuildError) as info:
        verify(graph_only_old, model("new_graph_only.py:projection_with_a_wrong_weight"))
    assert "tf.function" not in str(info.value) and "InvalidArgumentError" in str(info.value)


def test_an_error_under_tf_function_is_named_in_one_line(graph_only_old):
    with pytest.raises(BuildError, match="under tf.function .eagerly: AttributeError: Tensor.name"
                                         r".*\): ValueError: tensor .* has rank 1, not 2$"):
        verify(graph_only_old, model("new_graph_only.py:projection_of_a_vector"))


def test_planted_bug_is_caught_under_tf_function(graph_only_old):
    # the same TF1 weights, but NEW's bias is doubled: tf.function changes nothing about that
    import new_graph_only

    def doubled(x):
        out = new_graph_only.projection(x)
        return out * 2.0

    report = verify(graph_only_old, doubled, function=True)
    assert ("output", "output") in differences(report) or not report.ok
    assert any(m.kind == "output" for m in report.mismatches)


# --- the same from the command line --------------------------------------------------------

def test_cli_function_flags_and_grad_rtol(capsys):
    from unscope.cli import main

    old, new = model("old_graph_only.py:projection"), model("new_graph_only.py:projection")
    assert main(["verify", old, new, "--inputs", "x:float32[4,5]", "--no-function"]) == 123
    assert "Tensor.name is undefined when eager execution" in capsys.readouterr().err
    code = main(["verify", old, new, "--inputs", "x:float32[4,5]", "--function",
                 "--grad-rtol", "0", "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    settings = json.loads(out)["settings"]
    assert settings["function"] is True and settings["grad_rtol"] == 0.0
