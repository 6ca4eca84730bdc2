"""TF1 models (OLD sides) for the verify tests; `tensorflow` here means TF1 in the worker."""
import tensorflow as tf


def _l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


def _layer_norm(x, eps=1e-3):
    with tf.variable_scope("ln"):
        gamma = tf.get_variable("gamma", [x.shape[-1]], initializer=tf.ones_initializer())
        beta = tf.get_variable("beta", [x.shape[-1]], initializer=tf.zeros_initializer())
    mean, var = tf.nn.moments(x, [-1], keep_dims=True)
    return (x - mean) * tf.rsqrt(var + eps) * gamma + beta


def _tower(t):
    # one tower applied twice: TF1 shares its weight
    with tf.variable_scope("tower", reuse=tf.AUTO_REUSE):
        w = tf.get_variable("w", [8, 3], regularizer=_l2(0.02))
    return tf.matmul(t, w)


def mlp(x, ids):
    """Embedding + dense + layer norm + square mix + a shared tower + two unshared heads."""
    with tf.variable_scope("model"):
        emb = tf.get_variable("emb", [5, 4])
        x = x + tf.reduce_mean(tf.nn.embedding_lookup(emb, ids), axis=1)
        with tf.variable_scope("embed"):
            w = tf.get_variable("w", [4, 8], regularizer=_l2(0.01))
            b = tf.get_variable("b", [8], initializer=tf.constant_initializer(0.1))
        h = tf.nn.relu(tf.matmul(x, w) + b)
        h = _layer_norm(h)
        with tf.variable_scope("mix"):
            w_mix = tf.get_variable("w", [8, 8])
        h = tf.tanh(tf.matmul(h, w_mix))
        a, b = _tower(h), _tower(h * 0.5)
        with tf.variable_scope("head_a"):
            wa = tf.get_variable("w", [3, 2])
        with tf.variable_scope("head_b"):
            wb = tf.get_variable("w", [3, 2])
        return {"a": tf.matmul(a, wa), "b": tf.matmul(b, wb)}


def small(x):
    with tf.variable_scope("small"):
        w = tf.get_variable("w", [4, 2])
        b = tf.get_variable("b", [2])
    return tf.matmul(x, w) + b


def small_with_train_op(x):
    """Returns a train op beside the value, as TF1 code often does."""
    y = small(x)
    step = tf.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(y))
    return {"y": y, "train_op": step}
