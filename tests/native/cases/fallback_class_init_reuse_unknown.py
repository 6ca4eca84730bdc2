# warns: 12:14 tf.variable_scope: compat: TF1 variables made in Policy.__init__: Policy(..., reuse=True) at line 18: the instance whose variables it shares is not made before it in the same body; kept in TF1 form
# warns: 13:23 fc: compat: fc is referenced outside the functions native mode rewrites (line 13); fc stays in TF1 form
import tensorflow.compat.v1 as tf


def fc(x, scope, n_out):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape().as_list()[1], n_out])
        return tf.matmul(x, w)


class Policy(object):
    def __init__(self, obs, n_actions, reuse=False):
        with tf.variable_scope("model", reuse=reuse):
            self.pi = fc(obs, "pi", n_actions)


def train_model(obs, n_actions):
    # the step model that made the variables lives elsewhere: which one is shared is not known
    return Policy(obs, n_actions, reuse=True)
