"""The benchmark GPT-2 model as real TF1 source: `native_speed.py` migrates this file
natively at run time and times the result against the hand-written twin."""
import tensorflow.compat.v1 as tf

LAYERS, WIDTH, HEADS, VOCAB, CTX = 4, 256, 4, 512, 128


def norm(x, scope):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [WIDTH], initializer=tf.constant_initializer(1))
        b = tf.get_variable("b", [WIDTH], initializer=tf.constant_initializer(0))
        u = tf.reduce_mean(x, axis=-1, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=-1, keepdims=True)
        return (x - u) * tf.rsqrt(s + 1e-5) * g + b


def conv1d(x, scope, nf):
    with tf.variable_scope(scope):
        nx = x.shape[-1]
        w = tf.get_variable("w", [1, nx, nf], initializer=tf.random_normal_initializer(stddev=0.02))
        b = tf.get_variable("b", [nf], initializer=tf.constant_initializer(0))
        return tf.reshape(tf.matmul(tf.reshape(x, [-1, nx]), tf.reshape(w, [nx, nf])) + b, [-1, CTX, nf])


def attn(x, scope):
    with tf.variable_scope(scope):
        c = conv1d(x, "c_attn", 3 * WIDTH)
        q, k, v = tf.split(c, 3, axis=2)
        q = tf.transpose(tf.reshape(q, [-1, CTX, HEADS, WIDTH // HEADS]), [0, 2, 1, 3])
        k = tf.transpose(tf.reshape(k, [-1, CTX, HEADS, WIDTH // HEADS]), [0, 2, 1, 3])
        v = tf.transpose(tf.reshape(v, [-1, CTX, HEADS, WIDTH // HEADS]), [0, 2, 1, 3])
        w = tf.matmul(q, k, transpose_b=True) * (1.0 / (WIDTH // HEADS) ** 0.5)
        mask = tf.linalg.band_part(tf.ones([CTX, CTX]), -1, 0)
        w = tf.nn.softmax(w * mask - 1e10 * (1 - mask), axis=-1)
        a = tf.reshape(tf.transpose(tf.matmul(w, v), [0, 2, 1, 3]), [-1, CTX, WIDTH])
        return conv1d(a, "c_proj", WIDTH)


def mlp(x, scope):
    with tf.variable_scope(scope):
        return conv1d(tf.nn.gelu(conv1d(x, "c_fc", 4 * WIDTH)), "c_proj", WIDTH)


def block(x, scope):
    with tf.variable_scope(scope):
        x = x + attn(norm(x, "ln_1"), "attn")
        return x + mlp(norm(x, "ln_2"), "mlp")


def model(ids):
    with tf.variable_scope("model"):
        wte = tf.get_variable("wte", [VOCAB, WIDTH], initializer=tf.random_normal_initializer(stddev=0.02))
        wpe = tf.get_variable("wpe", [CTX, WIDTH], initializer=tf.random_normal_initializer(stddev=0.01))
        h = tf.gather(wte, ids) + wpe[None]
        for layer in range(LAYERS):
            h = block(h, "h%d" % layer)
        h = norm(h, "ln_f")
        return tf.matmul(tf.reshape(h, [-1, WIDTH]), wte, transpose_b=True)
