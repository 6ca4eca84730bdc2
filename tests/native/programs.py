"""Generated TF1 programs (scopes, reuse, AUTO_REUSE, loops, default_name, templates,
get_variable with static and input-dependent shapes) and the two ways of running them.

Every generated program is valid TF1: it never creates a variable twice or reuses one that
does not exist. ``run_tf1`` runs it in a TF1 graph in this process; ``run_native`` runs the
migrated module eagerly; both give {variable name: shape} and the output with the same
weights (a function of the variable's name).
"""
from __future__ import annotations

import zlib

import numpy as np
from hypothesis import strategies as st

X = np.linspace(-1.0, 1.0, 8, dtype=np.float32).reshape(2, 4)
HEADER = "import tensorflow.compat.v1 as tf\n\n"


def value_for(name: str, shape) -> np.ndarray:
    rng = np.random.RandomState(zlib.crc32(name.encode()))
    return rng.uniform(-0.6, 0.6, size=shape).astype(np.float32)


# ---------------------------------------------------------------- helpers (callees)
def _variables(draw, indent: str) -> tuple[list[str], str]:
    """Lines making 1-2 variables under the current scope and an expression using them."""
    lines, expr = [], "x"
    for j, var in enumerate(draw(st.lists(st.sampled_from(["w", "u", "b"]), min_size=1, max_size=2, unique=True))):
        if var == "b":
            init = draw(st.sampled_from(["", ", initializer=tf.constant_initializer(0.1)"]))
            lines.append(f"{indent}{var} = tf.get_variable(\"{var}\", [4]{init})")
            expr = f"({expr} + {var})"
        else:
            shape = draw(st.sampled_from(["[4, 4]", "[x.shape[-1], 4]"]))
            lines.append(f"{indent}{var} = tf.get_variable(\"{var}\", {shape})")
            expr = f"tf.tanh(tf.matmul({expr}, {var}))"
    return lines, expr


@st.composite
def helper(draw, k: int, earlier: list):
    """def f<k>(x, ...): one of four shapes of TF1 helper."""
    kind = draw(st.sampled_from(["param", "literal", "plain", "default"]))
    name = f"f{k}"
    inner = "        "
    lines, expr = _variables(draw, inner)
    scoped = [h for h in earlier if h["kind"] != "plain"]
    if kind != "plain" and scoped and draw(st.booleans()):
        callee = draw(st.sampled_from(scoped))
        lines.append(f"{inner}x = {expr}")
        lines.append(f"{inner}x = {_call(draw, callee, 'x', 'inner')}")
        expr = "x"
    body = "\n".join(lines)
    if kind == "param":
        sig = f"def {name}(x, scope, reuse=False):"
        head = "    with tf.variable_scope(scope, reuse=reuse):"
    elif kind == "literal":
        sig = f"def {name}(x):"
        head = f"    with tf.variable_scope(\"blk{k}\", reuse=tf.AUTO_REUSE):"
    elif kind == "default":
        sig = f"def {name}(x, name=None):"
        head = f"    with tf.variable_scope(name, default_name=\"d{k}\"):"
    else:
        sig = f"def {name}(x):"
        # no scope of its own: variables land in the caller's scope
        body = "\n".join(line[4:] for line in lines)
        return {"name": name, "kind": kind,
                "source": f"{sig}\n{body}\n    return {expr}\n"}
    return {"name": name, "kind": kind,
            "source": f"{sig}\n{head}\n{body}\n        return {expr}\n"}


def _call(draw, h, arg, scope_name, reuse=False):
    if h["kind"] == "param":
        extra = ", reuse=True" if reuse else ""
        return f"{h['name']}({arg}, \"{scope_name}\"{extra})"
    if h["kind"] == "default":
        return f"{h['name']}({arg}, name=\"{scope_name}\")" if draw(st.booleans()) else f"{h['name']}({arg})"
    return f"{h['name']}({arg})"


# ---------------------------------------------------------------- build (the root)
@st.composite
def program(draw):
    helpers = []
    for k in range(draw(st.integers(1, 3))):
        helpers.append(draw(helper(k, list(helpers))))
    body = []
    used: set[str] = set()
    for s in range(draw(st.integers(1, 4))):
        h = draw(st.sampled_from(helpers))
        pattern = draw(st.sampled_from(["once", "shared", "loop", "scoped", "direct", "template",
                                        "dynamic"]))
        scope = f"s{s}"
        if pattern == "once" or (h["kind"] != "param" and pattern == "shared"):
            if h["kind"] == "plain":
                body.append(f"    with tf.variable_scope(\"{scope}\"):")
                body.append(f"        x = {_call(draw, h, 'x', scope)}")
            else:
                body.append(f"    x = {_call(draw, h, 'x', scope)}")
        elif pattern == "shared":
            body.append(f"    x = {_call(draw, h, 'x', scope)}")
            body.append(f"    x = {_call(draw, h, 'x', scope, reuse=True)}")
        elif pattern == "loop":
            if h["kind"] == "param":
                body.append("    for i in range(2):")
                body.append(f"        x = {h['name']}(x, \"{scope}_%d\" % i)")
            else:
                body.append(f"    with tf.variable_scope(\"{scope}\", reuse=tf.AUTO_REUSE):")
                body.append("        for _ in range(2):")
                body.append(f"            x = {_call(draw, h, 'x', 'loop')}")
        elif pattern == "scoped":
            call = _call(draw, h, 'x', 'a')
            body.append(f"    with tf.variable_scope(\"{scope}\") as vs_{s}:")
            body.append(f"        x = {call}")
            body.append(f"    with tf.variable_scope(vs_{s}, reuse=True):")
            body.append(f"        x = {call}")
        elif pattern == "dynamic":
            # a scope name computed at run time: native mode must keep this program in TF1 form
            body.append(f"    dyn{s} = \"dyn\" + str(len(x.shape) + {s})")
            body.append(f"    with tf.variable_scope(dyn{s}):")
            body.append(f"        x = x * tf.get_variable(\"v\", [4], initializer=tf.constant_initializer(0.5))")
        elif pattern == "template" and h["kind"] == "plain":
            body.append(f"    t{s} = tf.make_template(\"tmpl{s}\", {h['name']})")
            body.append(f"    x = t{s}(x) + t{s}(2.0 * x)")
        else:
            body.append(f"    with tf.variable_scope(None, default_name=\"direct\"):")
            body.append(f"        v{s} = tf.get_variable(\"v\", [4], initializer=tf.constant_initializer(0.5))")
            body.append(f"    x = x * v{s}")
        used.add(h["name"])
    source = HEADER + "\n\n".join(h["source"] for h in helpers) + "\n\ndef build(x):\n" + "\n".join(body) \
        + "\n    return x\n"
    return source


# ---------------------------------------------------------------- running
def run_tf1(source: str):
    import tensorflow as tf

    namespace: dict = {}
    with tf.Graph().as_default():
        exec(compile(source, "<tf1>", "exec"), namespace)
        out = namespace["build"](tf.constant(X))
        variables = tf.compat.v1.global_variables()
        with tf.compat.v1.Session() as sess:
            for v in variables:
                sess.run(v.initializer)
                v.load(value_for(v.name, v.shape.as_list()), sess)
            result = sess.run(out)
    return {v.name: v.shape.as_list() for v in variables}, result


def _initial_and_losses(model, initial):
    """{name: initial value} and the total regularization loss at the assigned weights."""
    import tensorflow as tf

    losses = model.regularization_losses
    return initial, float(tf.add_n(losses)) if losses else 0.0


def run_native(module, class_name: str, extra: bool = False):
    """``extra``: also the initial values and the regularization loss (see _initial_and_losses)."""
    import tensorflow as tf

    model = getattr(module, class_name)()
    model(tf.constant(X))
    initial = {v.name: v.numpy() for v in model.variables}
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    out = model(tf.constant(X))
    fn_out = tf.function(model)(tf.constant(X))
    names = [v.name for v in model.variables]
    assert len(names) == len(set(names)), names  # one tf.Variable per TF1 name
    shapes = {v.name: v.shape.as_list() for v in model.variables}
    if extra:
        return shapes, out.numpy(), fn_out.numpy(), _initial_and_losses(model, initial)
    return shapes, out.numpy(), fn_out.numpy()


# ---------------------------------------------------------------- programs with tf.layers
@st.composite
def layer_program(draw):
    """Helpers made of tf.layers.dense (named, unnamed, reused) called from build."""
    helpers = []
    for k in range(draw(st.integers(1, 2))):
        lines = []
        for j in range(draw(st.integers(1, 2))):
            named = draw(st.booleans())
            act = draw(st.sampled_from(["", ", activation=tf.nn.relu", ", use_bias=False"]))
            name = f", name=\"fc{j}\"" if named else ""
            lines.append(f"        x = tf.layers.dense(x, 4{act}{name})")
        reuse = draw(st.booleans())
        if reuse:
            helpers.append({"name": f"g{k}", "reuse": True, "source":
                            f"def g{k}(x, reuse=False):\n    with tf.variable_scope(\"g{k}\", reuse=reuse):\n"
                            + "\n".join(lines) + "\n        return x\n"})
        else:
            helpers.append({"name": f"g{k}", "reuse": False, "source":
                            f"def g{k}(x, scope):\n    with tf.variable_scope(scope):\n"
                            + "\n".join(lines) + "\n        return x\n"})
    body = []
    for s in range(draw(st.integers(1, 3))):
        h = draw(st.sampled_from(helpers))
        pattern = draw(st.sampled_from(["call", "twice", "loop", "direct"]))
        if pattern == "direct":
            body.append(f"    x = tf.layers.dense(x, 4, activation=tf.tanh)")
        elif h["reuse"]:
            body.append(f"    x = {h['name']}(x)")
            if pattern == "twice":
                body.append(f"    x = {h['name']}(x, reuse=True)")
            h["reuse"] = "used"
        elif pattern == "loop":
            body.append("    for i in range(2):")
            body.append(f"        x = {h['name']}(x, \"l{s}_%d\" % i)")
        else:
            body.append(f"    x = {h['name']}(x, \"s{s}\")")
    # a reuse helper may be called with reuse=False only once
    text = "\n".join(body)
    for h in helpers:
        if h["reuse"] and text.count(f"{h['name']}(x)") > 1:
            text = text.replace(f"{h['name']}(x)", f"{h['name']}(x, reuse=tf.AUTO_REUSE)")
    # scope-level defaults over everything: they reach every layer, in helpers too
    defaults = draw(st.sampled_from(["", "regularizer=REG", "initializer=tf.constant_initializer(0.2)",
                                     "initializer=tf.constant_initializer(0.2), regularizer=REG"]))
    header = HEADER
    if defaults:
        header += "REG = lambda w: 0.01 * tf.reduce_sum(tf.square(w))  # noqa: E731\n\n\n"
        text = f"    with tf.variable_scope(\"top\", {defaults}):\n" + "\n".join(
            "    " + line for line in text.splitlines())
    return header + "\n\n".join(h["source"] for h in helpers) + "\n\ndef build(x):\n" + text \
        + "\n    return x\n"


def run_runtime(source: str, extra: bool = False):
    """The TF1 source on the unscope runtime (tests/zoo/shim.py): TF1 names and sharing.
    ``extra``: also the initial values and the regularization loss."""
    import tensorflow as tf

    import unscope

    namespace: dict = {}
    exec(compile(source.replace("import tensorflow.compat.v1 as tf", "from tests.zoo.shim import tf"),
                 "<runtime>", "exec"), namespace)
    model = unscope.track(namespace["build"], name="build")
    model(tf.constant(X))
    initial = {v.name: v.numpy() for v in model.variables}
    for v in model.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    out = model(tf.constant(X))
    shapes = {v.name: v.shape.as_list() for v in model.variables}
    if extra:
        return shapes, out.numpy(), _initial_and_losses(model, initial)
    return shapes, out.numpy()
