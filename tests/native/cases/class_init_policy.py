import tensorflow.compat.v1 as tf


def fc(x, scope, n_out):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape().as_list()[1], n_out])
        b = tf.get_variable("b", [n_out], initializer=tf.zeros_initializer())
        return tf.matmul(x, w) + b


class Policy(object):
    """Actor and critic heads over one shared layer."""

    def __init__(self, obs, n_actions, reuse=False):
        self.n_actions = n_actions
        with tf.variable_scope("model", reuse=reuse):
            h = tf.nn.tanh(fc(obs, "shared", 8))
            self.pi = fc(h, "pi", n_actions)
            self.vf = fc(h, "vf", 1)[:, 0]
        self.action = tf.argmax(self.pi, axis=1)

    def value(self):
        return self.vf


def make_models(step_obs, train_obs, n_actions):
    step_model = Policy(step_obs, n_actions)
    train_model = Policy(train_obs, n_actions, reuse=True)
    return step_model, train_model
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Fc(nn.Module):
    def __init__(self, scope):
        super().__init__(name=scope)
        self.w = None
        self.b = None

    def __call__(self, x, n_out):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.get_shape().as_list()[1], n_out])
        w = self.w
        if self.b is None:
            self.b = nn.variable(f"{self.scope_name}/b", [n_out],
                                 initializer=tf.zeros_initializer())
        b = self.b
        return tf.matmul(x, w) + b


# fc: public, kept as TF1 code for callers elsewhere; Fc above is its native form
def fc(x, scope, n_out):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [x.get_shape().as_list()[1], n_out])
        b = tf.get_variable("b", [n_out], initializer=tf.zeros_initializer())
        return tf.matmul(x, w) + b


class PolicyNet(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.shared = Fc(f"{name}/shared")
        self.pi = Fc(f"{name}/pi")
        self.vf = Fc(f"{name}/vf")

    def __call__(self, obs, n_actions):
        h = tf.nn.tanh(self.shared(obs, 8))
        pi = self.pi(h, n_actions)
        vf = self.vf(h, 1)[:, 0]
        action = tf.argmax(pi, axis=1)
        return pi, vf, action


class Policy(nn.Module):
    """Actor and critic heads over one shared layer."""

    def __init__(self, obs, n_actions, reuse=False, net=None):
        super().__init__()
        self.n_actions = n_actions
        if net is None:
            if reuse:
                raise ValueError("Variables of PolicyNet do not exist: reuse=True "
                                 "shares them; pass net=<the instance that made them>.net")
            net = PolicyNet()
        elif not reuse:
            taken = nn.variables_under(net, trainable=False)[0].name.rpartition(":")[0]
            raise ValueError(f"Variable {taken} already exists, disallowed. Did you mean "
                             "to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
        self.net = net
        self.pi, self.vf, self.action = self.net(obs, n_actions)

    def value(self):
        return self.vf


def make_models(step_obs, train_obs, n_actions):
    step_model = Policy(step_obs, n_actions)
    train_model = Policy(train_obs, n_actions, reuse=True, net=step_model.net)
    return step_model, train_model
