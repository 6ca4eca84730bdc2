# flags: --mode native
import tensorflow as tf
from unscope import nn


class Head(nn.Module):
    def __init__(self, name="head"):
        super().__init__(name=name)
        self.w = nn.variable(f"{name}/w", [4, 2], initializer=nn.initializers.truncated_normal(stddev=0.1))

    def __call__(self, x):
        return tf.matmul(x, self.w)
