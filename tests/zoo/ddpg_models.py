"""DDPG-style actor and critic (TF1, 2018): a plain Model base stores the scope name and lists
the variables under it; the actor is called again with reuse=True and copied as a target."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"obs": np.cos(np.arange(12, dtype=np.float32)).reshape(3, 4),
          "action": np.linspace(-1, 1, 6, dtype=np.float32).reshape(3, 2)}


class Model(object):
    def __init__(self, name):
        self.name = name

    @property
    def vars(self):
        return tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope=self.name)

    @property
    def trainable_vars(self):
        return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=self.name)

    @property
    def perturbable_vars(self):
        return [var for var in self.trainable_vars if "output" not in var.name]


class Actor(Model):
    def __init__(self, n_actions, name="actor", hidden=8):
        super(Actor, self).__init__(name=name)
        self.n_actions = n_actions
        self.hidden = hidden

    def __call__(self, obs, reuse=False):
        with tf.variable_scope(self.name) as scope:
            if reuse:
                scope.reuse_variables()
            x = tf.nn.relu(tf.layers.dense(obs, self.hidden))
            x = tf.layers.dense(x, self.n_actions, name="output",
                                kernel_initializer=tf.random_uniform_initializer(minval=-3e-3, maxval=3e-3))
            return tf.nn.tanh(x)


class Critic(Model):
    def __init__(self, name="critic", hidden=8):
        super(Critic, self).__init__(name=name)
        self.hidden = hidden

    def __call__(self, obs, action, reuse=False):
        with tf.variable_scope(self.name) as scope:
            if reuse:
                scope.reuse_variables()
            x = tf.nn.relu(tf.layers.dense(obs, self.hidden))
            x = tf.concat([x, action], axis=-1)
            x = tf.nn.relu(tf.layers.dense(x, self.hidden))
            return tf.layers.dense(x, 1, name="output")


def build(obs, action):
    actor = Actor(2)
    target_actor = Actor(2, name="target_actor")
    critic = Critic()
    pi = actor(obs)
    q = critic(obs, action)
    q_pi = critic(obs, pi, reuse=True)
    pi_next = actor(obs * 0.5, reuse=True)
    target_pi = target_actor(obs)
    assert len(actor.vars) == 4 and len(actor.perturbable_vars) == 2 and len(critic.trainable_vars) == 6
    return pi, q, q_pi, pi_next, target_pi
