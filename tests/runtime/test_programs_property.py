"""Random TF1 scope programs: unscope and TF1 must agree on every outcome, errors included."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.runtime import programs

# Variable names and scope names are disjoint: in a TF1 graph a variable whose full name
# equals an already used *name scope* gets an op-uniquified .name (`a_1:0`), a graph
# op-naming quirk unscope does not reproduce (documented in the README).
NAMES = st.sampled_from(["a", "b", "w"])
SCOPES = st.sampled_from(["s", "t", "u"])
SHAPES = st.sampled_from([[2], [3], [2, 2], []])
REUSE = st.sampled_from([None, "T", "F", "A"])
DTYPE = st.sampled_from([None, None, None, "f64", "i32"])


def ops(children):
    leaf = st.one_of(
        st.tuples(st.just("var"), NAMES, SHAPES, DTYPE, st.booleans()),
        st.tuples(st.just("reuse_vars")),
    )
    node = st.one_of(
        st.tuples(st.just("scope"), st.one_of(st.none(), SCOPES), st.just("s"), REUSE, children),
        st.tuples(st.just("scope"), SCOPES, st.none(), REUSE, children),
        st.tuples(st.just("reenter"), st.integers(0, 1), REUSE, children),
        st.tuples(st.just("reenter"), st.just(0), REUSE, children),
        st.tuples(st.just("name_scope"), st.sampled_from(["n", "s"]), children),
        st.tuples(st.just("template"), SCOPES, st.integers(1, 2), children),
    )
    return st.lists(st.one_of(leaf, node), max_size=3)


PROGRAMS = st.recursive(st.lists(st.tuples(st.just("var"), NAMES, SHAPES, DTYPE, st.booleans()), max_size=2),
                        ops, max_leaves=16)
COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@settings(max_examples=300, **COMMON)
@given(PROGRAMS)
def test_eager_track_matches_tf1(program):
    expected = programs.run_tf1(program)
    (first, second), module = programs.run_unscope_eager(program)
    assert first == expected
    assert second == expected  # a later call maps to the same variables, same errors
    created = [e[1] for e in expected if e[0] == "var"]
    assert {v.name for v in module.variables} == set(created)


@settings(max_examples=30, **COMMON)
@given(PROGRAMS)
def test_tf_function_track_matches_tf1(program):
    expected = programs.run_tf1(program)
    log, _ = programs.run_unscope_function(program)
    assert log == expected


@settings(max_examples=60, **COMMON)
@given(PROGRAMS)
def test_graph_delegation_matches_tf1(program):
    assert programs.run_unscope_graph(program) == programs.run_tf1(program)
