# warns: 4:10 tf.variable_scope: compat: scope name computed at run time ({x.name.split(':')[0]}); kept on the compat runtime - pass a literal or a function argument to migrate natively [{x.name.split(':')[0]}, reuse: create]
# warns: 5:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 4 [{x.name.split(':')[0]}/w, reuse: create]
import tensorflow as tf

def f(x):
    with tf.variable_scope(x.name.split(":")[0]):
        return tf.get_variable("w", [3])
