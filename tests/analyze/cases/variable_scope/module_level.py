# warns: 3:6 tf.variable_scope: compat: at module level; native mode needs model code inside a function [model, reuse: create]
# warns: 4:9 tf.get_variable: compat: at module level; native mode needs model code inside a function [model/w, reuse: create]
import tensorflow as tf

with tf.variable_scope("model"):
    w = tf.get_variable("w", [3])
