# warns: 5:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [net/w, reuse: auto]
# warns: 8:12 tf.make_template: compat: custom_getter_: kept on the compat runtime [net, reuse: auto]
import functools
import tensorflow as tf

def net(x, n):
    return tf.get_variable("w", [n])

def build(getter):
    return tf.make_template("net", functools.partial(net, n=3), custom_getter_=getter)
