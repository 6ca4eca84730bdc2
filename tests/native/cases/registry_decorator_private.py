import tensorflow.compat.v1 as tf

_LAYERS = {}


def _register(name):
    def add(fn):
        _LAYERS[name] = fn
        return fn
    return add


@_register("affine")
def _affine(x, units):
    w = tf.get_variable("w", [x.shape[-1], units])
    return tf.matmul(x, w)


def _net(x):
    with tf.variable_scope("net"):
        return _affine(x, 2)
# output
import tensorflow.compat.v1 as tf
from unscope import nn

_LAYERS = {}


def _register(name):
    def add(fn):
        _LAYERS[name] = fn
        return fn
    return add


class _Affine(nn.Module):
    def __init__(self, name, units):
        super().__init__(name=name)
        self.units = units
        self.w = None

    def __call__(self, x):
        if self.w is None:
            self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
        w = self.w
        return tf.matmul(x, w)


# _affine: registered by its decorator, kept as TF1 code for the registry; _Affine above is its native form
@_register("affine")
def _affine(x, units):
    w = tf.get_variable("w", [x.shape[-1], units])
    return tf.matmul(x, w)


class _Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self._affine = _Affine(name, 2)

    def __call__(self, x):
        return self._affine(x)
