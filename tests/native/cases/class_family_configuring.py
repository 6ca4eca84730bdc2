import tensorflow.compat.v1 as tf


class Policy(object):
    """Actor over one dense layer; subclasses pick its width."""

    def __init__(self, n_out=2, act=tf.nn.relu):
        self.n_out = n_out
        self.act = act

    def make_actor(self, obs, reuse=False):
        with tf.variable_scope("pi", reuse=reuse):
            w = tf.get_variable("w", [obs.get_shape().as_list()[1], self.n_out])
            return self.act(tf.matmul(obs, w))


class Small(Policy):
    def __init__(self, *args, **kwargs):
        super(Small, self).__init__(*args, n_out=1, **kwargs)


def build(obs):
    policy = Small()
    return policy.make_actor(obs), policy.make_actor(obs * 2.0, reuse=True)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class MakeActor(nn.Module):
    def __init__(self, act, n_out, name="pi"):
        super().__init__(name=name)
        self.act = act
        self.n_out = n_out
        self.w = None

    def __call__(self, obs):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [obs.get_shape().as_list()[1], self.n_out])
        w = self.w
        return self.act(tf.matmul(obs, w))


class Policy(nn.Module):
    """Actor over one dense layer; subclasses pick its width."""
    _make_actor = None  # MakeActor, made on the first call

    def __init__(self, n_out=2, act=tf.nn.relu):
        super().__init__()
        self.n_out = n_out
        self.act = act

    def make_actor(self, obs, reuse=False):
        if self._make_actor is None:
            self._make_actor = MakeActor(act=self.act, n_out=self.n_out)
        return self._make_actor(obs)


class Small(Policy):
    def __init__(self, *args, **kwargs):
        super(Small, self).__init__(*args, n_out=1, **kwargs)


def build(obs):
    policy = Small()
    return policy.make_actor(obs), policy.make_actor(obs * 2.0, reuse=True)
