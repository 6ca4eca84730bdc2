"""Make OLD and NEW draw the same random numbers (``same_random=True`` / ``--same-random``).

TensorFlow's stateful float samplers (``random_uniform``, ``random_standard_normal``,
``truncated_normal``: behind ``tf.random.*``, ``tf.nn.dropout`` and tf.layers' dropout) are
swapped for their stateless twins seeded with ``(seed, n)``, where n counts the draws made
since the call began. The n-th draw of OLD's graph and of NEW's call are then the same
numbers, provided both sides draw in the same order. Variable initializers (TF1 builds them
under an ``Initializer`` name scope) keep the real samplers and are not counted: their
values are overwritten by OLD's anyway. Samplers outside these three (Keras 3's seeded
generators, ``tf.random.Generator``) are not covered; OLD's remaining stateful ops are still
reported as not comparable.
"""
from __future__ import annotations

import contextlib

_NAMES = {
    "random_uniform": "stateless_random_uniform",
    "random_standard_normal": "stateless_random_normal",
    "truncated_normal": "stateless_truncated_normal",
}
_state = {"seed": 0, "count": 0, "originals": None}


def _in_initializer() -> bool:
    import tensorflow as tf

    if tf.executing_eagerly():
        return False
    scope = tf.compat.v1.get_default_graph().get_name_scope()
    return "Initializer" in scope.split("/")


def _patched(stateless, original):
    def sample(shape, dtype, seed=0, seed2=0, name=None):
        import tensorflow as tf

        if _in_initializer():
            return original(shape, dtype, seed=seed, seed2=seed2, name=name)
        count = _state["count"]
        _state["count"] += 1
        return stateless(shape=shape, seed=tf.constant([_state["seed"], count], tf.int64),
                         dtype=dtype, name=name)

    return sample


def install(seed: int) -> None:
    """Patch the samplers for the rest of the process (the worker)."""
    from tensorflow.python.ops import gen_random_ops, gen_stateless_random_ops

    if _state["originals"] is not None:
        reset(seed)
        return
    _state["originals"] = {name: getattr(gen_random_ops, name) for name in _NAMES}
    for name, stateless in _NAMES.items():
        setattr(gen_random_ops, name, _patched(getattr(gen_stateless_random_ops, stateless),
                                               _state["originals"][name]))
    reset(seed)


def uninstall() -> None:
    from tensorflow.python.ops import gen_random_ops

    if _state["originals"] is None:
        return
    for name, original in _state["originals"].items():
        setattr(gen_random_ops, name, original)
    _state["originals"] = None


def reset(seed: int) -> None:
    """Start counting draws again, as at the beginning of a call."""
    _state["seed"], _state["count"] = int(seed), 0


@contextlib.contextmanager
def drawing_same_numbers(seed: int):
    """Within the block, samplers are seeded per draw from `seed` (NEW's measured call)."""
    was_installed = _state["originals"] is not None
    install(seed)
    try:
        yield
    finally:
        if not was_installed:
            uninstall()
