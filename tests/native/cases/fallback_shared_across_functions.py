# warns: 6:17 tf.variable_scope: compat: TF1 variable scope 'embedding/table' is reached from two places (embed and logits) that native mode would give separate modules; TF1 shares it by name; embed stays in TF1 form
# warns: 12:17 tf.variable_scope: compat: TF1 variable scope 'embedding/table' is reached from two places (embed and logits) that native mode would give separate modules; TF1 shares it by name; logits stays in TF1 form
# warns: 17:12 tf.variable_scope: compat: TF1 variable scope 'embedding' is reached from two places (the compat island embed in build and the compat island logits in build) that native mode would give separate modules; TF1 shares it by name; build stays in TF1 form
# warns: 17:19 tf.variable_scope: compat: TF1 variable scope 'embedding' is reached from two places (the compat island embed in build and the compat island logits in build) that native mode would give separate modules; TF1 shares it by name; build stays in TF1 form
import tensorflow.compat.v1 as tf


def embed(ids):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [10, 4])
        return tf.gather(table, ids)


def logits(h):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [10, 4])
        return tf.matmul(h, table, transpose_b=True)


def build(ids):
    return logits(embed(ids))
