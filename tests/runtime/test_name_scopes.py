"""The name scopes a TF1 variable_scope opened, op names, plain tf.Variable names, name checks."""
import numpy as np
import pytest
import tensorflow as tf

import unscope


def traced(program):
    """program(api, x) run by a tracked module under tf.function; returns what it returned."""
    box = []
    model = unscope.track(lambda x: box.append(program(unscope, x)))
    tf.function(model)(tf.constant(1.0))
    return box[0], model


def in_tf1_graph(program):
    with tf.Graph().as_default():
        return program(tf.compat.v1, tf.constant(1.0))


def towers(api, x):
    """Re-entered scopes, a scope object, auxiliary_name_scope=False, default names."""
    seen = {}
    with api.variable_scope("tower") as tower:
        with tf.name_scope("inner"):
            y = tf.identity(x, name="y")
        seen["tower"] = tower.original_name_scope
    with api.variable_scope("tower") as again:
        z = tf.identity(x, name="z")
        seen["again"] = again.original_name_scope
    with api.variable_scope(tower) as reentered:
        r = tf.identity(x, name="r")
        seen["reentered"] = reentered.original_name_scope
    with api.variable_scope("outer"):
        with api.variable_scope("a", auxiliary_name_scope=False) as a:
            q = tf.identity(x, name="q")
            seen["aux_false"] = a.original_name_scope
        with api.variable_scope(a, auxiliary_name_scope=False):
            p = tf.identity(x, name="p")
        for i in range(2):
            with api.variable_scope(None, default_name="d") as d:
                seen[f"default{i}"] = (d.name, d.original_name_scope)
    with api.variable_scope("v"):
        with api.variable_scope("w"):
            with tf.name_scope("n"):
                k = tf.identity(x, name="k")
    seen["ops"] = [t.name for t in (y, z, r, q, p, k)]
    return seen


def test_tf_function_op_names_and_original_name_scope_match_tf1_graph():
    expected = in_tf1_graph(towers)
    assert expected["ops"][:2] == ["tower/inner/y:0", "tower_1/z:0"]  # the oracle itself
    ours, _ = traced(towers)
    assert ours == expected


def test_op_names_and_scope_names_stay_tf1_on_a_retrace():
    expected = in_tf1_graph(towers)
    box = []
    model = unscope.track(lambda x: box.append(towers(unscope, x)))
    step = tf.function(model)
    step(tf.constant(1.0))
    step(tf.constant([1.0, 2.0]))
    assert box[-1] == expected and len(box) >= 2


def test_eager_name_scopes_follow_variable_scopes_like_tf1():
    def program(api, x):
        with api.variable_scope("tower"):
            with tf.name_scope("inner"):
                inner = tf.compat.v1.get_default_graph().get_name_scope() if api is tf.compat.v1 \
                    else tf.get_current_name_scope()
            with api.variable_scope("a", auxiliary_name_scope=False) as a:
                aux = a.original_name_scope
        with api.variable_scope(None, default_name="d") as d:
            default = d.original_name_scope
        return [inner, aux, default]

    expected = in_tf1_graph(program)
    assert expected == ["tower/inner", "tower/", "d/"]
    assert unscope.track(lambda: program(unscope, None))() == expected
    assert tf.get_current_name_scope() == ""  # nothing leaks out of the call


def plain_variables(api, x):
    """Plain tf.Variables named by TF1's graph name scope."""
    Variable = tf.compat.v1.Variable if api is tf.compat.v1 else tf.Variable
    made = []
    with tf.name_scope("dense"):
        made.append(Variable(lambda: tf.ones([2]), name="kernel"))
    with api.variable_scope("m"):
        made.append(Variable(0, name="step", trainable=False))
        made.append(api.get_variable("scale", [], initializer=tf.compat.v1.ones_initializer()))
        made.append(Variable(2.0, name="scale"))  # TF1: the op name m/scale is taken
        with tf.name_scope("inner"):
            made.append(Variable(3.0))
    return [v.name for v in made]


def test_plain_tf_variable_is_named_by_the_name_scope_like_tf1():
    expected = in_tf1_graph(plain_variables)
    assert expected[0] == "dense/kernel:0"
    eager_model = unscope.track(lambda: plain_variables(unscope, None))
    assert eager_model() == expected
    assert eager_model() == expected  # second call: the same variables
    assert len(eager_model.variables) == len(expected)
    ours, traced_model = traced(plain_variables)
    assert ours == expected


def reentered_plain(api, x):
    Variable = tf.compat.v1.Variable if api is tf.compat.v1 else tf.Variable
    names = []
    for _ in range(2):
        with tf.name_scope("layer"):
            names.append(Variable(1.0, name="W").name)
    return names


def test_plain_variables_in_re_entered_name_scopes():
    expected = in_tf1_graph(reentered_plain)
    assert expected == ["layer/W:0", "layer_1/W:0"]
    ours, model = traced(reentered_plain)  # graphs make name scopes unique: TF1's names
    assert ours == expected
    eager = unscope.track(lambda: reentered_plain(unscope, None))
    # Eagerly name scopes are never made unique (README: known differences), so TF1's
    # op-name rule applies to the variable name instead; the count and sharing hold.
    assert eager() == ["layer/W:0", "layer/W_1:0"]
    assert len(eager.variables) == 2


@pytest.mark.parametrize("first", ["eager", "function"])
def test_plain_variables_found_again_whichever_mode_made_them(first):
    model = unscope.track(lambda: reentered_plain(unscope, None))
    step = tf.function(model)
    calls = [model, step] if first == "eager" else [step, model]
    for call in calls + calls:
        call()
    assert len(model.variables) == 2


INVALID = {
    "root_underscore": lambda api: _enter(api, "_"),
    "root_space": lambda api: _enter(api, "a b"),
    "root_dash": lambda api: _enter(api, "-x"),
    "nested_space": lambda api: _enter(api, "a", "b c"),
    "nested_underscore_ok": lambda api: _enter(api, "a", "_b", variable="w"),
    "variable_underscore": lambda api: api.get_variable("_x", [1]).name,
    "variable_colon": lambda api: _enter(api, "a", variable="w:0"),
    "variable_space": lambda api: api.get_variable("a b", [1]).name,
    "reuse_of_valid": lambda api: _enter(api, "ok", variable="w"),
}


def _enter(api, *scopes, variable=None):
    if not scopes:
        return api.get_variable(variable, [1]).name
    with api.variable_scope(scopes[0]):
        return _enter(api, *scopes[1:], variable=variable)


def _outcome(fn):
    try:
        return ("ok", fn())
    except (ValueError, TypeError) as exc:
        return (type(exc).__name__, str(exc))


@pytest.mark.parametrize("case", list(INVALID))
def test_invalid_names_raise_tf1_errors_eagerly_and_in_functions(case):
    with tf.Graph().as_default():
        expected = _outcome(lambda: INVALID[case](tf.compat.v1))
    eager = unscope.track(lambda: _outcome(lambda: INVALID[case](unscope)))
    assert eager() == expected
    box = []
    in_function = unscope.track(lambda: box.append(_outcome(lambda: INVALID[case](unscope))))
    tf.function(in_function)()
    assert box[0] == expected
    if case == "root_underscore":
        assert expected[1].startswith("'_' is not a valid root scope name.")


def improper_nesting(api, x):
    """TF1's sequence: an inner scope left open, the outer exited (error), then both closed."""
    log = []
    a = api.variable_scope("a")
    a.__enter__()
    b = api.variable_scope("b")
    b.__enter__()
    try:
        a.__exit__(None, None, None)
    except RuntimeError as exc:
        log.append(str(exc))
    log.append(api.get_variable_scope().name)
    b.__exit__(None, None, None)
    a.__exit__(None, None, None)
    log.append(api.get_variable_scope().name)
    with api.variable_scope("c"):
        log.append(api.get_variable("w", [1]).name)
        log.append(tf.identity(x, name="y").name)
    with api.variable_scope("c", reuse=True):
        log.append(api.get_variable("w", [1]).name)
    return log


def test_scopes_work_after_an_improper_nesting_error_like_tf1():
    expected = in_tf1_graph(improper_nesting)
    assert expected[0] == "Improper nesting of variable_scope."
    assert expected[2] == "" and expected[3] == "c/w:0"
    ours, model = traced(improper_nesting)
    assert ours == expected  # op names included: TF1 left the name scope as it did


def test_eager_improper_nesting_keeps_variable_scopes_usable():
    def program():
        log = []
        a = unscope.variable_scope("a")
        a.__enter__()
        b = unscope.variable_scope("b")
        b.__enter__()
        with pytest.raises(RuntimeError, match=r"^Improper nesting of variable_scope\.$"):
            a.__exit__(None, None, None)
        b.__exit__(None, None, None)
        a.__exit__(None, None, None)
        with unscope.variable_scope("c"):
            log.append(unscope.get_variable("w", [1]).name)
        log.append(unscope.get_variable_scope().name)
        return log

    with tf.Graph().as_default():
        v1 = tf.compat.v1
        a = v1.variable_scope("a")
        a.__enter__()
        b = v1.variable_scope("b")
        b.__enter__()
        with pytest.raises(RuntimeError, match=r"^Improper nesting of variable_scope\.$"):
            a.__exit__(None, None, None)
        b.__exit__(None, None, None)
        a.__exit__(None, None, None)
        with v1.variable_scope("c"):
            expected = [v1.get_variable("w", [1]).name]
        expected.append(v1.get_variable_scope().name)
    model = unscope.track(program)
    with tf.name_scope("caller"):
        assert model() == expected == ["c/w:0", ""]
        # TF1 left the name scope at a/ (a graph's, gone with it); eagerly the name scope is
        # the thread's, so the call puts the caller's back
        assert tf.get_current_name_scope() == "caller"
    assert model() == expected
    assert tf.get_current_name_scope() == ""


def test_variable_names_still_ignore_name_scopes():
    def program(api, x):
        with tf.name_scope("ns"):
            with api.variable_scope("vs"):
                return api.get_variable("w", [1]).name

    assert traced(program)[0] == in_tf1_graph(program) == "vs/w:0"
    np.testing.assert_equal(unscope.track(lambda: program(unscope, None))(), "vs/w:0")
