"""unscope.nn.schedules against tf.compat.v1.train's decays evaluated in a TF1 graph, step by step."""
import numpy as np
import pytest
import tensorflow as tf

from unscope import nn

STEPS = list(range(0, 26)) + [99, 100, 101, 1000]

# name -> (lib, global_step) -> schedule; lib is tf.compat.v1.train or unscope.nn.schedules
SCHEDULES = {
    "exponential": lambda lib, s: lib.exponential_decay(0.1, s, 4, 0.5),
    "exponential_staircase": lambda lib, s: lib.exponential_decay(0.1, s, 4, 0.5, staircase=True),
    "piecewise": lambda lib, s: lib.piecewise_constant(s, [3, 10, 20], [1.0, 0.5, 0.1, 0.01]),
    "piecewise_one_boundary": lambda lib, s: lib.piecewise_constant(s, [5], [0.3, 0.2]),
    "polynomial": lambda lib, s: lib.polynomial_decay(0.1, s, 10),
    "polynomial_power_end": lambda lib, s: lib.polynomial_decay(0.1, s, 10, 0.01, power=0.5),
    "polynomial_cycle": lambda lib, s: lib.polynomial_decay(0.1, s, 7, 0.02, power=2.0, cycle=True),
    "cosine": lambda lib, s: lib.cosine_decay(0.1, s, 20),
    "cosine_alpha": lambda lib, s: lib.cosine_decay(0.1, s, 20, alpha=0.2),
    "inverse_time": lambda lib, s: lib.inverse_time_decay(0.1, s, 5, 0.5),
    "inverse_time_staircase": lambda lib, s: lib.inverse_time_decay(0.1, s, 5, 0.5, staircase=True),
    "natural_exp": lambda lib, s: lib.natural_exp_decay(0.1, s, 5, 0.5),
    "natural_exp_staircase": lambda lib, s: lib.natural_exp_decay(0.1, s, 5, 0.5, staircase=True),
}


def tf1_values(name):
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        step = v1.train.get_or_create_global_step()
        lr = SCHEDULES[name](v1.train, step)
        with v1.Session() as sess:
            out = []
            for s in STEPS:
                step.load(s, sess)
                out.append(sess.run(lr))
    return np.array(out)


@pytest.mark.parametrize("name", list(SCHEDULES))
def test_same_value_at_every_step_as_tf1(name):
    expected = tf1_values(name)
    step = nn.create_global_step()
    schedule = SCHEDULES[name](nn.schedules, step)
    read = tf.function(schedule)
    eager, traced = [], []
    for s in STEPS:
        step.assign(s)
        eager.append(schedule().numpy())
        traced.append(read().numpy())
    assert np.asarray(eager).dtype == expected.dtype
    np.testing.assert_array_equal(eager, expected)
    np.testing.assert_array_equal(traced, expected)


def test_global_step_is_tf1s():
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        tf1_step = v1.train.get_or_create_global_step()
        tf1 = (tf1_step.op.name, tf1_step.dtype.base_dtype, tf1_step.shape, tf1_step.trainable)
    step = nn.create_global_step()
    assert (step.name[:-2], step.dtype, step.shape, step.trainable) == tf1
    assert int(step.numpy()) == 0


def test_the_optimizer_increments_the_step_once_per_apply_after_reading_the_rate():
    step = nn.create_global_step()
    lr = nn.schedules.piecewise_constant(step, [0], [1.0, 0.5])  # 1.0 at step 0, 0.5 after
    var = tf.Variable(0.0, name="x")
    opt = nn.GradientDescent(lr)
    opt.apply_gradients([(tf.constant(-1.0), var)], global_step=step)
    opt.apply_gradients([(tf.constant(-1.0), var)], global_step=step)
    assert int(step.numpy()) == 2 and float(var) == 1.5  # 1.0 (at step 0) + 0.5 (at step 1)


def test_global_step_is_required_and_values_fit_boundaries():
    with pytest.raises(ValueError, match="global_step is required"):
        nn.schedules.exponential_decay(0.1, None, 10, 0.9)
    with pytest.raises(ValueError, match="1 less than the length of values"):
        nn.schedules.piecewise_constant(nn.create_global_step(), [1, 2], [0.1, 0.2])
