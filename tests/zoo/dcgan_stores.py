"""DCGAN-style generator (TF1, 2018) that keeps its layers' tensors and weights on the model:
``self.h0, self.h0_w, self.h0_b = linear(..., with_w=True)``; the sampler reuses the generator."""
import numpy as np
import tensorflow.compat.v1 as tf

INPUTS = {"z": np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)}


def linear(input_, output_size, scope, stddev=0.02, with_w=False):
    shape = input_.get_shape().as_list()
    with tf.variable_scope(scope):
        matrix = tf.get_variable("Matrix", [shape[1], output_size], tf.float32,
                                 tf.random_normal_initializer(stddev=stddev))
        bias = tf.get_variable("bias", [output_size], initializer=tf.constant_initializer(0.0))
        if with_w:
            return tf.matmul(input_, matrix) + bias, matrix, bias
        return tf.matmul(input_, matrix) + bias


class DCGAN(object):
    def __init__(self, gf_dim=5, out_dim=6):
        self.gf_dim = gf_dim
        self.out_dim = out_dim

    def generator(self, z):
        with tf.variable_scope("generator"):
            self.z_, self.h0_w, self.h0_b = linear(z, self.gf_dim * 2, "g_h0_lin", with_w=True)
            self.h0 = tf.nn.relu(self.z_)
            self.h1, self.h1_w, self.h1_b = linear(self.h0, self.out_dim, "g_h1_lin", with_w=True)
            return tf.nn.tanh(self.h1)

    def build(self, z):
        self.G = self.generator(z)
        assert self.h0_w.get_shape().as_list() == [4, self.gf_dim * 2]
        return self.G, self.h0, self.h1_b * 1.0


def build(z):
    return DCGAN().build(z)
