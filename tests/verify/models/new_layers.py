"""Hand-written TF2 twins of old_layers.py (tf.Modules with TF1-named variables)."""
import numpy as np
import tensorflow as tf


def _var(name, shape, trainable=True, value=None):
    init = np.random.default_rng(len(name)).standard_normal(shape).astype("float32") \
        if value is None else np.full(shape, value, "float32")
    return tf.Variable(init, name=name, trainable=trainable)


class BNNet(tf.Module):
    """`unbiased=True` plants a bug: the moving variance uses the unbiased batch variance."""

    def __init__(self, momentum=0.9, unbiased=False, dropout=False):
        super().__init__()
        self.momentum, self.unbiased, self.dropout = momentum, unbiased, dropout
        self.kernel = _var("dense/kernel", [4, 6])
        self.bias = _var("dense/bias", [6], value=0.0)
        self.gamma = _var("batch_normalization/gamma", [6], value=1.0)
        self.beta = _var("batch_normalization/beta", [6], value=0.0)
        self.moving_mean = _var("batch_normalization/moving_mean", [6], False, 0.0)
        self.moving_variance = _var("batch_normalization/moving_variance", [6], False, 1.0)
        self.out_kernel = _var("logits/kernel", [6, 3])
        self.out_bias = _var("logits/bias", [3], value=0.0)

    @property
    def regularization_losses(self):
        return [0.01 * tf.reduce_sum(tf.square(self.kernel))]

    def __call__(self, x, training=False):
        h = tf.nn.relu(x @ self.kernel + self.bias)
        if training:
            mean, var = tf.nn.moments(h, [0])
            n = tf.cast(tf.shape(h)[0], h.dtype)
            stat = var * n / (n - 1) if self.unbiased else var
            m = self.momentum
            self.moving_mean.assign(self.moving_mean * m + mean * (1 - m))
            self.moving_variance.assign(self.moving_variance * m + stat * (1 - m))
        else:
            mean, var = self.moving_mean, self.moving_variance
        h = tf.nn.batch_normalization(h, mean, var, self.beta, self.gamma, 1e-3)
        if self.dropout and training:
            h = tf.nn.dropout(h, rate=0.5)
        return h @ self.out_kernel + self.out_bias


class DropoutNet(tf.Module):
    def __init__(self):
        super().__init__()
        self.kernel = _var("dense/kernel", [4, 6])
        self.bias = _var("dense/bias", [6], value=0.0)
        self.out_kernel = _var("logits/kernel", [6, 3])
        self.out_bias = _var("logits/bias", [3], value=0.0)

    def __call__(self, x, training=False):
        h = tf.nn.relu(x @ self.kernel + self.bias)
        if training:
            h = tf.nn.dropout(h, rate=0.5)
        return h @ self.out_kernel + self.out_bias


class ContribNet(tf.Module):
    def __init__(self):
        super().__init__()
        self.w = _var("fully_connected/weights", [4, 6])
        self.b = _var("fully_connected/biases", [6], value=0.0)
        self.ln_beta = _var("LayerNorm/beta", [6], value=0.0)
        self.ln_gamma = _var("LayerNorm/gamma", [6], value=1.0)
        self.out_w = _var("out/weights", [6, 2])
        self.out_b = _var("out/biases", [2], value=0.0)

    @property
    def regularization_losses(self):
        return [0.05 * tf.nn.l2_loss(self.w)]

    def __call__(self, x):
        h = tf.nn.relu(x @ self.w + self.b)
        mean, var = tf.nn.moments(h, [1], keepdims=True)
        h = tf.nn.batch_normalization(h, mean, var, self.ln_beta, self.ln_gamma, 1e-12)
        return {"out": h @ self.out_w + self.out_b, "sq": h * h}
