# warns: 4:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1; to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("model"):
    y = tf.layers.dense(x, 1)
loss = tf.log(tf.reduce_sum(y, keep_dims=True))
sess = tf.Session()
# output
import tensorflow.compat.v1 as tf
import unscope
tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 3])
with unscope.variable_scope("model"):
    y = unscope.layers.dense(x, 1)
loss = tf.log(tf.reduce_sum(y, keep_dims=True))
sess = tf.Session()
