"""A BERT-shaped encoder whose constructor builds the graph from input tensors (TF1, 2018 style)."""
import tensorflow.compat.v1 as tf


class Config(object):
  """The encoder's sizes."""

  def __init__(self, vocab_size=11, hidden_size=6, dropout_prob=0.0):
    self.vocab_size = vocab_size
    self.hidden_size = hidden_size
    self.dropout_prob = dropout_prob


def dense(x, units, name):
  with tf.variable_scope(name):
    w = tf.get_variable("kernel", [x.shape[-1], units],
                        initializer=tf.truncated_normal_initializer(stddev=0.02))
    b = tf.get_variable("bias", [units], initializer=tf.zeros_initializer())
    return tf.tanh(tf.matmul(x, w) + b)


class Encoder(object):
  """Embeds the ids and pools the first token; read the outputs with the getters."""

  def __init__(self, config, is_training, input_ids, input_mask=None, scope=None):
    with tf.variable_scope(scope, default_name="bert"):
      with tf.variable_scope("embeddings"):
        self.embedding_table = tf.get_variable(
            "word_embeddings", [config.vocab_size, config.hidden_size],
            initializer=tf.truncated_normal_initializer(stddev=0.02))
        embedded = tf.gather(self.embedding_table, input_ids)
      if input_mask is None:
        input_mask = tf.ones_like(input_ids)
      embedded *= tf.cast(input_mask, tf.float32)[:, :, None]
      with tf.variable_scope("pooler"):
        self.pooled_output = dense(embedded[:, 0], config.hidden_size, "dense")
      self.sequence_output = embedded

  def get_pooled_output(self):
    return self.pooled_output

  def get_sequence_output(self):
    return self.sequence_output
