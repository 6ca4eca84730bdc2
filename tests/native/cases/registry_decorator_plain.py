# verify
import tensorflow.compat.v1 as tf

MODELS = []


def registered(fn):
    MODELS.append(fn)
    fn.registered = True
    return fn


@registered
def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [x.shape[-1], 2])
        return tf.matmul(x, w)
# output
import tensorflow.compat.v1 as tf
from unscope import nn

MODELS = []


def registered(fn):
    MODELS.append(fn)
    fn.registered = True
    return fn


class Build(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], 2])
        w = self.w
        return tf.matmul(x, w)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
@registered
def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [x.shape[-1], 2])
        return tf.matmul(x, w)
