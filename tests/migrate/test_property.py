"""Generated TF1 programs (scope trees, reuse modes, get_variable, tf.layers.dense) migrate to
programs that equal the original: same variables, same outputs with the same weights, in a
TF1 graph, eagerly through unscope.track and under tf.function."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.migrate import programs
from unscope.migrate import migrate_source

OP = st.one_of(
    st.tuples(st.just("var"), st.sampled_from(["w", "v"]),
              st.sampled_from(["", ", initializer=tf.zeros_initializer()",
                               ", initializer=tf.random_normal_initializer(0.0, 0.1)"])),
    st.tuples(st.just("dense"), st.sampled_from(["fc", "out"]), st.sampled_from(["None", "tf.nn.relu", "tf.tanh"])),
)
# how a block's scope is entered twice: a fresh scope then reuse=True, AUTO_REUSE twice,
# reuse_variables() on the scope object, or re-entering the captured scope object
REUSE = st.sampled_from(["once", "reuse_true", "auto_reuse", "reuse_variables", "scope_object"])
BLOCK = st.tuples(st.sampled_from(["a", "b", "enc"]), st.lists(OP, min_size=1, max_size=3), REUSE,
                  st.sampled_from([None, "inner"]))


def render(blocks) -> str:
    lines = ["import numpy as np", "import tensorflow.compat.v1 as tf", "",
             'INPUTS = {"x": np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)}', ""]
    for i, (_, ops, _, inner) in enumerate(blocks):
        lines.append(f"def block{i}(h):")
        body = []
        seen = set()
        for kind, name, extra in ops:
            if kind == "var":
                vname = name + str(len(seen))
                seen.add(vname)
                body.append(f'h = tf.tanh(tf.matmul(h, tf.get_variable("{vname}", [4, 4]{extra})))')
            else:
                lname = f"{name}{len(seen)}"
                seen.add(lname)
                body.append(f'h = tf.layers.dense(h, 4, activation={extra}, name="{lname}")')
        if inner:
            lines.append(f'    with tf.variable_scope("{inner}"):')
            lines += ["        " + b for b in body]
        else:
            lines += ["    " + b for b in body]
        lines += ["    return h", ""]
    lines.append("def build(x):")
    lines.append("    h, outs = x, []")
    used = {}
    for i, (scope, _, reuse, _) in enumerate(blocks):
        used[scope] = used.get(scope, 0) + 1
        name = scope if used[scope] == 1 else f"{scope}{used[scope]}"
        if reuse == "once":
            lines += [f'    with tf.variable_scope("{name}"):', f"        h = block{i}(h)"]
        elif reuse == "reuse_true":
            lines += [f'    with tf.variable_scope("{name}"):', f"        h = block{i}(h)",
                      f'    with tf.variable_scope("{name}", reuse=True):', f"        h = block{i}(h)"]
        elif reuse == "auto_reuse":
            lines += [f'    with tf.variable_scope("{name}", reuse=tf.AUTO_REUSE):',
                      f"        h = block{i}(h)", f"        h = block{i}(h)"]
        elif reuse == "reuse_variables":
            lines += [f'    with tf.variable_scope("{name}") as sc:', f"        h = block{i}(h)",
                      "        sc.reuse_variables()", f"        h = block{i}(h)"]
        else:
            lines += [f'    with tf.variable_scope("{name}") as sc{i}:', f"        h = block{i}(h)",
                      f"    with tf.variable_scope(sc{i}, reuse=True):", f"        h = block{i}(h)"]
        lines.append("    outs.append(h)")
    lines += ["    n = len(tf.trainable_variables())", "    return outs, tf.reduce_sum(h, 1, keep_dims=True) * n", ""]
    return "\n".join(lines)


@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(BLOCK, min_size=1, max_size=3))
def test_generated_programs_migrate_to_equal_programs(blocks):
    source = render(blocks)
    result = migrate_source(source)
    assert result.changed and result.error is None and result.findings == []
    assert "tf.variable_scope" not in result.code and "tf.layers" not in result.code
    assert migrate_source(result.code).code == result.code
    programs.assert_migration_equal(source, result.code)
