"""TF1 semantics beyond names: initializers, partitions, getters, regularizers, dtypes, errors."""
import numpy as np
import pytest
import tensorflow as tf

import unscope
from tests.runtime.oracle import assert_same_values, eager, tf1


@pytest.fixture(autouse=True)
def fresh_default_store():
    unscope.reset_default_store()
    yield
    unscope.reset_default_store()


def test_textbook_case_shares_one_variable():
    @unscope.track
    def model():
        with unscope.variable_scope("my_scope"):
            a = unscope.get_variable("my_var", [])
        with unscope.variable_scope("my_scope", reuse=True):
            b = unscope.get_variable("my_var", [])
        return a, b

    a, b = model()
    assert a is b and a.name == "my_scope/my_var:0"
    assert [v.name for v in model.variables] == ["my_scope/my_var:0"]
    assert model()[0] is a


def test_eager_default_store_keeps_graph_semantics_and_says_track():
    def build():
        with unscope.variable_scope("m"):
            return unscope.get_variable("w", [2])

    build()
    with pytest.raises(ValueError, match=r"Variable m/w already exists.*unscope\.track"):
        build()


def test_names_ignore_enclosing_name_scope_eager_and_function():
    model = unscope.track(lambda: unscope.get_variable("w", [1]))
    with tf.name_scope("outer"):
        assert model().name == "w:0"
    fmodel = unscope.track(lambda: unscope.get_variable("v", [1]).name)

    @tf.function
    def f():
        with tf.name_scope("inner"):
            return fmodel()

    f()
    assert fmodel.variables[0].name == "v:0"


INITIALIZERS = [
    ("tf1_constant", lambda: tf.compat.v1.constant_initializer(0.5)),
    ("tf2_constant", lambda: tf.initializers.Constant(0.25)),
    ("ones_class", lambda: tf.compat.v1.ones_initializer),
    ("truncated_seeded", lambda: tf.compat.v1.truncated_normal_initializer(seed=3)),
]


@pytest.mark.parametrize("kind,make", INITIALIZERS, ids=[k for k, _ in INITIALIZERS])
def test_initializers_match_tf1(kind, make):
    def fn(api):
        with api.variable_scope("s", initializer=make()):
            api.get_variable("scoped", [2, 3])
        api.get_variable("direct", [3], initializer=make())
        api.get_variable("count", [2], dtype=tf.int32)  # ints default to zeros
        api.get_variable("value", initializer=np.arange(4, dtype=np.float32))  # constant value

    tf1_values, _ = tf1(fn)
    ours, _ = eager(fn)
    if kind == "truncated_seeded":  # random ops: same names and shapes, values differ by design
        assert {k: v.shape for k, v in ours.items()} == {k: v.shape for k, v in tf1_values.items()}
    else:
        assert_same_values(tf1_values, ours)


def test_initializer_constant_with_shape_is_tf1_error():
    with pytest.raises(ValueError, match="If initializer is a constant, do not specify shape."):
        unscope.track(lambda: unscope.get_variable("x", [2], initializer=np.ones(2, np.float32)))()


@pytest.mark.parametrize("shape,shards", [([7, 3], 3), ([4], 2), ([5, 2], 1)])
def test_partitioned_variables_match_tf1(shape, shards):
    init = np.arange(np.prod(shape), dtype=np.float32).reshape(shape)

    def fn(api):
        with api.variable_scope("emb", partitioner=tf.compat.v1.fixed_size_partitioner(shards)):
            v = api.get_variable("table", initializer=tf.constant(init))
        with api.variable_scope("emb", reuse=True):
            again = api.get_variable("table")
        assert again is v
        return tf.convert_to_tensor(v) if hasattr(v, "as_tensor") else v.as_tensor()

    tf1_values, tf1_full = tf1(fn)
    ours, full = eager(fn)
    assert_same_values(tf1_values, ours)
    np.testing.assert_array_equal(full, tf1_full)
    np.testing.assert_array_equal(full, init)


def test_custom_getters_nest_inner_outermost_like_tf1():
    def fn(api):
        calls = []

        def getter(tag):
            def g(getter, name, *args, **kwargs):
                calls.append(f"{tag}>{name}")
                return getter(name, *args, **kwargs)
            return g

        with api.variable_scope("a", custom_getter=getter("outer")):
            with api.variable_scope("b", custom_getter=getter("inner")):
                api.get_variable("w", [1])
            api.get_variable("v", [1], custom_getter=getter("call"))
        fn.calls = calls

    tf1(fn)
    expected = fn.calls
    eager(fn)
    assert fn.calls == expected == ["inner>a/b/w", "outer>a/b/w", "call>a/v"]


def test_custom_getter_can_transform_the_variable():
    def scaled(getter, *args, **kwargs):
        return getter(*args, **kwargs) * 2.0

    @unscope.track
    def model():
        with unscope.variable_scope("m", custom_getter=scaled,
                                    initializer=tf.compat.v1.ones_initializer()):
            return unscope.get_variable("w", [2])

    np.testing.assert_array_equal(model().numpy(), [2.0, 2.0])
    assert [v.name for v in model.variables] == ["m/w:0"]


def test_regularizers_inside_call_and_after_match_tf1():
    l2 = lambda v: 0.5 * tf.reduce_sum(tf.square(v))  # noqa: E731

    def fn(api):
        with api.variable_scope("net", regularizer=l2, initializer=tf.compat.v1.constant_initializer(2.0)):
            api.get_variable("w", [3])
            api.get_variable("b", [2], regularizer=unscope.no_regularizer)
            with api.variable_scope("inner"):
                api.get_variable("k", [2, 2])
        with api.variable_scope("net", reuse=True):
            api.get_variable("w", [3])  # reuse adds no second loss (TF1)
        return tf.add_n(api.get_collection(api.GraphKeys.REGULARIZATION_LOSSES))

    _, tf1_total = tf1(fn)
    model = unscope.track(lambda: fn(unscope))
    total = model()
    assert float(total) == pytest.approx(float(tf1_total)) == pytest.approx(0.5 * (3 * 4 + 4 * 4))
    assert float(tf.add_n(model.regularization_losses)) == pytest.approx(float(tf1_total))
    assert float(tf.function(model)()) == pytest.approx(float(tf1_total))
    model.get_variable("net/w").assign([0.0, 0.0, 0.0])
    assert float(tf.add_n(model.regularization_losses)) == pytest.approx(0.5 * 16)


def test_dtype_inherits_from_scope_and_mismatch_raises_like_tf1():
    def fn(api):
        with api.variable_scope("d", dtype=tf.float64):
            v = api.get_variable("w", [2])
            with api.variable_scope("inner"):
                u = api.get_variable("u", [1])
        assert v.dtype.base_dtype == tf.float64 and u.dtype.base_dtype == tf.float64
        with api.variable_scope("d", reuse=True):
            api.get_variable("w", [2], dtype=tf.float32)

    for run in (tf1, eager):
        with pytest.raises(ValueError, match="Trying to share variable d/w, but specified dtype float32"):
            run(fn)


def test_shape_mismatch_on_reuse_raises_like_tf1():
    def fn(api):
        with api.variable_scope("s"):
            api.get_variable("w", [2, 3])
        with api.variable_scope("s", reuse=True):
            api.get_variable("w", [3, 2])

    for run in (tf1, eager):
        with pytest.raises(ValueError, match=r"Trying to share variable s/w, but specified shape \(3, 2\) and found shape \(2, 3\)"):
            run(fn)


def test_collections_scope_filter_local_and_trainability():
    def fn(api):
        with api.variable_scope("g"):
            api.get_variable("w", [1])
            api.get_variable("frozen", [1], trainable=False)
        with api.variable_scope("d"):
            api.get_variable("w", [1])
        api.get_local_variable("counter", [], dtype=tf.int32)
        keys = api.GraphKeys
        return {
            "trainable": [v.name for v in api.trainable_variables()],
            "global": [v.name for v in api.global_variables()],
            "g_only": [v.name for v in api.get_collection(keys.TRAINABLE_VARIABLES, scope="g")],
            "local": [v.name for v in api.get_collection(keys.LOCAL_VARIABLES)],
            "update_ops": len(api.get_collection(keys.UPDATE_OPS)),
        }

    with tf.Graph().as_default():
        expected = fn(tf.compat.v1)
    model = unscope.track(lambda: fn(unscope))
    assert model() == expected
    assert [v.name for v in model.trainable_variables] == ["g/w:0", "d/w:0"]
    assert {v.name for v in model.non_trainable_variables} == {"g/frozen:0", "counter:0"}


def test_auto_reuse_in_a_loop_and_reuse_variables():
    @unscope.track
    def model(x):
        for _ in range(3):
            with unscope.variable_scope("cell", reuse=unscope.AUTO_REUSE):
                x = x * unscope.get_variable("g", [], initializer=tf.compat.v1.constant_initializer(2.0))
        with unscope.variable_scope("rnn") as scope:
            for t in range(3):
                if t > 0:
                    scope.reuse_variables()
                x = x + unscope.get_variable("b", [], initializer=tf.compat.v1.ones_initializer())
        return x

    assert float(model(tf.constant(1.0))) == 8.0 + 3.0
    assert [v.name for v in model.variables] == ["cell/g:0", "rnn/b:0"]


def test_template_create_scope_now_and_unique_name_match_tf1():
    def fn(api):
        names = []

        def body(x):
            return x * api.get_variable("s", [], initializer=tf.compat.v1.ones_initializer())

        t1 = api.make_template("scale", body)
        t2 = api.make_template("scale", body, create_scope_now_=True)
        t3 = api.make_template("scale", body, unique_name_="fixed")
        for t in (t1, t1, t2, t3, t2):
            t(tf.constant(1.0))
            names.append(t.variable_scope.name)
        return names

    with tf.Graph().as_default():
        expected = fn(tf.compat.v1)
    assert unscope.track(lambda: fn(unscope))() == expected


def test_template_rejects_new_trainable_variables_after_first_call():
    state = {"n": 0}

    def body():
        state["n"] += 1
        return unscope.get_variable(f"v{state['n']}", [])

    @unscope.track
    def model():
        t = unscope.make_template("t", body)
        t()
        t()

    with pytest.raises(ValueError, match="does not exist"):
        model()


def test_errors_inside_one_call_match_tf1():
    def fn(api):
        api.get_variable("x", [1])
        api.get_variable("x", [1])

    with pytest.raises(ValueError, match="Variable x already exists, disallowed"):
        tf1(fn)
    with pytest.raises(ValueError, match="Variable x already exists, disallowed"):
        eager(fn)
    with pytest.raises(ValueError, match="reuse=True cannot be used without a name_or_scope"):
        unscope.track(lambda: unscope.variable_scope(None, default_name="d", reuse=True).__enter__())()
    with pytest.raises(TypeError, match="If default_name is None then name_or_scope is required"):
        unscope.variable_scope(None)
    with pytest.raises(ValueError, match="The reuse parameter must be True or False or None."):
        unscope.variable_scope("x", reuse="yes")


def test_plain_tf_variable_in_tracked_call_is_created_once():
    @unscope.track
    def model(x):
        with unscope.variable_scope("m"):
            step = tf.Variable(0, trainable=False, name="step")
            scale = tf.Variable(2.0, name="scale")
            other = tf.Variable(1.0, name="scale")  # TF1's graph made this m/scale_1
            step.assign_add(1)
            return x * scale * other, step

    model(1.0)
    _, step = model(1.0)
    assert int(step.numpy()) == 2
    assert [v.name for v in model.variables] == ["m/step:0", "m/scale:0", "m/scale_1:0"]
    assert [v.name for v in model.trainable_variables] == ["m/scale:0", "m/scale_1:0"]
    f = tf.function(model)
    f(1.0)
    assert int(step.numpy()) == 3 and len(model.variables) == 3


def test_regularization_losses_filter_by_scope_like_tf1():
    l2 = lambda v: tf.reduce_sum(v * v)  # noqa: E731

    def fn(api):
        for scope in ("gen", "disc"):
            with api.variable_scope(scope, regularizer=l2, initializer=tf.compat.v1.ones_initializer()):
                api.get_variable("w", [2 if scope == "gen" else 3])
        keys = api.GraphKeys.REGULARIZATION_LOSSES
        return [tf.add_n(api.get_collection(keys, scope=s)) for s in ("gen", "disc")]

    _, expected = tf1(fn)
    assert [float(x) for x in expected] == [2.0, 3.0]
    model = unscope.track(lambda: fn(unscope))
    assert [float(x) for x in model()] == [2.0, 3.0]
    assert [float(x) for x in tf.function(model)()] == [2.0, 3.0]


def test_auxiliary_name_scope_and_scope_constraint_match_tf1():
    clip = lambda t: tf.clip_by_value(t, 0.0, 1.0)  # noqa: E731

    def fn(api):
        with api.variable_scope("a", auxiliary_name_scope=False):
            a = api.get_variable("w", [1])
        with api.variable_scope("c", constraint=clip):
            c = api.get_variable("u", [1])
            with api.variable_scope("d"):  # TF1: a nested string scope does not inherit it
                d = api.get_variable("x", [1])
        with api.variable_scope("c", reuse=True) as again:
            pass
        fn.seen = [(v.name, v.constraint is not None) for v in (a, c, d)] + [again.name]

    with tf.Graph().as_default():
        fn(tf.compat.v1)
    expected = fn.seen
    unscope.track(lambda: fn(unscope))()
    assert fn.seen == expected == [("a/w:0", False), ("c/u:0", True), ("c/d/x:0", False), "c"]
