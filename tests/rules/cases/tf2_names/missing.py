# warns: 5:12 tf.nn.rnn_cell.LSTMCell: manual: tf.nn.rnn_cell needs Keras 2 (tf_keras); TF 2.21 with Keras 3 has no twin; left unchanged
# warns: 6:11 tf.estimator: manual: tf.estimator is not in TensorFlow 2.21.0 (neither TF2 nor tf.compat.v1); left unchanged
# warns: 7:50 tf.nn.no_such_op: manual: tf.nn.no_such_op is not in TensorFlow 2.21.0; left unchanged
import tensorflow as tf


def f(x):
    cell = tf.nn.rnn_cell.LSTMCell(8)
    est = tf.estimator.Estimator
    return tf.get_variable("w", [1]), cell, est, tf.nn.no_such_op(x)
# output
import tensorflow as tf
import unscope


def f(x):
    cell = tf.nn.rnn_cell.LSTMCell(8)
    est = tf.estimator.Estimator
    return unscope.get_variable("w", [1]), cell, est, tf.nn.no_such_op(x)
