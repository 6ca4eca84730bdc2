# warns: 4:5 tf.layers.dense: compat: at module level; native mode needs model code inside a function [dense, reuse: create]
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
y = tf.layers.dense(x, 4)
