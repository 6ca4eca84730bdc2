# warns: 5:12 tf.contrib.rnn.LayerNormBasicLSTMCell: manual: tf.contrib is gone in TF 2 and neither unscope nor TF 2 has this; left unchanged - replace it by hand
# warns: 6:12 tf.contrib.seq2seq.dynamic_decode: manual: tf.contrib is gone in TF 2 and neither unscope nor TF 2 has this; left unchanged - replace it by hand
import tensorflow as tf


def f(x):
    cell = tf.contrib.rnn.LayerNormBasicLSTMCell(8)
    return tf.contrib.seq2seq.dynamic_decode(cell, x)
