"""A classifier head over the encoder (TF1, 2018 style: run_classifier.py's create_model)."""
import tensorflow.compat.v1 as tf

from classifier import model as modeling


def create_model(config, is_training, input_ids, input_mask, labels, num_labels):
  encoder = modeling.Encoder(config=config, is_training=is_training, input_ids=input_ids,
                             input_mask=input_mask)
  output_layer = encoder.get_pooled_output()
  hidden_size = output_layer.shape[-1]
  output_weights = tf.get_variable(
      "output_weights", [num_labels, hidden_size],
      initializer=tf.truncated_normal_initializer(stddev=0.02))
  output_bias = tf.get_variable("output_bias", [num_labels], initializer=tf.zeros_initializer())
  with tf.variable_scope("loss"):
    logits = tf.matmul(output_layer, output_weights, transpose_b=True)
    logits = tf.nn.bias_add(logits, output_bias)
    log_probs = tf.nn.log_softmax(logits, axis=-1)
    one_hot_labels = tf.one_hot(labels, depth=num_labels, dtype=tf.float32)
    loss = tf.reduce_mean(-tf.reduce_sum(one_hot_labels * log_probs, axis=-1))
    return loss, logits
