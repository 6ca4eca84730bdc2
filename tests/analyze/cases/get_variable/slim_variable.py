# warns: 4:10 slim.arg_scope: compat: arg_scope defaults are applied at run time by unscope.slim / unscope.contrib
# warns: 5:16 slim.model_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [weights, reuse: create]
import tensorflow.contrib.slim as slim

def f(x):
    with slim.arg_scope([slim.model_variable], device="/cpu:0"):
        return slim.model_variable("weights", shape=[3, 3])
