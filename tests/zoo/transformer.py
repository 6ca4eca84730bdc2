"""GPT-2-style transformer block stack with tied input/output embeddings (TF1)."""
import numpy as np
import tensorflow.compat.v1 as tf

VOCAB, WIDTH, HEADS, LAYERS, CTX = 11, 8, 2, 2, 5
INPUTS = {"ids": np.array([[1, 4, 2, 9, 3], [0, 5, 7, 7, 10]], dtype=np.int32)}


def norm(x, scope, axis=-1, epsilon=1e-5):
    with tf.variable_scope(scope):
        n_state = x.shape[-1].value if hasattr(x.shape[-1], "value") else x.shape[-1]
        g = tf.get_variable("g", [n_state], initializer=tf.constant_initializer(1))
        b = tf.get_variable("b", [n_state], initializer=tf.constant_initializer(0))
        u = tf.reduce_mean(x, axis=axis, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=axis, keepdims=True)
        return (x - u) * tf.rsqrt(s + epsilon) * g + b


def conv1d(x, scope, nf, w_init_stdev=0.02):
    with tf.variable_scope(scope):
        nx = x.shape[-1]
        w = tf.get_variable("w", [1, nx, nf], initializer=tf.random_normal_initializer(stddev=w_init_stdev))
        b = tf.get_variable("b", [nf], initializer=tf.constant_initializer(0))
        c = tf.reshape(tf.matmul(tf.reshape(x, [-1, nx]), tf.reshape(w, [-1, nf])) + b, tf.concat([tf.shape(x)[:-1], [nf]], 0))
        return c


def attn(x, scope, n_state):
    with tf.variable_scope(scope):
        c = conv1d(x, "c_attn", n_state * 3)
        q, k, v = tf.split(c, 3, axis=2)

        def heads(t):
            return tf.transpose(tf.reshape(t, [tf.shape(t)[0], -1, HEADS, n_state // HEADS]), [0, 2, 1, 3])

        q, k, v = heads(q), heads(k), heads(v)
        w = tf.matmul(q, k, transpose_b=True) * tf.rsqrt(tf.cast(n_state // HEADS, tf.float32))
        nd = tf.shape(w)[-1]
        mask = tf.linalg.band_part(tf.ones([nd, nd]), -1, 0)
        w = w * mask - 1e10 * (1 - mask)
        a = tf.matmul(tf.nn.softmax(w, axis=-1), v)
        a = tf.reshape(tf.transpose(a, [0, 2, 1, 3]), [tf.shape(a)[0], -1, n_state])
        return conv1d(a, "c_proj", n_state)


def block(x, scope):
    with tf.variable_scope(scope):
        x = x + attn(norm(x, "ln_1"), "attn", WIDTH)
        h = tf.nn.relu(conv1d(norm(x, "ln_2"), "c_fc", WIDTH * 4))
        return x + conv1d(h, "c_proj", WIDTH)


def model(ids, reuse=tf.AUTO_REUSE):
    with tf.variable_scope("model", reuse=reuse):
        wte = tf.get_variable("wte", [VOCAB, WIDTH], initializer=tf.random_normal_initializer(stddev=0.02))
        wpe = tf.get_variable("wpe", [CTX, WIDTH], initializer=tf.random_normal_initializer(stddev=0.01))
        h = tf.gather(wte, ids) + wpe[None, :, :]
        for layer in range(LAYERS):
            h = block(h, "h%d" % layer)
        h = norm(h, "ln_f")
        return tf.matmul(tf.reshape(h, [-1, WIDTH]), wte, transpose_b=True)


def build(ids):
    logits = model(ids)
    again = model(ids[:, ::-1])  # second call shares every weight (AUTO_REUSE)
    return logits, again
