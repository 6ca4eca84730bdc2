"""arg_scope: TF1 merge rules, explicit arguments win, scope dicts re-enter, errors."""
import pytest

from unscope.contrib import framework, layers
from unscope.contrib.framework import add_arg_scope, arg_scope, current_arg_scope


@add_arg_scope
def op(a, b=1, c=2, d=3):
    return (a, b, c, d)


@add_arg_scope
def other(a, b=1):
    return (a, b)


def plain(a, b=1):
    return (a, b)


def test_nesting_merges_and_explicit_kwargs_win():
    with arg_scope([op, other], b=10):
        assert op(0) == (0, 10, 2, 3)
        assert other(0) == (0, 10)
        with arg_scope([op], c=20, b=11):
            assert op(0) == (0, 11, 20, 3)
            assert op(0, b=5) == (0, 5, 20, 3)
            assert other(0) == (0, 10)
        assert op(0) == (0, 10, 2, 3)
    assert op(0) == (0, 1, 2, 3)


def test_positional_arguments_are_not_looked_at():
    with arg_scope([op], d=7):
        assert op(0, 1, 2) == (0, 1, 2, 7)
        with pytest.raises(TypeError):  # TF1 too: d given twice
            op(0, 1, 2, 4)


def test_scope_dict_reenters_and_is_keyed_by_function():
    with arg_scope([op], b=4) as sc:
        pass
    assert current_arg_scope() == {}
    assert sc == {framework.arg_scope_func_key(op): {"b": 4}}
    with arg_scope(sc):
        assert op(0) == (0, 4, 2, 3)
    with pytest.raises(ValueError, match="kwargs must be empty"):
        with arg_scope(sc, b=1):
            pass


def test_errors_and_stack_restored_after_an_exception():
    with pytest.raises(ValueError, match="not decorated with @add_arg_scope"):
        with arg_scope([plain], b=2):
            pass
    with pytest.raises(TypeError, match="list/tuple"):
        with arg_scope(op, b=2):
            pass
    with pytest.raises(RuntimeError):
        with arg_scope([op], b=9):
            raise RuntimeError
    assert op(0) == (0, 1, 2, 3)


def test_introspection():
    assert framework.has_arg_scope(op) and not framework.has_arg_scope(plain)
    assert framework.arg_scoped_arguments(op) == ("b", "c", "d")
    assert "weights_regularizer" in framework.arg_scoped_arguments(layers.fully_connected)
    assert op.__name__ == "op"


def test_layers_are_decorated_and_conv2d_is_its_own_key():
    for fn in (layers.fully_connected, layers.conv2d, layers.convolution, layers.batch_norm,
               layers.layer_norm, layers.max_pool2d, layers.avg_pool2d, layers.flatten,
               layers.dropout, layers.bias_add, layers.one_hot_encoding, layers.pool,
               framework.model_variable, framework.variable):
        assert framework.has_arg_scope(fn), fn
    assert layers.conv2d is layers.convolution2d
    keys = {framework.arg_scope_func_key(f) for f in (layers.conv1d, layers.conv2d, layers.conv3d,
                                                      layers.convolution)}
    assert len(keys) == 4
