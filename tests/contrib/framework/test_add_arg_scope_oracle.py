"""unscope.contrib.framework.add_arg_scope behaves as tf_slim's (the maintained tf.contrib copy)."""
from __future__ import annotations

import tf_slim

from unscope.contrib import framework


def _scenario(add_arg_scope, arg_scope, has_arg_scope, arg_scoped_arguments):
    @add_arg_scope
    def layer(x, units=1, activation=None, scale=1.0):
        """A layer."""
        return (x, units, activation, scale)

    def plain(x, units=1):
        return x

    out = [layer.__name__, layer.__doc__, has_arg_scope(layer), has_arg_scope(plain),
           tuple(arg_scoped_arguments(layer)), layer(0)]
    with arg_scope([layer], units=4, activation="relu"):
        out.append(layer(1))
        out.append(layer(2, units=8))           # an explicit argument wins
        with arg_scope([layer], scale=0.5):     # nested scopes merge
            out.append(layer(3))
        with arg_scope([layer], units=2):       # an inner scope overrides
            out.append(layer(4))
    out.append(layer(5))                        # defaults are back after the scope
    try:
        with arg_scope([plain], units=3):
            pass
    except ValueError as exc:
        out.append(("ValueError", "not decorated with @add_arg_scope" in str(exc)))
    return out


def test_add_arg_scope_matches_tf_slim():
    expected = _scenario(tf_slim.add_arg_scope, tf_slim.arg_scope, tf_slim.has_arg_scope,
                         tf_slim.arg_scoped_arguments)
    actual = _scenario(framework.add_arg_scope, framework.arg_scope, framework.has_arg_scope,
                       framework.arg_scoped_arguments)
    assert actual == expected
    assert expected[-1] == ("ValueError", True)


def _positional_under_scope(impl):
    @impl.add_arg_scope
    def f(x, units=1):
        return units

    with impl.arg_scope([f], units=3):
        try:
            return f(0, 7)
        except TypeError as exc:
            return ("TypeError", "multiple values for argument 'units'" in str(exc))


def test_positional_argument_under_a_scope_fails_as_in_tf_slim():
    expected = _positional_under_scope(tf_slim)
    assert _positional_under_scope(framework) == expected
