# warns: 4:5 VariableScope.reuse_variables: compat: receiver is not a scope known statically; kept on the compat runtime
# warns: 5:12 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [w, reuse: create]
import tensorflow as tf

def f(scope):
    scope.reuse_variables()
    return tf.get_variable("w", [3])
