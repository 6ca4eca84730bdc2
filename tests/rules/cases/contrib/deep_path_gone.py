# warns: 7:12 tf.contrib.rnn.LayerNormLSTMCell: manual: tf.contrib is gone in TF 2 and neither unscope nor TF 2 has this; left unchanged - replace it by hand
# warns: 8:18 tf.contrib.layers.optimize_loss: manual: unscope.contrib.layers has no `optimize_loss` and tf.contrib is gone in TF 2; rewritten to unscope.contrib.layers.optimize_loss - replace it by hand
import tensorflow as tf
from tensorflow.contrib.layers.python.layers import optimizers
from tensorflow.contrib.rnn.python.ops import rnn_cell


def train(loss):
    cell = rnn_cell.LayerNormLSTMCell(8)
    return cell, optimizers.optimize_loss(loss, None, 0.1, "SGD")
# output
import tensorflow as tf
from unscope.contrib import layers as optimizers
from tensorflow.contrib.rnn.python.ops import rnn_cell


def train(loss):
    cell = rnn_cell.LayerNormLSTMCell(8)
    return cell, optimizers.optimize_loss(loss, None, 0.1, "SGD")
