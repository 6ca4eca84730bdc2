"""Calling conventions shared by both sides: mode arguments and output flattening."""
import collections

import pytest

from unscope.verify.calls import flatten, mode_kwargs


def f_training(x, training=True):
    return x


def f_is_training(x, *, is_training):
    return x


def f_plain(x):
    return x


@pytest.mark.parametrize("fn, training, expected", [
    (f_training, True, {"training": True}),
    (f_training, False, {"training": False}),   # default True is overridden: inference
    (f_is_training, True, {"is_training": True}),
    (f_plain, True, {}),
    (lambda x, **kw: x, True, {}),
])
def test_mode_kwargs(fn, training, expected):
    assert mode_kwargs(fn, training) == expected


def test_mode_kwargs_leaves_an_input_of_that_name():
    assert mode_kwargs(f_training, True, inputs={"training": 1}) == {}


Pair = collections.namedtuple("Pair", "left right")


@pytest.mark.parametrize("value, keys", [
    (1, ["output"]),
    ((1, 2), ["0", "1"]),
    ([1, None, 2], ["0", "2"]),
    ({"b": 1, "a": (2, 3)}, ["b", "a/0", "a/1"]),
    (Pair(1, {"z": 2}), ["left", "right/z"]),
    (None, []),
])
def test_flatten_keys(value, keys):
    assert [k for k, _ in flatten(value)] == keys
