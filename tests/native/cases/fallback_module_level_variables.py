# warns: 3:6 tf.variable_scope: compat: TF1 variables made at module level stay in TF1 form; native mode rewrites functions (move this code into one)
import tensorflow.compat.v1 as tf

with tf.variable_scope("globals"):
    step = tf.get_variable("step", [], dtype=tf.int64, trainable=False)
