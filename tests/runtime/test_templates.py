"""make_template outside the tracked call, shared by modules, retraced, checkpointed: as TF1."""
import numpy as np
import pytest
import tensorflow as tf

import unscope

X = np.array([[1.0, 2.0], [3.0, 4.0]], np.float32)


def scale_template(api):
    """A module-level template, 2018 style."""
    def scale(x):
        s = api.get_variable("s", [2], initializer=tf.compat.v1.constant_initializer([2.0, 3.0]))
        b = api.get_variable("b", [], initializer=tf.compat.v1.ones_initializer())
        return x * s + b
    return api.make_template("scale", scale)


def in_tf1(build):
    """build(api) -> fetches, in a fresh TF1 graph; returns (variable names, values of fetches)."""
    with tf.Graph().as_default():
        fetches = build(tf.compat.v1)
        with tf.compat.v1.Session() as sess:
            sess.run(tf.compat.v1.global_variables_initializer())
            names = [v.name for v in tf.compat.v1.global_variables()]
            return names, sess.run(fetches)


def test_module_level_template_reused_by_every_tracked_call():
    def tf1_build(api):
        scale = scale_template(api)
        with api.variable_scope("net"):
            first = scale(scale(tf.constant(X)))
        with api.variable_scope("net", reuse=True):
            second = scale(tf.constant(X))
        return first, second

    tf1_names, (tf1_first, tf1_second) = in_tf1(tf1_build)
    scale = scale_template(unscope)  # made eagerly, outside any tracked call

    @unscope.track
    def model(x, twice):
        with unscope.variable_scope("net", reuse=None if twice else True):
            return scale(scale(x)) if twice else scale(x)

    first = model(tf.constant(X), True)
    second = model(tf.constant(X), False)  # used to raise "Trainable variable created ..."
    again = model(tf.constant(X), True)
    assert [v.name for v in model.variables] == tf1_names == ["net/scale/s:0", "net/scale/b:0"]
    np.testing.assert_allclose(first, tf1_first)
    np.testing.assert_allclose(second, tf1_second)
    np.testing.assert_allclose(again, tf1_first)
    assert [v.name for v in scale.variables] == tf1_names


def test_template_called_in_two_tracked_modules_shares_its_variables():
    def tf1_build(api):
        scale = scale_template(api)
        with api.variable_scope("gen"):
            g = scale(tf.constant(X))
        with api.variable_scope("disc"):
            d = scale(tf.constant(X)) * 2.0
        return g, d

    tf1_names, (tf1_g, tf1_d) = in_tf1(tf1_build)
    scale = scale_template(unscope)

    def gen(x):
        with unscope.variable_scope("gen"):
            return scale(x)

    def disc(x):
        with unscope.variable_scope("disc"):
            return scale(x) * 2.0

    gen, disc = unscope.track(gen), unscope.track(disc)
    np.testing.assert_allclose(gen(tf.constant(X)), tf1_g)
    np.testing.assert_allclose(disc(tf.constant(X)), tf1_d)
    np.testing.assert_allclose(disc(tf.constant(X)), tf1_d)
    assert [v.name for v in gen.variables] == [v.name for v in disc.variables] == tf1_names
    assert all(a is b for a, b in zip(gen.variables, disc.variables))
    gen.variables[1].assign(5.0)  # one variable: training one module trains the other
    np.testing.assert_allclose(disc(tf.constant(X)), (X * [2.0, 3.0] + 5.0) * 2.0)


def test_template_under_tf_function_retrace_matches_tf1():
    inputs = [X, X[:1], np.ones([3, 2], np.float32)]

    def tf1_build(api):
        scale = scale_template(api)
        return [scale(tf.constant(x)) for x in inputs]

    tf1_names, tf1_outs = in_tf1(tf1_build)
    scale = scale_template(unscope)
    model = unscope.track(lambda x: scale(x))
    step = tf.function(model)
    outs = [step(tf.constant(x)) for x in inputs]
    assert step.experimental_get_tracing_count() >= 3  # every shape traced again
    assert [v.name for v in model.variables] == tf1_names
    for out, expected in zip(outs, tf1_outs):
        np.testing.assert_allclose(out, expected)


def test_template_is_trackable_checkpoint_round_trip(tmp_path):
    scale = scale_template(unscope)
    model = unscope.track(lambda x: scale(x))
    model(tf.constant(X))

    class Owner(tf.Module):
        def __init__(self):
            super().__init__()
            self.scale = scale

    owner = Owner()
    tf1_names, _ = in_tf1(lambda api: scale_template(api)(tf.constant(X)))
    assert sorted(v.name for v in owner.variables) == sorted(tf1_names)  # tf.Module sorts by key
    assert [v.name for v in scale.trainable_variables] == tf1_names
    scale.variables[0].assign([7.0, 8.0])
    path = tf.train.Checkpoint(t=scale).write(str(tmp_path / "t"))
    keys = {name for name, _ in tf.train.list_variables(path)}
    assert {"t/tf1_variables/scale.Ss/.ATTRIBUTES/VARIABLE_VALUE",
            "t/tf1_variables/scale.Sb/.ATTRIBUTES/VARIABLE_VALUE"} <= keys
    owner_path = tf.train.Checkpoint(owner=owner).write(str(tmp_path / "o"))
    scale.variables[0].assign([0.0, 0.0])
    tf.train.Checkpoint(t=scale).read(path).assert_consumed()
    np.testing.assert_array_equal(scale.variables[0].numpy(), [7.0, 8.0])
    np.testing.assert_allclose(model(tf.constant(X)), X * [7.0, 8.0] + 1.0)
    scale.variables[0].assign([0.0, 0.0])
    tf.train.Checkpoint(owner=owner).read(owner_path).assert_consumed()
    np.testing.assert_array_equal(scale.variables[0].numpy(), [7.0, 8.0])


def test_template_rejects_a_new_trainable_variable_with_tf1_wording():
    def build(api):
        def body():
            return tf.Variable(1.0, name="v") if api is unscope else tf.compat.v1.Variable(1.0, name="v")
        t = api.make_template("t", body)
        t()
        t()

    with tf.Graph().as_default():
        with pytest.raises(ValueError) as tf1_error:
            build(tf.compat.v1)
    with pytest.raises(ValueError) as ours:
        unscope.track(lambda: build(unscope))()
    expected = "Trainable variable created when calling a template after the first time"
    assert str(tf1_error.value).startswith(expected) and str(ours.value).startswith(expected)


def test_make_template_without_a_name_is_tf1_error():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match=r"^name cannot be None\.$"):
            tf.compat.v1.make_template(None, lambda: None)
    with pytest.raises(ValueError, match=r"^name cannot be None\.$"):
        unscope.make_template(None, lambda: None)
    with pytest.raises(ValueError, match=r"^name cannot be None\.$"):
        unscope.track(lambda: unscope.make_template(None, lambda: None))()


def test_create_scope_now_opens_no_name_scope_like_tf1():
    def build(api, x):
        t = api.make_template("scale", lambda v: tf.identity(v * api.get_variable(
            "s", [], initializer=tf.compat.v1.ones_initializer()), name="y"), create_scope_now_=True)
        return [t(x).name, t(x).name, t.variable_scope.name]

    with tf.Graph().as_default():
        expected = build(tf.compat.v1, tf.constant(1.0))
    box = []
    model = unscope.track(lambda x: box.append(build(unscope, x)))
    tf.function(model)(tf.constant(1.0))
    assert box[0] == expected == ["scale/y:0", "scale_1/y:0", "scale"]
