# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode; scope initializer/regularizer resolved per variable [net, reuse: create]
# warns: 4:47 tf.glorot_uniform_initializer: native: TF1 initializer: migrate uses its TF2 name
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [net/w, reuse: create]
import tensorflow as tf

def f(x):
    with tf.variable_scope("net", initializer=tf.glorot_uniform_initializer(), regularizer=l2):
        return tf.get_variable("w", [3])
