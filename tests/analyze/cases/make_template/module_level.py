# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [encoder/layer, reuse: auto]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [encoder/layer/w, reuse: auto]
# warns: 7:10 tf.make_template: native: template: native mode makes it one module instance, shared by every call [encoder, reuse: auto]
import tensorflow as tf

def encoder(x):
    with tf.variable_scope("layer"):
        return tf.get_variable("w", [3])

encode = tf.make_template("encoder", encoder)
