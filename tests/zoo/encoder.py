"""A BERT-style encoder written the Google way of 2018 (TF1): two-space indentation, helpers
without scopes of their own whose layers take a ``name=None`` that no caller gives (TF1 names
them by their default, counted in the caller's scope), shape checks that raise before any
variable is made, and a loop of ``layer_%d`` scopes."""
import numpy as np
import tensorflow.compat.v1 as tf

VOCAB, WIDTH, LAYERS = 13, 8, 2
INPUTS = {"ids": np.array([[1, 4, 2, 9, 3], [0, 5, 7, 12, 10]], dtype=np.int32)}


def create_initializer(initializer_range=0.02):
  return tf.truncated_normal_initializer(stddev=initializer_range)


def dense(input_tensor, units, activation=None, name=None):
  """A projection named by the caller's scope unless given a name."""
  return tf.layers.dense(input_tensor, units, activation=activation,
                         kernel_initializer=create_initializer(), name=name)


def dense_and_residual(input_tensor, residual, units, name=None):
  output = dense(input_tensor, units, name=name)
  return output + residual


def embed(ids, vocab_size, width, name="word_embeddings"):
  table = tf.get_variable(name, [vocab_size, width], initializer=create_initializer())
  one_hot = tf.one_hot(ids, depth=vocab_size)   # BERT's use_one_hot_embeddings (TPU) path
  return tf.einsum("bsv,vw->bsw", one_hot, table)


def encoder(x, width, num_layers):
  if x.shape[-1] != width:
    raise ValueError("The width of the input (%d) != width (%d)" % (x.shape[-1], width))
  prev = x
  for layer_idx in range(num_layers):
    with tf.variable_scope("layer_%d" % layer_idx):
      with tf.variable_scope("attention"):
        query = tf.layers.dense(prev, width, name="query")
        key = tf.layers.dense(prev, width, name="key")
        scores = tf.nn.softmax(tf.matmul(query, key, transpose_b=True))
        context = tf.matmul(scores, prev)
        with tf.variable_scope("output"):
          attention = dense_and_residual(context, prev, width)
      with tf.variable_scope("intermediate"):
        hidden = dense(attention, width * 2, activation=tf.tanh)
      with tf.variable_scope("output"):
        prev = dense_and_residual(hidden, attention, width)
  return prev


def build(ids):
  with tf.variable_scope("bert"):
    with tf.variable_scope("embeddings"):
      x = embed(ids, VOCAB, WIDTH)
    with tf.variable_scope("encoder"):
      x = encoder(x, WIDTH, LAYERS)
    with tf.variable_scope("pooler"):
      return dense(x[:, 0], WIDTH, activation=tf.tanh)
