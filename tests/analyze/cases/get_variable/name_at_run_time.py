# warns: 4:13 tf.get_variable: compat: variable name computed at run time ({n}); kept on the compat runtime - pass a literal or a function argument to migrate natively [{n}, reuse: create]
import tensorflow as tf

def f(x, names):
    return [tf.get_variable(n, [3]) for n in names if n]
