"""SAC-style policy family (TF1, 2018): a feed-forward policy class whose methods build the actor
and twin critics, and subclasses that only pick its layers, forwarding *args/**kwargs to super."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"obs": np.sin(np.arange(15, dtype=np.float32)).reshape(3, 5),
          "action": np.linspace(-1, 1, 6, dtype=np.float32).reshape(3, 2)}


class FeedForwardPolicy(object):
    """Gaussian-free actor (tanh mean) and two Q heads over MLP towers."""

    def __init__(self, n_actions=2, layers=None, act_fun=tf.nn.relu):
        if layers is None:
            layers = [8, 8]
        self.n_actions = n_actions
        self.layers = layers
        self.act_fun = act_fun

    def make_actor(self, obs, reuse=False):
        with tf.variable_scope("pi", reuse=reuse):
            h = tf.layers.flatten(obs)
            for i, size in enumerate(self.layers):
                h = self.act_fun(tf.layers.dense(h, size, name="fc%d" % i))
            mu = tf.layers.dense(h, self.n_actions, name="mu")
            return tf.nn.tanh(mu)

    def make_critics(self, obs, action, reuse=False):
        with tf.variable_scope("values_fn", reuse=reuse):
            h = tf.concat([tf.layers.flatten(obs), action], axis=-1)
            with tf.variable_scope("qf1"):
                q1 = self.act_fun(tf.layers.dense(h, self.layers[0], name="fc0"))
                qf1 = tf.layers.dense(q1, 1, name="qf1")
            with tf.variable_scope("qf2"):
                q2 = self.act_fun(tf.layers.dense(h, self.layers[0], name="fc0"))
                qf2 = tf.layers.dense(q2, 1, name="qf2")
            return qf1, qf2


class MlpPolicy(FeedForwardPolicy):
    def __init__(self, *args, **kwargs):
        super(MlpPolicy, self).__init__(*args, layers=[6, 4], **kwargs)


class TanhMlpPolicy(MlpPolicy):
    """Two levels down: only the activation differs."""

    def __init__(self, *args, **kwargs):
        super(TanhMlpPolicy, self).__init__(*args, act_fun=tf.nn.tanh, **kwargs)


def build(obs, action):
    policy = TanhMlpPolicy()
    pi = policy.make_actor(obs)
    qf1, qf2 = policy.make_critics(obs, action)
    qf1_pi, _ = policy.make_critics(obs, pi, reuse=True)
    pi_again = policy.make_actor(obs * 0.5, reuse=True)
    return pi, qf1, qf2, qf1_pi, pi_again
