# verify
import tensorflow.compat.v1 as tf


def block(x, units, scale=1.0):
  """Google style: two spaces a level."""
  if x.shape[-1] is None:
    raise ValueError("block needs a known width")
  with tf.variable_scope("block"):
    w = tf.get_variable("w", [x.shape[-1], units])
    for _ in range(2):
      x = x * scale
    return tf.matmul(x, w)


def build(x):
  with tf.variable_scope("model"):
    return block(x, 3)
# output
import tensorflow.compat.v1 as tf
from unscope import nn


class Block(nn.Module):
  """Google style: two spaces a level."""

  def __init__(self, units, scale=1.0, name="block"):
    super().__init__(name=name)
    self.units = units
    self.scale = scale
    self.w = None

  def __call__(self, x):
    if x.shape[-1] is None:
      raise ValueError("block needs a known width")
    if self.w is None:
      self.w = nn.variable(f"{self.scope_name}/w", [x.shape[-1], self.units])
    w = self.w
    for _ in range(2):
      x = x * self.scale
    return tf.matmul(x, w)


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, units, scale=1.0):
  """Google style: two spaces a level."""
  if x.shape[-1] is None:
    raise ValueError("block needs a known width")
  with tf.variable_scope("block"):
    w = tf.get_variable("w", [x.shape[-1], units])
    for _ in range(2):
      x = x * scale
    return tf.matmul(x, w)


class Build(nn.Module):
  def __init__(self, name="model"):
    super().__init__(name=name)
    self.block = Block(3, name=f"{name}/block")

  def __call__(self, x):
    return self.block(x)


# build: public, kept as TF1 code for callers elsewhere; Build above is its native form
def build(x):
  with tf.variable_scope("model"):
    return block(x, 3)
