"""A model class whose ``__init__`` builds the graph under ``tf.variable_scope(scope,
default_name="bert")`` with ``scope=None`` (BERT's BertModel): TF1 names its variables
``bert/...``; the lifted class must too when the caller leaves ``scope`` None (the module
class has "bert" as its default, so the owner must not pass None on). Oracle: TF1 graph mode."""
from __future__ import annotations

import numpy as np
import tensorflow as tf

from tests.native.support import load
from unscope.native import migrate_native

SOURCE = '''import tensorflow.compat.v1 as tf


class Encoder(object):
  def __init__(self, width, inputs, scope=None):
    """Builds the encoder at construction, the way BertModel does."""
    with tf.variable_scope(scope, default_name="bert"):
      w = tf.get_variable("w", [inputs.shape[-1], width],
                          initializer=tf.constant_initializer(0.5))
      self.output = tf.tanh(tf.matmul(inputs, w))

  def get_output(self):
    return self.output
'''
X = np.linspace(-1.0, 1.0, 6, dtype=np.float32).reshape(2, 3)


def _tf1(scope):
    namespace = {}
    with tf.Graph().as_default():
        exec(compile(SOURCE, "<tf1>", "exec"), namespace)
        model = namespace["Encoder"](4, tf.constant(X), scope=scope)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            out = sess.run(model.get_output())
        return [v.name for v in tf.compat.v1.global_variables()], out


def test_scope_left_none_takes_tf1s_default_name(tmp_path):
    result = migrate_native(SOURCE, "encoder.py")
    assert result.ok and result.changed, result.findings
    assert 'scope="bert" if scope is None else scope' in result.code
    module = load(result.code, tmp_path, "encoder_default")
    for scope in (None, "other"):
        want_names, want = _tf1(scope)
        model = module.Encoder(4, tf.constant(X), scope=scope)
        assert [v.name for v in model.variables] == want_names
        np.testing.assert_allclose(model.get_output().numpy(), want, rtol=1e-6)
