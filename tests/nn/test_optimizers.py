"""unscope.nn optimizers against TF1's tf.compat.v1.train optimizers (graph mode + Session).

Under tf.function the whole program (loss, gradients, update) matches TF1 bit for bit (the
function's graph gets the same graph optimizations as TF1's Session). Eagerly, given the same
gradients, every update is bit-exact except sparse Adam (a composition of ops, not one kernel:
within 1e-6 relative over twelve steps); with eager autodiff the gradients themselves differ from the
graph's in the last bit now and then (one float32 ulp on step 0), which twelve steps grow to at
most ~3e-5 relative (RMSProp with momentum, measured), so the fully eager run uses rtol 5e-5.
"""
import functools

import numpy as np
import pytest
import tensorflow as tf

from unscope import nn

from tests.nn import optimizer_oracle as oracle

CASES = [(opt, rate) for opt in oracle.OPTIMIZERS for rate in ("constant", "exponential")]
CASES += [(opt, "polynomial") for opt in ("momentum", "adam", "rmsprop_centered", "adagrad")]
CASES += [("adam", "default"), ("adam_options", "default")]
# the eager tests: every optimizer under a decaying rate
EAGER_CASES = [(opt, "exponential") for opt in oracle.OPTIMIZERS]


@functools.lru_cache(maxsize=None)
def tf1_run(optimizer, rate):
    return oracle.run_tf1(optimizer, rate)


def _ids(case):
    return "-".join(case)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_tf_function_is_bit_exact_and_traced_once(case):
    tf1_losses, tf1_state = tf1_run(*case)
    params, step, opt = oracle.make_tf2(*case)
    losses, traces = oracle.train_tf2(params, step, opt, mode="function")
    assert traces == 1
    state = oracle.state_tf2(params, step, opt)
    assert sorted(state) == sorted(tf1_state)  # slot names, beta powers, global_step: TF1's
    np.testing.assert_array_equal(losses, tf1_losses)
    for name, value in tf1_state.items():
        np.testing.assert_array_equal(state[name], value, err_msg=name)
        assert state[name].dtype == value.dtype, name
    assert int(state["global_step"]) == oracle.STEPS


@pytest.mark.parametrize("case", EAGER_CASES, ids=_ids)
def test_eager_update_is_bit_exact_given_the_same_gradients(case):
    tf1_losses, tf1_state = tf1_run(*case)
    params, step, opt = oracle.make_tf2(*case)
    var_list = list(params.values())

    @tf.function
    def loss_and_grads():  # gradients as a graph computes them; the update below runs eagerly
        with tf.GradientTape() as tape:
            loss = oracle.loss_of(*var_list)
        return loss, tape.gradient(loss, var_list)

    losses = []
    for _ in range(oracle.STEPS):
        loss, grads = loss_and_grads()
        assert isinstance(grads[2], tf.IndexedSlices)  # the embedding's gradient is sparse
        opt.apply_gradients(zip(grads, var_list), global_step=step)
        losses.append(float(loss))
    state = oracle.state_tf2(params, step, opt)
    if oracle.OPTIMIZERS[case[0]][1] == "Adam":  # its sparse update is ops, not one kernel
        np.testing.assert_allclose(losses, tf1_losses, rtol=1e-6, atol=0)
        for name, value in tf1_state.items():
            np.testing.assert_allclose(state[name], value, rtol=1e-6, atol=1e-9, err_msg=name)
        return
    np.testing.assert_array_equal(losses, tf1_losses)
    for name, value in tf1_state.items():
        np.testing.assert_array_equal(state[name], value, err_msg=name)


@pytest.mark.parametrize("case", EAGER_CASES, ids=_ids)
def test_fully_eager_training_matches_tf1(case):
    tf1_losses, tf1_state = tf1_run(*case)
    params, step, opt = oracle.make_tf2(*case)
    losses, _ = oracle.train_tf2(params, step, opt, mode="eager")
    np.testing.assert_allclose(losses, tf1_losses, rtol=5e-5, atol=1e-6)
    state = oracle.state_tf2(params, step, opt)
    assert sorted(state) == sorted(tf1_state)
    for name, value in tf1_state.items():
        np.testing.assert_allclose(state[name], value, rtol=5e-5, atol=1e-6, err_msg=name)


def test_slots_are_made_on_the_first_apply_with_tf1_initial_values():
    var = tf.Variable(tf.ones([2, 3]), name="net/w")
    opt = nn.RMSProp(0.1)
    assert opt.variables == () and opt.get_slot(var, "rms") is None
    opt.build([var])
    np.testing.assert_array_equal(opt.get_slot(var, "rms"), np.ones([2, 3]))  # TF1 starts ms at 1
    np.testing.assert_array_equal(opt.get_slot(var, "momentum"), np.zeros([2, 3]))  # even at momentum 0
    assert [v.name for v in opt.variables] == ["net/w/RMSProp:0", "net/w/RMSProp_1:0"]
    ada = nn.Adagrad(0.1)
    ada.build([var])
    np.testing.assert_array_equal(ada.get_slot(var, "accumulator"), np.full([2, 3], 0.1, np.float32))


def test_a_variable_without_gradient_is_skipped_and_gets_no_slot():
    used, unused = tf.Variable(1.0, name="used"), tf.Variable(2.0, name="unused")
    opt = nn.Momentum(0.1, 0.9)
    opt.apply_gradients([(tf.constant(1.0), used), (None, unused)])
    assert sorted(opt.tf1_variables) == ["used/Momentum"]
    assert float(unused) == 2.0


def test_errors_keep_tf1_wording():
    v1 = tf.compat.v1
    var = tf.Variable(1.0, name="x")
    with tf.Graph().as_default():
        graph_var = v1.get_variable("x", [])
        with pytest.raises(ValueError) as tf1_error:
            v1.train.GradientDescentOptimizer(0.1).apply_gradients([(None, graph_var)])
        with pytest.raises(ValueError) as tf1_adagrad:
            v1.train.AdagradOptimizer(0.1, initial_accumulator_value=0.0)
    with pytest.raises(ValueError) as ours:
        nn.GradientDescent(0.1).apply_gradients([(None, var)])
    assert str(ours.value).split(":")[0] == str(tf1_error.value).split(":")[0]
    with pytest.raises(ValueError) as ours_adagrad:
        nn.Adagrad(0.1, initial_accumulator_value=0.0)
    assert str(ours_adagrad.value) == str(tf1_adagrad.value)


def test_minimize_with_a_tensor_needs_the_tape():
    var = tf.Variable(3.0, name="x")
    opt = nn.GradientDescent(0.5)
    with tf.GradientTape() as tape:
        loss = var * var
    assert float(opt.minimize(loss, [var], tape=tape)) == 9.0
    assert float(var) == 0.0  # 3 - 0.5 * 6
    with pytest.raises(ValueError, match="tape"):
        opt.minimize(var * var, [var])


def test_constraints_apply_after_a_dense_update_and_refuse_sparse_ones():
    var = tf.Variable([1.0, 2.0], name="c", constraint=lambda v: tf.clip_by_value(v, 0.0, 1.5))
    opt = nn.GradientDescent(1.0)
    opt.apply_gradients([(tf.constant([-1.0, -1.0]), var)])
    np.testing.assert_array_equal(var, [1.5, 1.5])
    with pytest.raises(RuntimeError, match="constraint"):
        opt.apply_gradients([(tf.IndexedSlices(tf.ones([1]), tf.constant([0])), var)])


def test_the_learning_rate_may_be_a_callable_read_once_per_apply():
    calls = []
    var = tf.Variable(1.0, name="x")
    opt = nn.GradientDescent(lambda: calls.append(1) or 0.25)
    opt.apply_gradients([(tf.constant(1.0), var)])
    assert calls == [1] and float(var) == 0.75
