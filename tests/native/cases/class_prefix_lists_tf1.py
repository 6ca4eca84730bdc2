# warns: 18:14 tf.variable_scope: compat: TF1 variables made in Actor.__call__: TF1's variable lists under 'actor' also select 'actor_target'/... (a prefix of the name, not a scope), which another object makes; kept in TF1 form
import tensorflow.compat.v1 as tf


class Model(object):
    def __init__(self, name):
        self.name = name

    @property
    def trainable_vars(self):
        return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=self.name)


class Actor(Model):
    def __init__(self, name="actor"):
        super(Actor, self).__init__(name=name)

    def __call__(self, obs):
        with tf.variable_scope(self.name):
            w = tf.get_variable("w", [obs.get_shape().as_list()[1], 2])
            return tf.nn.tanh(tf.matmul(obs, w))


def build(obs):
    actor = Actor()
    target = Actor(name="actor_target")   # TF1: actor.trainable_vars holds actor_target/w too
    return actor(obs), target(obs), actor.trainable_vars
