# warns: 13:14 tf.variable_scope: compat: TF1 variables made in Critic.value: value could not become a module (custom_getter on a variable_scope: kept on the compat runtime, which applies it); kept in TF1 form
import tensorflow.compat.v1 as tf


def _scaled(getter, name, *args, **kwargs):
    return 0.5 * getter(name, *args, **kwargs)


class Critic(object):
    def __init__(self, units=4):
        self.units = units

    def value(self, obs):
        with tf.variable_scope("critic", custom_getter=_scaled):
            return tf.layers.dense(obs, self.units, name="v")
