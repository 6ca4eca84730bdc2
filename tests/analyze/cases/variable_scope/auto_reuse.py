# warns: 4:10 tf.variable_scope: native: AUTO_REUSE: native mode creates on the first call and shares after [emb, reuse: auto]
# warns: 5:16 tf.get_variable: native: AUTO_REUSE variable: created on the first call, shared after; native mode keeps one tf.Variable [emb/table, reuse: auto]
import tensorflow as tf

def f(x):
    with tf.variable_scope("emb", reuse=tf.AUTO_REUSE):
        return tf.get_variable("table", [10, 4])
