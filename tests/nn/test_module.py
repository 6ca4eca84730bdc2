"""nn.Module: scope_name, identifier names, sharing by reference, regularization_losses."""
import numpy as np
import pytest
import tensorflow as tf

from unscope import nn
from unscope.nn.module import smart_cond


@pytest.mark.parametrize("scope, identifier", [
    ("model/h0/mlp", "mlp"), ("model/h0", "h0"), ("model/0", "_0"), ("a-b/c.d", "c_d"),
    ("LayerNorm", "LayerNorm"), ("model/h0/", "h0"),
])
def test_module_name_is_an_identifier_and_scope_name_the_path(scope, identifier):
    module = nn.Module(name=scope)
    assert module.name == identifier
    assert module.scope_name == scope.rstrip("/")


class Tower(nn.Module):
    def __init__(self, shared, name):
        super().__init__(name=name)
        self.shared = shared
        self.own = nn.Dense(2, kernel_regularizer=lambda w: 2.0 * tf.reduce_sum(w),
                            name=f"{name}/own")

    def __call__(self, x):
        return self.own(self.shared(x))


class Twin(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        shared = nn.Dense(3, kernel_regularizer=lambda w: tf.reduce_sum(tf.square(w)),
                          bias_regularizer=lambda b: None, name=f"{name}/shared")
        self.left = Tower(shared, f"{name}/left")
        self.right = Tower(shared, f"{name}/right")
        self.table = nn.variable(f"{name}/table", [4], initializer="ones",
                                 regularizer=lambda t: 0.5 * tf.reduce_sum(t))

    def __call__(self, x):
        return self.left(x) + self.right(x) + tf.reduce_sum(self.table)


def _manual_loss(twin):
    shared = twin.left.shared
    return (float(tf.reduce_sum(tf.square(shared.kernel)))
            + 2.0 * float(tf.reduce_sum(twin.left.own.kernel))
            + 2.0 * float(tf.reduce_sum(twin.right.own.kernel))
            + 0.5 * float(tf.reduce_sum(twin.table)))


def test_sharing_is_holding_the_same_object():
    twin = Twin()
    twin(tf.ones([2, 5]))
    names = sorted(v.name for v in twin.variables)
    assert names == sorted(set(names))
    assert names == ["model/left/own/bias:0", "model/left/own/kernel:0",
                     "model/right/own/bias:0", "model/right/own/kernel:0",
                     "model/shared/bias:0", "model/shared/kernel:0", "model/table:0"]


def test_regularization_losses_sum_over_submodules_once_per_variable():
    twin = Twin()
    twin(tf.ones([2, 5]))
    losses = twin.regularization_losses
    assert len(losses) == 4  # shared kernel once; the bias regularizer returned None
    np.testing.assert_allclose(float(tf.add_n(losses)), _manual_loss(twin), rtol=1e-6)
    assert len(twin.left.regularization_losses) == 2


def test_regularization_losses_follow_the_current_values():
    twin = Twin()
    twin(tf.ones([2, 5]))
    before = float(tf.add_n(twin.regularization_losses))
    twin.table.assign([3.0, 3.0, 3.0, 3.0])
    after = float(tf.add_n(twin.regularization_losses))
    np.testing.assert_allclose(after - before, 0.5 * 8.0, rtol=1e-5)
    np.testing.assert_allclose(after, _manual_loss(twin), rtol=1e-6)


def test_regularization_losses_inside_tf_function_with_gradients():
    twin = Twin()

    @tf.function(autograph=False)
    def step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(twin(x)) + tf.add_n(twin.regularization_losses)
        return loss, tape.gradient(loss, twin.table)

    loss, grad = step(tf.ones([2, 5]))
    eager = float(tf.reduce_sum(twin(tf.ones([2, 5])))) + _manual_loss(twin)
    np.testing.assert_allclose(float(loss), eager, rtol=1e-5)
    # 4 from the [2, 2] output the table's sum is broadcast into, 0.5 from the regularizer
    np.testing.assert_allclose(grad.numpy(), [4.5] * 4)


def test_module_without_regularizers_has_no_losses():
    dense = nn.Dense(2)
    dense(tf.ones([1, 2]))
    assert dense.regularization_losses == []


def test_shared_layer_called_from_two_places_creates_one_set_of_variables(tmp_path):
    twin = Twin()
    twin(tf.ones([2, 5]))
    path = tf.train.Checkpoint(model=twin).write(str(tmp_path / "c"))
    stored = [name for name, _ in tf.train.list_variables(path) if "shared" in name]
    assert len(stored) == 2  # kernel and bias, stored once


def test_smart_cond_is_static_when_it_can_be():
    calls = []
    assert smart_cond(True, lambda: calls.append("t") or 1, lambda: calls.append("f") or 0) == 1
    assert smart_cond(tf.constant(False), lambda: 1, lambda: 0) == 0
    assert calls == ["t"]

    @tf.function(autograph=False, input_signature=[tf.TensorSpec([], tf.bool)])
    def dynamic(flag):
        return smart_cond(flag, lambda: tf.constant(1), lambda: tf.constant(0))

    assert int(dynamic(tf.constant(True))) == 1 and int(dynamic(tf.constant(False))) == 0
    assert "If" in str([op.type for op in dynamic.get_concrete_function().graph.get_operations()])
