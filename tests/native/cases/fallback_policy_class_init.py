# warns: 12:14 tf.variable_scope: compat: TF1 variables made in Policy.__init__: __init__ makes variables (or calls super()); kept in TF1 form
# warns: 13:28 fc: compat: fc is referenced outside the functions native mode rewrites (line 13); fc stays in TF1 form
# warns: 14:23 fc: compat: fc is referenced outside the functions native mode rewrites (line 14); fc stays in TF1 form
# warns: 15:23 fc: compat: fc is referenced outside the functions native mode rewrites (line 15); fc stays in TF1 form
import tensorflow.compat.v1 as tf


def fc(x, scope, n_out):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape().as_list()[1], n_out])
        return tf.matmul(x, w)


class Policy(object):
    def __init__(self, obs, n_actions, reuse=False):
        with tf.variable_scope("model", reuse=reuse):
            h = tf.nn.tanh(fc(obs, "shared", 8))
            self.pi = fc(h, "pi", n_actions)
            self.vf = fc(h, "vf", 1)[:, 0]
