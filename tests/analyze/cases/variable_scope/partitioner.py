# warns: 4:10 tf.variable_scope: compat: partitioner: partitioned variables stay on the compat runtime [emb, reuse: create]
# warns: 5:16 tf.get_variable: compat: inside a scope kept on the compat runtime by line 4 [emb/table, reuse: create]
import tensorflow as tf

def f(x):
    with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(4)):
        return tf.get_variable("table", [1000, 8])
