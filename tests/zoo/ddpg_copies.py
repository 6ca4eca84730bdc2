"""DDPG-style targets made by copying (TF1, 2018): the actor and critic are copied before they are
first called and the copies renamed, so the targets make their own variables under new scopes."""
from copy import copy

import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"obs": np.cos(np.arange(12, dtype=np.float32) / 3.0).reshape(3, 4)}


class Model(object):
    def __init__(self, name):
        self.name = name

    @property
    def trainable_vars(self):
        return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=self.name)


class Actor(Model):
    def __init__(self, n_actions, name="actor"):
        super(Actor, self).__init__(name=name)
        self.n_actions = n_actions

    def __call__(self, obs, reuse=False):
        with tf.variable_scope(self.name, reuse=tf.AUTO_REUSE):
            x = tf.nn.relu(tf.layers.dense(obs, 6))
            return tf.nn.tanh(tf.layers.dense(x, self.n_actions))


class Critic(Model):
    def __init__(self, name="critic"):
        super(Critic, self).__init__(name=name)

    def __call__(self, obs, action, reuse=False):
        with tf.variable_scope(self.name, reuse=tf.AUTO_REUSE):
            x = tf.nn.relu(tf.layers.dense(tf.concat([obs, action], axis=-1), 6))
            return tf.layers.dense(x, 1, name="output")


def build(obs):
    actor = Actor(2)
    critic = Critic()
    target_actor = copy(actor)
    target_actor.name = "target_actor"
    target_critic = copy(critic)
    target_critic.name = "target_critic"
    pi = actor(obs)
    q_pi = critic(obs, pi)
    target_q = target_critic(obs, target_actor(obs))
    q_again = critic(obs, actor(obs, reuse=True), reuse=True)
    assert len(actor.trainable_vars) == 4 and len(target_critic.trainable_vars) == 4
    return pi, q_pi, target_q, q_again
