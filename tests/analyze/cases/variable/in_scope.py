# warns: 5:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [counter, reuse: create]
# warns: 6:16 tf.Variable: native: tf.Variable under a scope takes the scope prefix; migration keeps that name [counter/count]
import tensorflow as tf

def f(x):
    step = tf.Variable(0, name="step")
    with tf.variable_scope("counter"):
        return tf.Variable(0, name="count"), step
