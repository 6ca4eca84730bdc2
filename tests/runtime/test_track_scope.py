"""``unscope.track(fn, scope=...)``: a TF1 function run under a fixed enclosing scope (a
native parent's compat island), against the same function in TF1 graph mode."""
import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope import nn

V1 = tf.compat.v1
X = np.linspace(-1.0, 1.0, 8, dtype=np.float32).reshape(2, 4)


def l2(w):
    return 0.01 * tf.reduce_sum(tf.square(w))


def block(api, x):
    """2018-style TF1 block: a sub-scope, a regularized weight, a bias, a default_name scope.

    (No tf.layers: in this process TF1's layers are Keras 3's, which refuse TF1 use.)"""
    with api.variable_scope("inner"):
        w = api.get_variable("w", [4, 3], regularizer=l2)
    b = api.get_variable("b", [3], initializer=V1.constant_initializer(0.1))
    with api.variable_scope(None, default_name="fc"):
        k = api.get_variable("kernel", [4, 3])
    return tf.matmul(x, w) + b + tf.tanh(tf.matmul(x, k))


def value_for(name, shape):
    rng = np.random.RandomState(sum(map(ord, name)))
    return rng.uniform(-0.5, 0.5, size=shape).astype(np.float32)


def tf1_run(calls=1, outer=None):
    """The block under model/block in a TF1 graph (later calls under reuse=True)."""
    with tf.Graph().as_default():
        x = tf.constant(X)
        outs = []
        for i in range(calls):
            with V1.variable_scope("model"), V1.variable_scope("block", reuse=i > 0):
                outs.append(block(V1, x))
        variables = V1.global_variables()
        reg = V1.losses.get_regularization_loss()
        grads = V1.gradients(tf.add_n([tf.reduce_sum(o) for o in outs]), V1.trainable_variables())
        with V1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            out, reg_value, grad_values = sess.run((outs[-1], reg, grads))
        trainable = [v.name for v in V1.trainable_variables()]
    return ([(v.name, v.shape.as_list()) for v in variables], trainable, out, reg_value,
            dict(zip(trainable, grad_values)))


class Parent(nn.Module):
    """A native parent owning the island, as native mode writes it."""

    def __init__(self, name="model"):
        super().__init__(name=name)
        self.block = unscope.track(lambda x: block(unscope, x), name="block", scope=f"{name}/block")

    def __call__(self, x):
        return self.block(x)


def load_values(module):
    for v in module.variables:
        v.assign(value_for(v.name, v.shape.as_list()))


def test_island_names_values_and_gradients_match_tf1_eagerly():
    names, trainable, out, reg, grads = tf1_run()
    parent = Parent()
    parent(tf.constant(X))
    assert sorted((v.name, v.shape.as_list()) for v in parent.variables) == sorted(names)
    assert sorted(v.name for v in parent.trainable_variables) == sorted(trainable)
    load_values(parent)
    with tf.GradientTape() as tape:
        y = parent(tf.constant(X))
        total = tf.reduce_sum(y)
    np.testing.assert_allclose(y.numpy(), out, rtol=1e-6, atol=1e-6)
    got = dict(zip([v.name for v in parent.trainable_variables],
                   tape.gradient(total, parent.trainable_variables)))
    for name, g in grads.items():
        np.testing.assert_allclose(got[name].numpy(), g, rtol=1e-6, atol=1e-6, err_msg=name)
    # the parent's regularization losses include the island's (TF1's collection)
    np.testing.assert_allclose(float(tf.add_n(parent.regularization_losses)), reg, rtol=1e-6)


def test_second_call_shares_like_tf1_reuse():
    names, _, out, _, _ = tf1_run(calls=2)
    parent = Parent()
    parent(tf.constant(X))
    first = [id(v) for v in parent.variables]
    parent(tf.constant(X))
    assert [id(v) for v in parent.variables] == first
    assert sorted((v.name, v.shape.as_list()) for v in parent.variables) == sorted(names)
    load_values(parent)
    np.testing.assert_allclose(parent(tf.constant(X)).numpy(), out, rtol=1e-6, atol=1e-6)


def test_first_call_under_tf_function_names_like_tf1():
    names, _, out, _, _ = tf1_run()
    parent = Parent()
    step = tf.function(parent)
    step(tf.constant(X))
    step(tf.constant(X[:1]))  # a retrace maps to the same variables
    assert sorted((v.name, v.shape.as_list()) for v in parent.variables) == sorted(names)
    load_values(parent)
    np.testing.assert_allclose(step(tf.constant(X)).numpy(), out, rtol=1e-6, atol=1e-6)


def test_in_a_tf1_graph_the_fixed_scope_names_not_the_enclosing_one():
    names, _, out, _, _ = tf1_run()
    with tf.Graph().as_default():
        parent = Parent()
        with V1.variable_scope("elsewhere"):
            y = parent(tf.constant(X))
        assert sorted((v.name, v.shape.as_list()) for v in V1.global_variables()) == sorted(names)
        with V1.Session() as sess:
            for v in parent.variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            np.testing.assert_allclose(sess.run(y), out, rtol=1e-6, atol=1e-6)


def test_checkpoint_round_trip_as_an_attribute_of_the_parent(tmp_path):
    parent = Parent()
    parent(tf.constant(X))
    load_values(parent)
    expected = parent(tf.constant(X)).numpy()
    path = tf.train.Checkpoint(model=parent).save(str(tmp_path / "ckpt"))
    saved = {name for name, _ in tf.train.list_variables(path)}
    assert "model/block/tf1_variables/model.Sblock.Sinner.Sw/.ATTRIBUTES/VARIABLE_VALUE" in saved
    other = Parent()
    other(tf.constant(X))
    tf.train.Checkpoint(model=other).restore(path).assert_consumed()
    np.testing.assert_allclose(other(tf.constant(X)).numpy(), expected)


def test_without_scope_the_first_calls_enclosing_scope_still_names():
    with tf.Graph().as_default():
        island = unscope.track(lambda x: block(unscope, x))
        with V1.variable_scope("outer"):
            island(tf.constant(X))
        assert {v.name for v in island.variables} == {
            "outer/inner/w:0", "outer/b:0", "outer/fc/kernel:0"}


def test_a_scope_that_is_not_a_string_is_refused():
    with pytest.raises(TypeError, match="scope must be a TF1 scope path"):
        unscope.track(lambda x: x, scope=V1.VariableScope(False, name="model"))


def test_scope_defaults_apply_to_the_island_like_a_tf1_scope():
    """unscope.track(..., initializer=, regularizer=, dtype=) is variable_scope(scope, ...)."""
    init = V1.constant_initializer(0.25)

    def tf1(api, x):
        with api.variable_scope("model/block", initializer=init, regularizer=l2):
            return block(api, x)

    with tf.Graph().as_default():
        y = tf1(V1, tf.constant(X))
        names = sorted((v.name, v.shape.as_list()) for v in V1.global_variables())
        reg = V1.losses.get_regularization_loss()
        with V1.Session() as sess:
            sess.run(V1.global_variables_initializer())
            initial = {v.name: sess.run(v) for v in V1.global_variables()}
            out, reg_value = sess.run((y, reg))
    island = unscope.track(lambda x: block(unscope, x), scope="model/block", initializer=init,
                           regularizer=l2)
    got = island(tf.constant(X))
    assert sorted((v.name, v.shape.as_list()) for v in island.variables) == names
    for v in island.variables:
        np.testing.assert_allclose(v.numpy(), initial[v.name], err_msg=v.name)
    np.testing.assert_allclose(got.numpy(), out, rtol=1e-6)
    np.testing.assert_allclose(float(tf.add_n(island.regularization_losses)), reg_value, rtol=1e-6)


def test_a_partial_is_named_after_its_function():
    import functools

    island = unscope.track(functools.partial(block, unscope), scope="model")
    assert island.name == "block"


def test_share_runs_two_functions_on_one_store_like_one_tf1_graph():
    def embed(api, x):
        with api.variable_scope("embedding", reuse=api.AUTO_REUSE):
            return tf.matmul(x, api.get_variable("table", [4, 4]))

    def logits(api, h):
        with api.variable_scope("embedding", reuse=api.AUTO_REUSE):
            return tf.matmul(h, api.get_variable("table", [4, 4]), transpose_b=True)

    with tf.Graph().as_default():
        with V1.variable_scope("model"):
            y = logits(V1, embed(V1, tf.constant(X)))
        names = [v.name for v in V1.global_variables()]
        with V1.Session() as sess:
            for v in V1.global_variables():
                v.load(value_for(v.name, v.shape.as_list()), sess)
            out = sess.run(y)

    class Model(nn.Module):
        def __init__(self, name="model"):
            super().__init__(name=name)
            self.embed = unscope.track(lambda x: embed(unscope, x), scope=name)
            self.logits = unscope.track(lambda h: logits(unscope, h), scope=name, share=self.embed)

        def __call__(self, x):
            return self.logits(self.embed(x))

    model = Model()
    model(tf.constant(X))
    assert [v.name for v in model.variables] == names == ["model/embedding/table:0"]
    load_values(model)
    np.testing.assert_allclose(model(tf.constant(X)).numpy(), out, rtol=1e-6)
    with pytest.raises(TypeError, match="share must be another tracked function"):
        unscope.track(lambda x: x, share=model)
