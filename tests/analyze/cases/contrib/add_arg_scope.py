# warns: 3:2 tf.contrib.framework.add_arg_scope: compat: arg_scope defaults are applied at run time by unscope.slim / unscope.contrib
# warns: 5:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [my_layer, reuse: create]
# warns: 6:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [my_layer/w, reuse: create]
import tensorflow as tf

@tf.contrib.framework.add_arg_scope
def my_layer(x, scope=None):
    with tf.variable_scope(scope, default_name="my_layer"):
        return tf.get_variable("w", [3])
