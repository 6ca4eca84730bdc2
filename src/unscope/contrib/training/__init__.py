"""`unscope.contrib.training`: replaces ``tf.contrib.training`` (HParams only)."""
from unscope.contrib.training.hparam import HParams, parse_values

__all__ = ["HParams", "parse_values"]
