"""Actor-critic policy class (TF1, 2018): __init__ builds a shared tower and two heads."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"obs": np.sin(np.arange(20, dtype=np.float32)).reshape(4, 5)}


def fc(x, scope, n_out, init_scale=1.0):
    with tf.variable_scope(scope):
        n_in = x.get_shape().as_list()[1]
        w = tf.get_variable("w", [n_in, n_out], initializer=tf.orthogonal_initializer(init_scale))
        b = tf.get_variable("b", [n_out], initializer=tf.constant_initializer(0.0))
        return tf.matmul(x, w) + b


class ActorCritic(object):
    def __init__(self, obs, n_actions, hidden=8, reuse=False):
        with tf.variable_scope("model", reuse=reuse):
            with tf.variable_scope("shared"):
                h1 = tf.nn.tanh(fc(obs, "fc1", hidden, init_scale=np.sqrt(2)))
                h2 = tf.nn.tanh(fc(h1, "fc2", hidden, init_scale=np.sqrt(2)))
            self.pi = fc(h2, "pi", n_actions, init_scale=0.01)
            self.vf = fc(h2, "vf", 1)[:, 0]
        self.probs = tf.nn.softmax(self.pi)


def build(obs):
    act = ActorCritic(obs, 3)
    train = ActorCritic(obs * 2.0, 3, reuse=True)  # the training copy shares every weight
    return act.probs, act.vf, train.pi
