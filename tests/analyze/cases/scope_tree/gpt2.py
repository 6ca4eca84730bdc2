# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [model/h{layer}/attn/{c_attn|c_proj}, reuse: auto]
# warns: 5:16 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [model/h{layer}/attn/{c_attn|c_proj}/w, reuse: auto]
# warns: 8:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [model/h{layer}/attn, reuse: auto]
# warns: 13:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [model/h{layer}, reuse: auto]
# warns: 17:10 tf.variable_scope: native: AUTO_REUSE: native mode creates on the first call and shares after [model, reuse: auto]
import tensorflow as tf

def conv1d(x, scope, nf):
    with tf.variable_scope(scope):
        return tf.get_variable("w", [1, nf])

def attn(x, scope, n_state):
    with tf.variable_scope(scope):
        c = conv1d(x, "c_attn", n_state * 3)
        return conv1d(c, "c_proj", n_state)

def block(x, scope):
    with tf.variable_scope(scope):
        return attn(x, "attn", 8)

def model(X, scope="model"):
    with tf.variable_scope(scope, reuse=tf.AUTO_REUSE):
        for layer in range(12):
            h = block(X, "h%d" % layer)
        return h
