"""A ``--model`` file for the dry-run hint: a model that builds part of itself on its first call."""
import tensorflow as tf

from tests.ckpt.models import Dense


class HalfLazyNet(tf.Module):
    """``model/dense`` in ``__init__``; ``model/emb`` and ``model/ln/gamma`` on the first call."""

    def __init__(self):
        super().__init__()
        self.dense = Dense("model/dense", 4, 3)
        self.rest = None

    def __call__(self, ids, x):
        if self.rest is None:
            self.rest = [tf.Variable(tf.zeros([10, 3]), name="model/emb"),
                         tf.Variable(tf.zeros([3]), name="model/ln/gamma")]
        emb, gamma = self.rest
        return (self.dense(x) + tf.gather(emb, ids)) * gamma
