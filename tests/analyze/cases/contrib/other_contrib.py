# warns: 5:12 tf.contrib.rnn.LSTMCell: manual: TF1 RNN cells create variables inside TensorFlow; port to tf.keras.layers RNN cells by hand (checkpoint names change)
# warns: 6:10 tf.contrib.training.HParams: compat: provided by unscope.contrib
# warns: 7:22 tf.nn.dynamic_rnn: manual: TF1 RNN cells create variables inside TensorFlow; port to tf.keras.layers RNN cells by hand (checkpoint names change)
# warns: 8:12 tf.contrib.seq2seq.sequence_loss: manual: tf.contrib is gone in TF2 and unscope has no replacement for it; port it by hand
import tensorflow as tf
from tensorflow.contrib import rnn

def f(x):
    cell = rnn.LSTMCell(64)
    hp = tf.contrib.training.HParams(lr=0.1)
    outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
    return tf.contrib.seq2seq.sequence_loss(outputs, x, x)
