"""Actor-critic policy family (TF1, 2018): the base's __init__ builds the towers under
tf.variable_scope("model", reuse=reuse); subclasses only pick the layers, forwarding
*args/**kwargs to super; the training copy is made with reuse=True."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"obs": np.sin(np.arange(20, dtype=np.float32) / 2.0).reshape(4, 5)}


def fc(x, scope, n_out, init_scale=1.0):
    with tf.variable_scope(scope):
        n_in = x.get_shape().as_list()[1]
        w = tf.get_variable("w", [n_in, n_out], initializer=tf.orthogonal_initializer(init_scale))
        b = tf.get_variable("b", [n_out], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class FeedForwardPolicy(object):
    def __init__(self, obs, n_actions, layers=(8,), reuse=False):
        with tf.variable_scope("model", reuse=reuse):
            h = obs
            for i, size in enumerate(layers):
                h = tf.nn.tanh(fc(h, "fc%d" % i, size, init_scale=np.sqrt(2)))
            self.pi = fc(h, "pi", n_actions, init_scale=0.01)
            self.vf = fc(h, "vf", 1)[:, 0]
        self.probs = tf.nn.softmax(self.pi)


class MlpPolicy(FeedForwardPolicy):
    def __init__(self, *args, **kwargs):
        super(MlpPolicy, self).__init__(*args, layers=(6, 4), **kwargs)


def build(obs):
    act = MlpPolicy(obs, 3)
    train = MlpPolicy(obs * 2.0, 3, reuse=True)  # the training copy shares every weight
    return act.probs, act.vf, train.pi
