import tensorflow as tf

from unscope import nn


class Model(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 4])

    def __call__(self, x):
        return tf.matmul(x, self.w)
