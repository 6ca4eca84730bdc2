"""A small TF1 text classifier, written the way TF1 code was (TensorFlow 1.15).

This file is the bundled example that `bash scripts/example.sh` scans, migrates,
converts the checkpoint of, and verifies.  It does not run on TensorFlow 2.
"""
import tensorflow as tf

VOCAB = 50
WIDTH = 16
LAYERS = 2
CLASSES = 3


def embed(tokens):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [VOCAB, WIDTH],
                                initializer=tf.random_normal_initializer(stddev=0.1))
    return tf.nn.embedding_lookup(table, tokens)


def block(x, scope, training):
    with tf.variable_scope(scope):
        h = tf.contrib.layers.layer_norm(x)
        h = tf.layers.dense(h, 4 * WIDTH, activation=tf.nn.relu, name="fc_in")
        h = tf.layers.dropout(h, rate=0.1, training=training)
        h = tf.layers.dense(h, WIDTH, name="fc_out")
        return x + h


def classifier(tokens, training=False):
    regularizer = tf.contrib.layers.l2_regularizer(1e-4)
    with tf.variable_scope("classifier", regularizer=regularizer):
        h = embed(tokens)
        for i in range(LAYERS):
            h = block(h, "block%d" % i, training)
        pooled = tf.reduce_mean(h, axis=1, keep_dims=False)
        logits = tf.layers.dense(pooled, CLASSES, name="logits")
    return logits
