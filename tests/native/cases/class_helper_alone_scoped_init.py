import tensorflow.compat.v1 as tf


class batch_norm(object):
    """A callable layer (DCGAN's ops.batch_norm), built and called in other files.

    The scope __init__ opens makes nothing: TF1 names the variables under the scopes open
    where the object is *called* (discriminator/d_bn1/gamma), so the native form is the class
    of __call__, which takes the full path; the class stays for TF1 callers elsewhere, and the
    scope-only `with` does not carry over (it made no variable and nothing reads it).
    """

    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.momentum = momentum
            self.name = name

    def __call__(self, x, train=True):
        return tf.contrib.layers.batch_norm(x, decay=self.momentum, updates_collections=None,
                                            epsilon=self.epsilon, scale=True,
                                            is_training=train, scope=self.name)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class BatchNorm(nn.Module):
    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        super().__init__()
        self.BatchNorm = nn.ContribBatchNorm(decay=momentum, scale=True, epsilon=epsilon,
                                             updates_collections=None, name=name)

    def __call__(self, x, train=True):
        return self.BatchNorm(x, is_training=train)


# batch_norm: public, kept as TF1 code for callers elsewhere; BatchNorm above is its native form
class batch_norm(object):
    """A callable layer (DCGAN's ops.batch_norm), built and called in other files.

    The scope __init__ opens makes nothing: TF1 names the variables under the scopes open
    where the object is *called* (discriminator/d_bn1/gamma), so the native form is the class
    of __call__, which takes the full path; the class stays for TF1 callers elsewhere, and the
    scope-only `with` does not carry over (it made no variable and nothing reads it).
    """

    def __init__(self, epsilon=1e-5, momentum=0.9, name="batch_norm"):
        with tf.variable_scope(name):
            self.epsilon = epsilon
            self.momentum = momentum
            self.name = name

    def __call__(self, x, train=True):
        return tf.contrib.layers.batch_norm(x, decay=self.momentum, updates_collections=None,
                                            epsilon=self.epsilon, scale=True,
                                            is_training=train, scope=self.name)


