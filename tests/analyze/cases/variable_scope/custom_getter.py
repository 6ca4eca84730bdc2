# warns: 7:10 tf.variable_scope: compat: custom_getter: kept on the compat runtime, which applies it as TF1 did [fp16, reuse: create]
# warns: 8:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 7 [fp16/w, reuse: create]
import tensorflow as tf

def fp16_getter(getter, *args, **kwargs):
    return getter(*args, **kwargs)

def f(x):
    with tf.variable_scope("fp16", custom_getter=fp16_getter):
        return tf.get_variable("w", [3])
