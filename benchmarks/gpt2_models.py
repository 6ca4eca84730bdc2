"""A GPT-2-style model written TF1-style (for TF1 graph mode and the unscope runtime)
and its hand-written native tf.Module twin with the same variables and math."""
from __future__ import annotations

import tensorflow as tf

LAYERS, WIDTH, HEADS, VOCAB, CTX = 4, 256, 4, 512, 128


# --- TF1 style: `api` is tf.compat.v1 (graph) or unscope (runtime) -----------------
def _norm(api, x, scope):
    with api.variable_scope(scope):
        g = api.get_variable("g", [WIDTH], initializer=tf.compat.v1.constant_initializer(1))
        b = api.get_variable("b", [WIDTH], initializer=tf.compat.v1.constant_initializer(0))
        return _norm_math(x, g, b)


def _norm_math(x, g, b):
    u = tf.reduce_mean(x, axis=-1, keepdims=True)
    s = tf.reduce_mean(tf.square(x - u), axis=-1, keepdims=True)
    return (x - u) * tf.math.rsqrt(s + 1e-5) * g + b


def _conv1d(api, x, scope, nf):
    with api.variable_scope(scope):
        nx = x.shape[-1]
        w = api.get_variable("w", [1, nx, nf], initializer=tf.compat.v1.random_normal_initializer(stddev=0.02))
        b = api.get_variable("b", [nf], initializer=tf.compat.v1.constant_initializer(0))
        return _conv_math(x, w, b)


def _conv_math(x, w, b):
    nx, nf = w.shape[1], w.shape[2]
    return tf.reshape(tf.reshape(x, [-1, nx]) @ tf.reshape(w, [nx, nf]) + b, [-1, CTX, nf])


def _attn_math(c, proj):
    q, k, v = tf.split(c, 3, axis=2)

    def heads(t):
        return tf.transpose(tf.reshape(t, [-1, CTX, HEADS, WIDTH // HEADS]), [0, 2, 1, 3])

    q, k, v = heads(q), heads(k), heads(v)
    w = tf.matmul(q, k, transpose_b=True) * (1.0 / (WIDTH // HEADS) ** 0.5)
    mask = tf.linalg.band_part(tf.ones([CTX, CTX]), -1, 0)
    w = tf.nn.softmax(w * mask - 1e10 * (1 - mask), axis=-1)
    a = tf.reshape(tf.transpose(tf.matmul(w, v), [0, 2, 1, 3]), [-1, CTX, WIDTH])
    return proj(a)


def tf1_model(api, ids):
    with api.variable_scope("model"):
        wte = api.get_variable("wte", [VOCAB, WIDTH], initializer=tf.compat.v1.random_normal_initializer(stddev=0.02))
        wpe = api.get_variable("wpe", [CTX, WIDTH], initializer=tf.compat.v1.random_normal_initializer(stddev=0.01))
        h = tf.gather(wte, ids) + wpe[None]
        for layer in range(LAYERS):
            with api.variable_scope(f"h{layer}"):
                c = _conv1d(api, _norm(api, h, "ln_1"), "attn/c_attn", 3 * WIDTH)
                with api.variable_scope("attn"):
                    h = h + _attn_math(c, lambda a: _conv1d(api, a, "c_proj", WIDTH))
                m = tf.nn.gelu(_conv1d(api, _norm(api, h, "ln_2"), "mlp/c_fc", 4 * WIDTH))
                with api.variable_scope("mlp"):
                    h = h + _conv1d(api, m, "c_proj", WIDTH)
        h = _norm(api, h, "ln_f")
        return tf.reshape(h, [-1, WIDTH]) @ tf.transpose(wte)


# --- hand-written native twin --------------------------------------------------------
def _var(name, shape, init):
    return tf.Variable(init(shape), name=name)


class Norm(tf.Module):
    def __init__(self, scope):
        super().__init__()
        self.g = _var(f"{scope}/g", [WIDTH], tf.ones)
        self.b = _var(f"{scope}/b", [WIDTH], tf.zeros)

    def __call__(self, x):
        return _norm_math(x, self.g, self.b)


class Conv1d(tf.Module):
    def __init__(self, scope, nx, nf):
        super().__init__()
        self.w = _var(f"{scope}/w", [1, nx, nf], lambda s: tf.random.normal(s, stddev=0.02))
        self.b = _var(f"{scope}/b", [nf], tf.zeros)

    def __call__(self, x):
        return _conv_math(x, self.w, self.b)


class Block(tf.Module):
    def __init__(self, scope):
        super().__init__()
        self.ln_1, self.ln_2 = Norm(f"{scope}/ln_1"), Norm(f"{scope}/ln_2")
        self.c_attn = Conv1d(f"{scope}/attn/c_attn", WIDTH, 3 * WIDTH)
        self.attn_proj = Conv1d(f"{scope}/attn/c_proj", WIDTH, WIDTH)
        self.c_fc = Conv1d(f"{scope}/mlp/c_fc", WIDTH, 4 * WIDTH)
        self.mlp_proj = Conv1d(f"{scope}/mlp/c_proj", 4 * WIDTH, WIDTH)

    def __call__(self, h):
        h = h + _attn_math(self.c_attn(self.ln_1(h)), self.attn_proj)
        return h + self.mlp_proj(tf.nn.gelu(self.c_fc(self.ln_2(h))))


class NativeGPT2(tf.Module):
    def __init__(self):
        super().__init__()
        self.wte = _var("model/wte", [VOCAB, WIDTH], lambda s: tf.random.normal(s, stddev=0.02))
        self.wpe = _var("model/wpe", [CTX, WIDTH], lambda s: tf.random.normal(s, stddev=0.01))
        self.blocks = [Block(f"model/h{i}") for i in range(LAYERS)]
        self.ln_f = Norm("model/ln_f")

    def __call__(self, ids):
        h = tf.gather(self.wte, ids) + self.wpe[None]
        for block in self.blocks:
            h = block(h)
        return tf.reshape(self.ln_f(h), [-1, WIDTH]) @ tf.transpose(self.wte)
