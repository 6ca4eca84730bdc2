# warns: 11:27 Dimension.value: manual: `sizes[0].value` reads TF1's Dimension.value, but `sizes[0]` is not provably a shape entry (TF 2 shapes hold int / None, which have no .value); left unchanged - if it is one, write tf.compat.dimension_value(sizes[0])
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("epoch", 25, "Epoch to train")
FLAGS = flags.FLAGS


def settings(sizes):
    values = {k: FLAGS[k].value for k in FLAGS}
    first = tf.flags.FLAGS["epoch"].value
    return values, first, sizes[0].value
# output
import tensorflow as tf

flags = tf.compat.v1.app.flags
flags.DEFINE_integer("epoch", 25, "Epoch to train")
FLAGS = flags.FLAGS


def settings(sizes):
    values = {k: FLAGS[k].value for k in FLAGS}
    first = tf.compat.v1.flags.FLAGS["epoch"].value
    return values, first, sizes[0].value
