# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [discriminator, reuse: create]
# warns: 6:13 VariableScope.reuse_variables: compat: reuse_variables() called conditionally: reuse is decided at run time; the compat runtime applies it as TF1 did - share by calling the same module to migrate natively [discriminator, reuse: dynamic]
# warns: 7:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 6 [discriminator/w, reuse: dynamic]
import tensorflow as tf

def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator") as scope:
        if reuse:
            scope.reuse_variables()
        return tf.get_variable("w", [3])
