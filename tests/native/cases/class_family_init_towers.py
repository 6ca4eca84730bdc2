import tensorflow.compat.v1 as tf


class Policy(object):
    def __init__(self, obs, n_actions, width=4, reuse=False):
        with tf.variable_scope("model", reuse=reuse):
            w = tf.get_variable("w", [obs.get_shape().as_list()[1], width])
            v = tf.get_variable("v", [width, n_actions])
            self.pi = tf.matmul(tf.nn.tanh(tf.matmul(obs, w)), v)


class WidePolicy(Policy):
    def __init__(self, *args, **kwargs):
        super(WidePolicy, self).__init__(*args, width=8, **kwargs)


def build(obs):
    act = WidePolicy(obs, 2)
    train = WidePolicy(obs * 2.0, 2, reuse=True)
    return act.pi, train.pi
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class PolicyNet(nn.Module):
    def __init__(self, width=4, name="model"):
        super().__init__(name=name)
        self.width = width
        self.w = None
        self.v = None

    def __call__(self, obs, n_actions):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [obs.get_shape().as_list()[1], self.width])
        w = self.w
        if self.v is None:
            self.v = nn.variable(f"{self.scope_name}/v", [self.width, n_actions])
        v = self.v
        pi = tf.matmul(tf.nn.tanh(tf.matmul(obs, w)), v)
        return pi


class Policy(nn.Module):
    def __init__(self, obs, n_actions, width=4, reuse=False, net=None):
        super().__init__()
        if net is None:
            if reuse:
                raise ValueError("Variables of PolicyNet do not exist: reuse=True "
                                 "shares them; pass net=<the instance that made them>.net")
            net = PolicyNet(width=width)
        elif not reuse:
            taken = nn.variables_under(net, trainable=False)[0].name.rpartition(":")[0]
            raise ValueError(f"Variable {taken} already exists, disallowed. Did you mean "
                             "to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
        self.net = net
        self.pi = self.net(obs, n_actions)


class WidePolicy(Policy):
    def __init__(self, *args, **kwargs):
        super(WidePolicy, self).__init__(*args, width=8, **kwargs)


def build(obs):
    act = WidePolicy(obs, 2)
    train = WidePolicy(obs * 2.0, 2, reuse=True, net=act.net)
    return act.pi, train.pi
