import tensorflow.compat.v1 as tf


class Model(object):
    def __init__(self, name):
        self.name = name

    @property
    def vars(self):
        return tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope=self.name)


class Actor(Model):
    def __init__(self, name="actor"):
        super(Actor, self).__init__(name=name)

    def __call__(self, obs):
        with tf.variable_scope(self.name):
            return tf.layers.dense(obs, 2)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Model(nn.Module):
    def __init__(self, name):
        super().__init__(name=name)

    @property
    def vars(self):
        return nn.variables_under(self, self.scope_name, trainable=False)

    @property
    def name(self):
        return self.scope_name

    @name.setter
    def name(self, name):   # TF1: target = copy(actor); target.name = "target_actor"
        if name != self.scope_name:   # new variables under the new name, as TF1 made them
            self._scope_name = name
            self._net = None


class ActorNet(nn.Module):
    def __init__(self, name="actor"):
        super().__init__(name=name)
        self.dense = nn.Dense(2, name=f"{name}/dense")

    def __call__(self, obs):
        return self.dense(obs)


class Actor(Model):
    _net = None  # ActorNet, made on the first call

    def __init__(self, name="actor"):
        super(Actor, self).__init__(name=name)

    def __call__(self, obs):
        if self._net is None:
            self._net = ActorNet(name=self.scope_name)
        return self._net(obs)
