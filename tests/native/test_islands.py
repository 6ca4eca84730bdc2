"""Compat islands: a TF1 function native mode cannot prove safe stays TF1 inside its native
parent (``unscope.track(fn, scope=...)``). Each program runs in a TF1 graph (the oracle) and,
migrated with ``--mode native`` and imported, as a module: variable names, shapes, outputs
(eager and ``tf.function``), gradients, regularization losses and a checkpoint round trip
must equal TF1's. TF1 programs here use ``tf.get_variable`` only: in this process TF1's
``tf.layers`` are Keras 3's, which refuse TF1 use."""
from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from tests.native.programs import X, value_for
from tests.native.support import class_for, load
from unscope.migrate.engine import migrate_source
from unscope.migrate.functions import function_verdicts

V1 = tf.compat.v1

HEADER = "import tensorflow.compat.v1 as tf\n\nREG = lambda w: 0.01 * tf.reduce_sum(tf.square(w))  # noqa: E731\n\n\n"

# An island with its own scope: a custom getter keeps attention TF1; build calls it at
# "attn" twice (the second under reuse: one island, shared) and once per layer of a loop.
GETTER = HEADER + '''def half(getter, name, *args, **kwargs):
    return 0.5 * getter(name, *args, **kwargs)


def attention(x, scope, reuse=False):
    with tf.variable_scope(scope, reuse=reuse, custom_getter=half):
        q = tf.get_variable("q", [4, 4], regularizer=REG)
        return tf.tanh(tf.matmul(x, q))


def build(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [4, 4], regularizer=REG)
        h = tf.matmul(x, w)
        a = attention(h, "attn")
        b = attention(h * 2.0, "attn", reuse=True)
        for i in range(2):
            h = attention(h, "layer%d" % i)
        return a + b + h
'''

# Scope-less islands: a template of a TF1 function, a default_name scope TF1 uniquifies
# (d, d_1), and a helper whose variables land in the caller's scope.
SCOPELESS = HEADER + '''def plain(x):
    w = tf.get_variable("w", [4, 4], regularizer=REG)
    tf.add_to_collection("extras", w)
    return tf.tanh(tf.matmul(x, w))


def blk(x, name=None):
    with tf.variable_scope(name, default_name="d"):
        u = tf.get_variable("u", [4, 4], initializer=tf.constant_initializer(0.3))
        tf.add_to_collection("extras", u)
        return tf.matmul(x, u)


def build(x):
    t = tf.make_template("tmpl", plain)
    x = t(x) + t(2.0 * x)
    x = blk(x)
    x = blk(x)
    with tf.variable_scope("tail"):
        x = plain(x)
    with tf.variable_scope("loop", reuse=tf.AUTO_REUSE):
        for _ in range(2):
            x = blk(x)
    return x
'''

# A native function nested in another, holding the island; the island's callee is
# native-able and keeps its TF1 text for it.
NESTED = HEADER + '''def dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        b = tf.get_variable("b", [4], initializer=tf.constant_initializer(0.1))
        return tf.matmul(x, w) + b


def gated(x, scope):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [4], regularizer=REG)
        tf.add_to_collection("gates", g)
        return dense(x, "inner") * tf.sigmoid(g)


def block(x):
    with tf.variable_scope("block"):
        return gated(dense(x, "pre"), "gate")


def build(x):
    with tf.variable_scope("net"):
        return block(x) + dense(x, "skip")
'''


# Scope-level defaults reach an island: the runtime scope it runs under starts with them.
DEFAULTS = HEADER + '''def proj(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4])
        tf.add_to_collection("projections", w)
    return tf.matmul(x, w)


def build(x):
    with tf.variable_scope("a", initializer=tf.constant_initializer(0.5), regularizer=REG):
        x = proj(x, "p")
    return proj(x, "q")
'''


# The parent's own reuse flag passed on to the island: dropped with the parent's (sharing is
# holding the same Model, whose island maps its later calls to the first call's variables).
REUSE = HEADER + '''def half(getter, name, *args, **kwargs):
    return 0.5 * getter(name, *args, **kwargs)


def tower(x, reuse=False):
    with tf.variable_scope("tower", reuse=reuse, custom_getter=half):
        w = tf.get_variable("w", [4, 4], regularizer=REG)
        return tf.matmul(x, w)


def model(x, reuse=False):
    with tf.variable_scope("model", reuse=reuse):
        return tower(x, reuse)


def build(x):
    return model(x) + model(2.0 * x, reuse=True)
'''


def tf1_initial(source):
    """{name: initial value} in TF1 (the values its initializers give)."""
    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(source, "<tf1>", "exec"), namespace)
        namespace["build"](tf.constant(X))
        with V1.Session() as sess:
            sess.run(V1.global_variables_initializer())
            return {v.name: sess.run(v) for v in V1.global_variables()}


def tf1_run(source):
    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(source, "<tf1>", "exec"), namespace)
        out = namespace["build"](tf.constant(X))
        variables = V1.global_variables()
        trainable = V1.trainable_variables()
        reg = V1.losses.get_regularization_loss()
        grads = V1.gradients(tf.reduce_sum(out), trainable)
        with V1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            out_value, reg_value, grad_values = sess.run((out, reg, grads))
    return ({v.name: v.shape.as_list() for v in variables}, out_value, reg_value,
            dict(zip([v.name for v in trainable], grad_values)))


def migrate(source):
    result = migrate_source(source, "native", path="<islands>")
    assert result.error is None, result.error
    return result


def native_run(module, cls):
    model = getattr(module, cls)()
    model(tf.constant(X))
    names = [v.name for v in model.variables]
    assert len(names) == len(set(names)), names  # one tf.Variable per TF1 name
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    with tf.GradientTape() as tape:
        out = model(tf.constant(X))
        total = tf.reduce_sum(out)
    grads = tape.gradient(total, model.trainable_variables)
    losses = model.regularization_losses
    reg = float(tf.add_n(losses)) if losses else 0.0
    fn_out = tf.function(model)(tf.constant(X))
    return (model, {v.name: v.shape.as_list() for v in model.variables}, out.numpy(), fn_out.numpy(),
            reg, {v.name: g.numpy() for v, g in zip(model.trainable_variables, grads)})


def assert_like_tf1(source, tmp_path):
    shapes, out, reg, grads = tf1_run(source)
    result = migrate(source)
    module = load(result.code, tmp_path)
    model, n_shapes, n_out, fn_out, n_reg, n_grads = native_run(module, class_for(result, "build"))
    assert n_shapes == shapes
    np.testing.assert_allclose(n_out, out, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(fn_out, out, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(n_reg, reg, rtol=1e-5, atol=1e-6)
    assert set(n_grads) == set(grads)
    for name, g in grads.items():
        np.testing.assert_allclose(n_grads[name], g, rtol=1e-5, atol=1e-5, err_msg=name)
    return result, module, model


# A scope-less island whose scopes take their names from the caller's counters: each is the
# first of its kind in every scope it is called in, so the island's own scope there counts
# the same (a second call in one scope, "gate_1", keeps build TF1: test below).
COUNTED = HEADER + '''def gated(x):
    with tf.variable_scope(None, default_name="gate"):
        w = tf.get_variable("w", [4, 4], partitioner=tf.fixed_size_partitioner(2))
    with tf.variable_scope(None, default_name="mix"):
        m = tf.get_variable("m", [4, 4], regularizer=REG)
    return tf.matmul(tf.matmul(x, w), m)


def build(x):
    with tf.variable_scope("a"):
        h = gated(x)
    with tf.variable_scope("b"):
        return gated(h)
'''


@pytest.mark.parametrize("source", [GETTER, SCOPELESS, NESTED, DEFAULTS, REUSE, COUNTED],
                         ids=["getter", "scopeless", "nested", "defaults", "reuse", "counted"])
def test_islands_compute_what_tf1_computes(source, tmp_path):
    result, _, _ = assert_like_tf1(source, tmp_path)
    assert "unscope.track(" in result.code


def test_the_parents_reuse_flag_is_dropped_at_the_island_call():
    code = migrate(REUSE).code
    assert "return self.tower(x, False)" in code and "self.model(2.0 * x)" in code


def test_island_of_own_scope_is_one_submodule_per_scope_position(tmp_path):
    result, _, model = assert_like_tf1(GETTER, tmp_path)
    assert 'self.attn = unscope.track(attention, scope=name)' in result.code
    assert 'self.layer = [unscope.track(attention, scope=name) for _ in range(2)]' in result.code
    # the reuse=True call shares the first call's island; the loop has one per layer
    assert "self.attn(h * 2.0, \"attn\", reuse=True)" in result.code
    tracked = [m for m in model.submodules if type(m).__name__ == "Tracked"]
    assert len(tracked) == 3
    assert sorted(v.name for v in tracked[0].variables + tracked[1].variables + tracked[2].variables) == \
        ["model/attn/q:0", "model/layer0/q:0", "model/layer1/q:0"]


def test_scope_level_defaults_reach_the_island(tmp_path):
    result = migrate(DEFAULTS)
    assert "unscope.track(proj, scope=\"a\", initializer=tf.constant_initializer(0.5), regularizer=REG)" \
        in " ".join(result.code.split())   # the line is wrapped at 100 characters
    module = load(result.code, tmp_path)
    model = getattr(module, class_for(result, "build"))()
    model(tf.constant(X))
    initial = tf1_initial(DEFAULTS)
    got = {v.name: v.numpy() for v in model.variables}
    np.testing.assert_array_equal(got["a/p/w:0"], initial["a/p/w:0"])   # the scope's constant
    assert not np.allclose(got["q/w:0"], 0.5)                           # outside it: TF1's default
    assert len(model.regularization_losses) == 1                        # only a/p/w is regularized


def test_checkpoint_of_the_parent_holds_the_islands(tmp_path):
    result, module, model = assert_like_tf1(SCOPELESS, tmp_path)
    expected = model(tf.constant(X)).numpy()
    path = tf.train.Checkpoint(model=model).save(str(tmp_path / "ckpt"))
    fresh = getattr(module, class_for(result, "build"))()
    fresh(tf.constant(X))
    tf.train.Checkpoint(model=fresh).restore(path).assert_consumed()
    np.testing.assert_allclose(fresh(tf.constant(X)).numpy(), expected)


def test_island_runs_inside_a_tf1_graph(tmp_path):
    shapes, out, _, _ = tf1_run(GETTER)
    result = migrate(GETTER)
    module = load(result.code, tmp_path)
    with tf.Graph().as_default():
        model = getattr(module, class_for(result, "build"))()
        y = model(tf.constant(X))
        assert {v.name: v.shape.as_list() for v in V1.global_variables()} == shapes
        with V1.Session() as sess:
            for v in model.variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            np.testing.assert_allclose(sess.run(y), out, rtol=1e-5, atol=1e-5)


def test_tf1_form_root_keeps_its_native_callees_native(tmp_path):
    """build names a scope at run time: it stays TF1 (no native parent: no island), and
    dense, which it calls, becomes a class and keeps its TF1 text for it."""
    source = HEADER + '''def dense(x, scope):
    with tf.variable_scope(scope):
        w = tf.get_variable("w", [4, 4], regularizer=REG)
        return tf.matmul(x, w)


def build(x):
    name = "d" + str(x.shape[-1])
    with tf.variable_scope(name):
        return dense(dense(x, "a"), "b")
'''
    shapes, out, reg, _ = tf1_run(source)
    result = migrate(source)
    assert [c["function"] for c in result.classes] == ["dense"]
    module = load(result.code, tmp_path)
    import unscope

    model = unscope.track(module.build)
    model(tf.constant(X))
    assert {v.name: v.shape.as_list() for v in model.variables} == shapes
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    np.testing.assert_allclose(model(tf.constant(X)).numpy(), out, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(float(tf.add_n(model.regularization_losses)), reg, rtol=1e-5)
    verdicts = {v["name"]: v["verdict"] for v in
                function_verdicts(source, "<islands>", "native", result.findings, result.classes)}
    assert verdicts == {"dense": "native", "build": "tf1_form"}


def test_verdicts_say_compat_island_inside_the_parent():
    result = migrate(NESTED)
    assert sorted(c["function"] for c in result.classes) == ["block", "build", "dense"]
    rows = {v["name"]: v for v in function_verdicts(NESTED, "<islands>", "native", result.findings,
                                                    result.classes)}
    assert {n: r["verdict"] for n, r in rows.items()} == {
        "dense": "native", "gated": "compat_island", "block": "native", "build": "native"}
    assert "gated stays in TF1 form, a compat island inside Block" in rows["gated"]["reason"]


def test_island_at_a_run_time_scope_keeps_the_parent_tf1():
    source = HEADER + '''def gated(x, scope):
    with tf.variable_scope(scope):
        g = tf.get_variable("g", [4])
        tf.add_to_collection("gates", g)
        return x * g


def build(x):
    name = "g" + str(x.shape[-1])
    return gated(x, name)
'''
    result = migrate(source)
    assert result.classes == []
    messages = [f.message for f in result.findings]
    assert any("gated stays in TF1 form and its scope here is computed at run time (name), so it "
               "cannot be a compat island inside build" in m for m in messages), messages
    rows = {v["name"]: v["verdict"] for v in function_verdicts(source, "<islands>", "native",
                                                               result.findings, result.classes)}
    assert rows == {"gated": "tf1_form", "build": "tf1_form"}


@pytest.mark.parametrize("body, why", [
    ('    scale = tf.reduce_mean(x)\n'
     '    with tf.variable_scope("top", regularizer=lambda w: scale * tf.nn.l2_loss(w)):\n'
     '        return plain(x)\n', "is computed at run time; make it a module-level constant"),
    ('    return plain(x) + plain(x)\n', "tf.layers.dense (line 8) takes its TF1 name from build's counters"),
])
def test_island_whose_names_the_parent_cannot_fix_keeps_the_parent_tf1(body, why):
    source = HEADER + '''def plain(x):
    w = tf.get_variable("w", [4, 4], partitioner=tf.fixed_size_partitioner(2))
    return tf.layers.dense(tf.matmul(x, w), 4)


def build(x):
''' + body
    result = migrate(source)
    assert result.classes == []
    assert any(why in f.message and f.message.endswith("; build stays in TF1 form")
               for f in result.findings), [f.message for f in result.findings]


TIED = HEADER + '''def embed(x):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [4, 4], regularizer=REG)
        return tf.matmul(x, table)


def logits(h):
    with tf.variable_scope("embedding", reuse=tf.AUTO_REUSE):
        table = tf.get_variable("table", [4, 4])
        return tf.matmul(h, table, transpose_b=True)


def build(x):
    with tf.variable_scope("model"):
        return logits(tf.tanh(embed(x)))
'''


def test_two_islands_reaching_one_name_share_one_store(tmp_path):
    """TF1 shares model/embedding/table between two functions by name (the conflict check
    keeps both TF1): the second island runs on the first one's variables."""
    result, _, model = assert_like_tf1(TIED, tmp_path)
    assert "self.embedding_2 = unscope.track(logits, scope=name, share=self.embedding)" in result.code
    assert [v.name for v in model.variables] == ["model/embedding/table:0"]
