# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [rnn, reuse: create]
# warns: 5:13 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [rnn/w, reuse: create]
# warns: 6:9 VariableScope.reuse_variables: native: later variables in this scope are shared: native mode calls the same module [rnn, reuse: reuse]
# warns: 7:16 tf.get_variable: native: reused variable: native mode reads the one its module already owns [rnn/w, reuse: reuse]
import tensorflow as tf

def f(x):
    with tf.variable_scope("rnn"):
        a = tf.get_variable("w", [3])
        tf.get_variable_scope().reuse_variables()
        return tf.get_variable("w", [3])
