# warns: 3:5 tf.placeholder: manual: outside a Session program the program pass converts (`with tf.Session() as sess:` at module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 - move the training loop into such a program or port it by hand
# warns: 4:5 tf.layers.dense: compat: at module level; native mode needs model code inside a function [dense, reuse: create]
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
y = tf.layers.dense(x, 4)
