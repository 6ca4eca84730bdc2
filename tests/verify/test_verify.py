"""`unscope.verify.verify`: faithful migrations pass, planted bugs are caught.

OLD runs are shared (conftest.py); every NEW here is a hand-written twin in models/new_*.py
or a compat migration on the unscope runtime (models/new_tracked.py).
"""
import numpy as np
import pytest

from tests.verify.conftest import BN_INPUTS, MLP_INPUTS, model

tf = pytest.importorskip("tensorflow")

import new_layers  # noqa: E402  (tests/verify/models, on sys.path via conftest)
import new_zoo  # noqa: E402

from unscope.verify import BuildError, UsageError, run_old, verify  # noqa: E402
from unscope.verify.report import NOT_COMPARABLE, OK  # noqa: E402


def differences(report):
    return {(m.kind, m.name) for m in report.mismatches}


# --- faithful migrations -------------------------------------------------------------

def test_faithful_module_twin_agrees(mlp_old):
    report = verify(mlp_old, new_zoo.MLP)
    assert report.ok, str(report)
    assert [r.name for r in report.outputs] == ["a", "b"]
    assert report.regularization.status == OK
    assert report.regularization.old_value == pytest.approx(report.regularization.new_value)
    # every trainable variable's gradient, matched by TF1 name
    assert {r.name for r in report.gradients} == {v.name for v in mlp_old.variables}
    assert report.variables.matched == 9 and not report.notes


def test_faithful_tracked_function_agrees(mlp_old):
    report = verify(mlp_old, model("new_tracked.py:mlp"))
    assert report.ok, str(report)
    assert report.new == "new_tracked.py:mlp"
    assert report.regularization.status == OK


def test_old_values_are_loaded_into_new(mlp_old):
    twin = new_zoo.MLP()
    before = twin.w_mix.numpy().copy()
    verify(mlp_old, twin)
    np.testing.assert_array_equal(twin.w_mix.numpy(), mlp_old.values["model/mix/w"])
    assert not np.array_equal(before, twin.w_mix.numpy())


# --- planted bugs, each caught -----------------------------------------------------------

def test_changed_epsilon_is_caught(mlp_old):
    report = verify(mlp_old, new_zoo.MLP, init={"eps": 1e-5})
    assert {("output", "a"), ("output", "b")} <= differences(report)
    assert not report.variables.missing and not report.variables.extra


def test_swapped_activation_is_caught(mlp_old):
    report = verify(mlp_old, new_zoo.MLP, init={"activation": "sigmoid"})
    assert ("output", "a") in differences(report)
    assert ("gradient", "model/mix/w") in differences(report)


def test_transposed_weight_is_caught(mlp_old):
    # square, so the variable set is identical: only the numbers can tell
    report = verify(mlp_old, new_zoo.MLP, init={"transpose_mix": True})
    assert not any(m.kind == "variable" for m in report.mismatches)
    assert ("output", "a") in differences(report)


def test_transposed_weight_shape_is_named(mlp_old):
    report = verify(mlp_old, new_zoo.MLP, init={"transpose_head": True})
    assert ("variable", "model/head_a/w") in differences(report)
    assert "shape is [3, 2] in OLD, [2, 3] in NEW" in str(report.mismatches)


def test_sharing_that_tf1_did_not_share_is_caught(mlp_old):
    report = verify(mlp_old, new_zoo.MLP, init={"share_heads": True})
    assert report.variables.missing == [{"name": "model/head_b/w", "shape": [3, 2],
                                         "dtype": "float32"}]
    assert ("output", "b") in differences(report)


def test_not_sharing_what_tf1_shared_is_caught(mlp_old):
    # two NEW variables under one TF1 name: both get OLD's value, so only the names tell
    report = verify(mlp_old, new_zoo.MLP, init={"unshare_tower": True})
    assert report.variables.duplicated == {"model/tower/w": 2}
    assert differences(report) == {("variable", "model/tower/w")}


def test_not_sharing_in_a_tracked_function_is_caught(mlp_old):
    report = verify(mlp_old, model("new_tracked.py:mlp_unshared_tower"))
    assert [e["name"] for e in report.variables.extra] == ["model/tower_1/w"]
    assert ("output", "b") in differences(report)
    assert ("gradient", "model/tower/w") in differences(report)


def test_dropped_regularization_loss_is_caught(mlp_old):
    report = verify(mlp_old, new_zoo.MLP, init={"drop_reg": True})
    assert differences(report) == {("regularization", "total")}
    assert "2 terms in OLD, 1 in NEW" in report.regularization.note


def test_wrong_batch_norm_moving_statistic_is_caught(bn_training_old):
    report = verify(bn_training_old, new_layers.BNNet, init={"unbiased": True})
    assert differences(report) == {("after", "batch_normalization/moving_variance")}


def test_wrong_batch_norm_momentum_is_caught(bn_training_old):
    report = verify(bn_training_old, new_layers.BNNet, init={"momentum": 0.99})
    assert {("after", "batch_normalization/moving_mean"),
            ("after", "batch_normalization/moving_variance")} == differences(report)


def test_trainability_difference_is_caught(mlp_old):
    class Frozen(new_zoo.MLP):
        def __init__(self):
            super().__init__()
            self.gamma = tf.Variable(tf.ones([8]), name="model/ln/gamma", trainable=False)

    report = verify(mlp_old, Frozen)
    assert differences(report) == {("variable", "model/ln/gamma")}
    assert "trainable is True in OLD, False in NEW" in str(report.mismatches)


# --- training mode, tf.layers, random ops ------------------------------------------------

def test_batch_norm_training_step_agrees(bn_training_old):
    assert bn_training_old.mode_arg == "training" and bn_training_old.update_ops == 2
    report = verify(bn_training_old, new_layers.BNNet)
    assert report.ok, str(report)
    names = {r.name for r in report.after}
    assert "batch_normalization/moving_mean" in names
    # the step moved the moving mean away from its initial zeros, on both sides
    assert np.any(bn_training_old.after["batch_normalization/moving_mean"] != 0)


def test_old_layers_from_tf_keras(bn_training_old):
    pytest.importorskip("tf_keras")
    assert bn_training_old.layers.startswith("tf_keras ") and bn_training_old.layers_used


def test_old_layers_fall_back_to_unscope_layers():
    # without tf_keras, OLD's tf.layers are unscope's graph-mode layers (UPDATE_OPS as TF1)
    old = run_old(model("old_layers.py:bn_net"), BN_INPUTS, training=True, old_layers="unscope")
    assert old.layers == "unscope.layers" and old.layers_used
    assert [v.name for v in old.variables][:2] == ["dense/kernel", "dense/bias"]
    assert old.update_ops == 2
    report = verify(old, new_layers.BNNet)
    # unscope checked against itself proves nothing about TF1: said, and not ok ...
    assert not report.mismatches and report.self_reference and not report.ok, str(report)
    assert report.reference["independent"] is False
    assert "not an independent TF1 check" in str(report)
    assert report.summary().startswith("verify: not proven: OLD's tf.layers ran on unscope.layers")
    # ... unless asked for
    report = verify(old, new_layers.BNNet, allow_self_reference=True)
    assert report.ok, str(report)
    assert report.layers == "unscope.layers"
    assert len(report.after) == 8


def test_layers_source_env_var(monkeypatch):
    from unscope.verify import layers_source

    monkeypatch.setenv("UNSCOPE_VERIFY_OLD_LAYERS", "unscope")
    assert layers_source() == "unscope"
    assert layers_source("auto") == "unscope"
    monkeypatch.setenv("UNSCOPE_VERIFY_OLD_LAYERS", "bogus")
    with pytest.raises(UsageError):
        layers_source()


def test_random_ops_in_training_are_not_comparable(dropout_training_old):
    assert any("RandomUniform" in op for op in dropout_training_old.random_ops)
    report = verify(dropout_training_old, new_layers.DropoutNet)
    assert not report.mismatches  # nothing that can be compared differs ...
    assert not report.ok  # ... but random outputs prove nothing
    statuses = {r.status for r in report.outputs + report.gradients}
    assert statuses == {NOT_COMPARABLE}  # ... and nothing random is claimed equal
    assert any("random" in n for n in report.notes)
    assert "not comparable" in report.summary()


def test_same_random_makes_dropout_comparable():
    old = run_old(model("old_layers.py:dropout_net"), BN_INPUTS, training=True,
                  same_random=True)
    assert old.random_ops == []
    report = verify(old, new_layers.DropoutNet)
    assert report.ok and not report.not_comparable, str(report)
    # and a NEW that forgets the dropout is then caught
    class NoDropout(new_layers.DropoutNet):
        def __call__(self, x, training=False):
            return super().__call__(x, training=False)

    assert ("output", "output") in differences(verify(old, NoDropout))


# --- contrib, outputs, regularization exposure ----------------------------------------------

def test_contrib_layers_served_from_unscope_contrib():
    report = verify(model("old_contrib.py:contrib_net"), new_layers.ContribNet, BN_INPUTS)
    assert report.ok, str(report)
    assert report.regularization.status == OK and report.variables.matched == 6


def test_outputs_paired_by_position(mlp_old):
    class AsTuple(new_zoo.MLP):
        def __call__(self, x, ids):
            out = super().__call__(x, ids)
            return out["a"], out["b"]

    report = verify(mlp_old, AsTuple)
    assert report.ok, str(report)
    assert [r.name for r in report.outputs] == ["a|0", "b|1"]
    assert any("position" in n for n in report.notes)


def test_output_count_difference(mlp_old):
    class OneOutput(new_zoo.MLP):
        def __call__(self, x, ids):
            return super().__call__(x, ids)["a"]

    report = verify(mlp_old, OneOutput)
    assert ("output", "*") in differences(report)


def test_module_without_regularization_losses_is_noted(mlp_old):
    class Plain(new_zoo.MLP):
        regularization_losses = None

    report = verify(mlp_old, Plain)
    assert not report.mismatches
    assert not report.ok  # OLD has regularization losses that NEW cannot show: unproven
    assert report.regularization.status == NOT_COMPARABLE
    assert any("regularization" in n for n in report.notes)


# --- failures -------------------------------------------------------------------------------

def test_new_that_cannot_be_built(mlp_old):
    class Broken(new_zoo.MLP):
        def __call__(self, x, ids):
            raise RuntimeError("boom")

    with pytest.raises(BuildError, match="NEW could not be built: calling Broken: "
                                         "RuntimeError: boom"):
        verify(mlp_old, Broken)


def test_bad_requests_are_usage_errors(mlp_old, tmp_path):
    with pytest.raises(UsageError, match="no such file"):
        verify(str(tmp_path / "missing.py") + ":f", new_zoo.MLP, MLP_INPUTS)
    with pytest.raises(UsageError, match="FILE.py:NAME"):
        verify("no_colon", new_zoo.MLP, MLP_INPUTS)
    with pytest.raises(UsageError, match="module-level"):
        verify(lambda x: x, new_zoo.MLP, MLP_INPUTS)
    with pytest.raises(UsageError, match="not a class"):
        verify(mlp_old, new_zoo.MLP(), init={"eps": 1.0})
    with pytest.raises(UsageError, match="no such TF1 checkpoint"):
        verify(model("old_zoo.py:mlp"), new_zoo.MLP, MLP_INPUTS,
               checkpoint=str(tmp_path / "nothing"))


def test_checkpoint_restores_old_and_returned_ops_are_skipped(tmp_path):
    values = {"small/w": np.arange(8, dtype=np.float32).reshape(4, 2) / 10,
              "small/b": np.array([0.5, -0.5], np.float32)}
    prefix = str(tmp_path / "ckpt")
    with tf.Graph().as_default():
        made = [tf.compat.v1.get_variable(n, initializer=v) for n, v in values.items()]
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            tf.compat.v1.train.Saver(made).save(sess, prefix)
    old = run_old(model("old_zoo.py:small_with_train_op"), "x:float32[3,4]", checkpoint=prefix,
                  grads=False)
    for name, value in values.items():  # restored, not initialised
        np.testing.assert_array_equal(old.values[name], value)
    assert old.gradients == {}
    assert old.skipped_outputs == ["train_op"] and [k for k, _ in old.outputs] == ["y"]
    twin = new_zoo.Small()
    report = verify(old, twin)
    assert report.ok, str(report)
    assert report.gradients == [] and report.settings["checkpoint"] == prefix
    assert any("train_op" in n for n in report.notes)
    np.testing.assert_array_equal(twin.w.numpy(), values["small/w"])


def test_an_old_result_fixes_the_old_side_options(mlp_old):
    with pytest.raises(UsageError, match="training, seed: already fixed"):
        verify(mlp_old, new_zoo.MLP, training=True, seed=1)


def test_a_function_needs_unscope_track(monkeypatch):
    from unscope.verify import build_new

    monkeypatch.setitem(__import__("sys").modules, "unscope.runtime", None)
    with pytest.raises(BuildError, match="wrapping it needs unscope.track"):
        build_new(new_zoo.Small.__call__, {"x": np.ones([3, 4], np.float32)})
