"""old_zoo.mlp after a compat migration: the same code on the unscope runtime (TF2)."""
import tensorflow as tf

import unscope


def _l2(scale):
    return lambda w: scale * tf.nn.l2_loss(w)


def _layer_norm(x, eps=1e-3):
    with unscope.variable_scope("ln"):
        gamma = unscope.get_variable("gamma", [x.shape[-1]], initializer=tf.ones_initializer())
        beta = unscope.get_variable("beta", [x.shape[-1]], initializer=tf.zeros_initializer())
    mean, var = tf.nn.moments(x, [-1], keepdims=True)
    return (x - mean) * tf.math.rsqrt(var + eps) * gamma + beta


def _tower(t):
    with unscope.variable_scope("tower", reuse=unscope.AUTO_REUSE):
        w = unscope.get_variable("w", [8, 3], regularizer=_l2(0.02))
    return tf.matmul(t, w)


def mlp(x, ids):
    with unscope.variable_scope("model"):
        emb = unscope.get_variable("emb", [5, 4])
        x = x + tf.reduce_mean(tf.nn.embedding_lookup(emb, ids), axis=1)
        with unscope.variable_scope("embed"):
            w = unscope.get_variable("w", [4, 8], regularizer=_l2(0.01))
            b = unscope.get_variable("b", [8], initializer=tf.constant_initializer(0.1))
        h = tf.nn.relu(tf.matmul(x, w) + b)
        h = _layer_norm(h)
        with unscope.variable_scope("mix"):
            w_mix = unscope.get_variable("w", [8, 8])
        h = tf.tanh(tf.matmul(h, w_mix))
        a, b = _tower(h), _tower(h * 0.5)
        with unscope.variable_scope("head_a"):
            wa = unscope.get_variable("w", [3, 2])
        with unscope.variable_scope("head_b"):
            wb = unscope.get_variable("w", [3, 2])
        return {"a": tf.matmul(a, wa), "b": tf.matmul(b, wb)}


def mlp_unshared_tower(x, ids):
    """Planted bug: the tower is created twice (tower, tower_1) where TF1 shares one."""
    with unscope.variable_scope("model"):
        emb = unscope.get_variable("emb", [5, 4])
        x = x + tf.reduce_mean(tf.nn.embedding_lookup(emb, ids), axis=1)
        with unscope.variable_scope("embed"):
            w = unscope.get_variable("w", [4, 8], regularizer=_l2(0.01))
            b = unscope.get_variable("b", [8], initializer=tf.constant_initializer(0.1))
        h = _layer_norm(tf.nn.relu(tf.matmul(x, w) + b))
        with unscope.variable_scope("mix"):
            w_mix = unscope.get_variable("w", [8, 8])
        h = tf.tanh(tf.matmul(h, w_mix))
        towers = []
        for t in (h, h * 0.5):
            with unscope.variable_scope(None, default_name="tower"):
                towers.append(tf.matmul(t, unscope.get_variable("w", [8, 3],
                                                                regularizer=_l2(0.02))))
        with unscope.variable_scope("head_a"):
            wa = unscope.get_variable("w", [3, 2])
        with unscope.variable_scope("head_b"):
            wb = unscope.get_variable("w", [3, 2])
        return {"a": tf.matmul(towers[0], wa), "b": tf.matmul(towers[1], wb)}
