"""``restore`` with several optimizers: a TF1 checkpoint of two Adams (a GAN's) holds
``beta1_power`` and ``beta1_power_1``; each goes to the optimizer TF1 made it for."""
import numpy as np
import tensorflow as tf

from unscope import nn
from unscope.program import restore


def _tf1_checkpoint(prefix):
    graph = tf.Graph()
    with graph.as_default():
        v1 = tf.compat.v1
        with v1.variable_scope("a"):
            a = v1.get_variable("w", [2], initializer=v1.constant_initializer([1.0, 2.0]))
        with v1.variable_scope("b"):
            b = v1.get_variable("w", [2], initializer=v1.constant_initializer([3.0, -1.0]))
        first = v1.train.AdamOptimizer(0.1, beta1=0.5, beta2=0.8).minimize(tf.reduce_sum(a * a), var_list=[a])
        second = v1.train.AdamOptimizer(0.1, beta1=0.7, beta2=0.6).minimize(tf.reduce_sum(b * b * b), var_list=[b])
        saver = v1.train.Saver()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(2):
                sess.run([first, second])
            values = {v.op.name: sess.run(v) for v in v1.global_variables()}
            saver.save(sess, prefix)
    return values


class _One(nn.Module):
    def __init__(self, name, value):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [2], initializer=tf.constant_initializer(value))


def test_two_adams_restore_their_own_beta_powers_and_slots(tmp_path):
    tf1 = _tf1_checkpoint(str(tmp_path / "model"))
    assert {"beta1_power", "beta1_power_1", "beta2_power_1", "a/w/Adam_1", "b/w/Adam"} <= set(tf1)
    a, b = _One("a", [0.0, 0.0]), _One("b", [0.0, 0.0])
    first, second = nn.Adam(0.1, beta1=0.5, beta2=0.8), nn.Adam(0.1, beta1=0.7, beta2=0.6)
    first.build(a.trainable_variables)
    second.build(b.trainable_variables)
    restore(str(tmp_path / "model"), model=[a, b], optimizer=[first, second])
    np.testing.assert_array_equal(a.w.numpy(), tf1["a/w"])
    np.testing.assert_array_equal(b.w.numpy(), tf1["b/w"])
    state = {v.name: v.numpy() for opt in (first, second) for v in opt.non_slot_variables()}
    firsts = [v.numpy() for v in first.non_slot_variables()]
    seconds = [v.numpy() for v in second.non_slot_variables()]
    assert sorted(firsts) == sorted([tf1["beta1_power"], tf1["beta2_power"]]), state
    assert sorted(seconds) == sorted([tf1["beta1_power_1"], tf1["beta2_power_1"]]), state
    slots = {s.name.split(":")[0]: s.numpy() for opt in (first, second) for _, _, s in opt.slots()}
    for name in ("a/w/Adam", "a/w/Adam_1", "b/w/Adam", "b/w/Adam_1"):
        np.testing.assert_array_equal(slots[name], tf1[name])
