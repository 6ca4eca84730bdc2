"""Hand-written TF2 twins of old_zoo.py: tf.Modules with TF1-named variables.

Each keyword argument plants one bug; the defaults are a faithful migration.
"""
import numpy as np
import tensorflow as tf


def _var(name, shape, trainable=True, value=None):
    init = np.random.default_rng(len(name)).standard_normal(shape).astype("float32") \
        if value is None else np.full(shape, value, "float32")
    return tf.Variable(init, name=name, trainable=trainable)


class MLP(tf.Module):
    def __init__(self, eps=1e-3, activation="tanh", transpose_mix=False, share_heads=False,
                 unshare_tower=False, drop_reg=False, transpose_head=False):
        super().__init__(name="mlp")
        self.eps, self.activation, self.transpose_mix = eps, activation, transpose_mix
        self.drop_reg = drop_reg
        self.emb = _var("model/emb", [5, 4])
        self.w = _var("model/embed/w", [4, 8])
        self.b = _var("model/embed/b", [8], value=0.1)
        self.gamma = _var("model/ln/gamma", [8], value=1.0)
        self.beta = _var("model/ln/beta", [8], value=0.0)
        self.w_mix = _var("model/mix/w", [8, 8])
        self.tower = _var("model/tower/w", [8, 3])
        # bug: a second tower variable under the same TF1 name (TF1 shares one)
        self.tower_2 = _var("model/tower/w", [8, 3]) if unshare_tower else self.tower
        # bug: head_a's weight stored as [out, in] and used transposed
        self.transpose_head = transpose_head
        self.wa = _var("model/head_a/w", [2, 3] if transpose_head else [3, 2])
        # bug: head_b reuses head_a's weight (TF1 has two)
        self.wb = self.wa if share_heads else _var("model/head_b/w", [3, 2])
        # (share_heads and transpose_head together are not meaningful)

    @property
    def regularization_losses(self):
        losses = [0.02 * tf.nn.l2_loss(self.tower)]
        if not self.drop_reg:  # bug: forgets the embed regularizer
            losses.insert(0, 0.01 * tf.nn.l2_loss(self.w))
        return losses

    def __call__(self, x, ids):
        x = x + tf.reduce_mean(tf.nn.embedding_lookup(self.emb, ids), axis=1)
        h = tf.nn.relu(x @ self.w + self.b)
        mean, var = tf.nn.moments(h, [-1], keepdims=True)
        h = (h - mean) * tf.math.rsqrt(var + self.eps) * self.gamma + self.beta
        w_mix = tf.transpose(self.w_mix) if self.transpose_mix else self.w_mix
        h = getattr(tf.math, self.activation)(h @ w_mix)
        a, b = h @ self.tower, (h * 0.5) @ self.tower_2
        wa = tf.transpose(self.wa) if self.transpose_head else self.wa
        return {"a": a @ wa, "b": b @ self.wb}


class Small(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = _var("small/w", [4, 2])
        self.b = _var("small/b", [2])

    def __call__(self, x):
        return x @ self.w + self.b
