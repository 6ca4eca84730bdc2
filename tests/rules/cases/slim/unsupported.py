# warns: 5:5 slim.learning: manual: unscope.slim has no `learning` and slim is gone with tf.contrib; rewritten to unscope.slim.learning - replace it by hand
import tensorflow.contrib.slim as slim


def train(op, logdir):
    slim.learning.train(op, logdir)
# output
from unscope import slim


def train(op, logdir):
    slim.learning.train(op, logdir)
