# warns: 5:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added after its import, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
"""Train a tiny model (TF1 script)."""
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("model"):
    w = tf.get_variable("w", [3, 1])
loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(train_op, {x: np.ones([2, 3])})
# output
"""Train a tiny model (TF1 script)."""
import numpy as np
import tensorflow as tf
import unscope
tf.compat.v1.disable_v2_behavior()

x = tf.compat.v1.placeholder(tf.float32, [None, 3])
with unscope.variable_scope("model"):
    w = unscope.get_variable("w", [3, 1])
loss = tf.reduce_mean(tf.square(tf.matmul(x, w)))
train_op = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.compat.v1.Session() as sess:
    sess.run(tf.compat.v1.global_variables_initializer())
    sess.run(train_op, {x: np.ones([2, 3])})
