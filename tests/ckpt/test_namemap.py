"""Planning only: names, shapes and dtypes in, entries / drops / problems out."""
import hypothesis.strategies as st
import pytest
import tensorflow as tf
from hypothesis import given, settings

from unscope.ckpt.namemap import plan_to_tf1, plan_to_tf2, training_state_reason
from unscope.ckpt.rules import load_rules
from unscope.ckpt.variables import model_variables, partitioned_target

from tests.ckpt.models import part_shapes

# (checkpoint tensor, other tensors present, expected reason category or None)
TRAINING_STATE = [
    ("model/w/Adam", ["model/w"], "optimizer slot"),
    ("model/w/Adam_1", ["model/w"], "optimizer slot"),
    ("model/w/Momentum", ["model/w"], "optimizer slot"),
    ("model/w/RMSProp_1", ["model/w"], "optimizer slot"),
    ("model/w/Adagrad", ["model/w"], "optimizer slot"),
    ("model/w/Ftrl_1", ["model/w"], "optimizer slot"),
    ("model/w/adam_m", ["model/w"], "optimizer slot"),  # BERT's AdamWeightDecayOptimizer
    ("model/w/adam_v", ["model/w"], "optimizer slot"),
    ("beta1_power", [], "optimizer state"),
    ("beta2_power_1", [], "optimizer state"),
    ("train/beta1_power", [], "optimizer state"),
    ("model/w/ExponentialMovingAverage", ["model/w"], "moving average"),
    ("bn/moving_mean/biased", ["bn/moving_mean"], "moving average"),
    # not training state:
    ("model/w/Adam", [], None),  # a slot of nothing in the checkpoint
    ("model/Adam/w", ["model"], None),
    ("model/w/Adamant", ["model/w"], None),
    ("model/beta1_powered", [], None),
    ("model/w", [], None),
]


@pytest.mark.parametrize("name, others, category", TRAINING_STATE)
def test_training_state(name, others, category):
    reason = training_state_reason(name, set(others) | {name})
    assert (reason.split(":")[0] if reason else None) == category


def _vars(spec):
    return {name: tf.Variable(tf.zeros(shape, dtype), name=name) for name, (shape, dtype) in spec.items()}


def _plan(ckpt, model, rules=None, **kw):
    variables = _vars(model)
    shapes = {n: s for n, (s, _) in ckpt.items()}
    dtypes = {n: tf.as_dtype(d) for n, (_, d) in ckpt.items()}
    return plan_to_tf2(shapes, dtypes, variables, load_rules(rules), **kw)


F32 = "float32"


def test_exact_names_map_and_everything_is_accounted_for():
    ckpt = {"a/w": ((2, 3), F32), "a/w/Adam": ((2, 3), F32), "a/w/Adam_1": ((2, 3), F32),
            "global_step": ((), "int64"), "beta1_power": ((), F32)}
    plan = _plan(ckpt, {"a/w": ((2, 3), F32)})
    assert not plan.problems
    assert [(e.source, e.target.name) for e in plan.entries] == [("a/w", "a/w")]
    assert set(plan.dropped) == set(ckpt) - {"a/w"}
    assert plan.dropped["global_step"].startswith("global_step:")


def test_keep_global_step():
    ckpt = {"a/w": ((2,), F32), "global_step": ((), "int64")}
    assert _plan(ckpt, {"a/w": ((2,), F32)}, keep_global_step=True).global_step == "global_step"
    # a model variable of that name simply takes it
    plan = _plan(ckpt, {"a/w": ((2,), F32), "global_step": ((), "int64")})
    assert {e.source for e in plan.entries} == {"a/w", "global_step"} and not plan.dropped


def test_unmatched_and_unexplained_list_closest_candidates():
    plan = _plan({"enc/layer_0/w": ((2,), F32), "enc/layer_1/w": ((2,), F32)},
                 {"enc/layer0/w": ((2,), F32), "enc/layer_1/w": ((2,), F32)})
    by_kind = {p.kind: p for p in plan.problems}
    assert set(by_kind) == {"unmatched", "unexplained"}
    assert by_kind["unmatched"].name == "enc/layer0/w"
    assert by_kind["unmatched"].candidates[0] == "enc/layer_0/w"
    assert by_kind["unexplained"].name == "enc/layer_0/w"
    assert by_kind["unexplained"].candidates[0] == "enc/layer0/w"


def test_another_models_checkpoint_says_so_first():
    plan = _plan({"gan/d/w": ((2,), F32), "gan/d/b": ((2,), F32)}, {"model/w": ((2,), F32)})
    assert plan.problems[0].kind == "unrelated"
    assert "none of its 2 tensors" in plan.problems[0].message
    assert not plan.entries


@pytest.mark.parametrize("ckpt_dtype, model_dtype, allow_cast, kind", [
    ("float64", "float32", False, "dtype"),
    ("float64", "float32", True, None),
    ("int32", "float32", True, None),
    ("string", "float32", True, "dtype"),  # no cast can help
    ("float32", "float32", False, None),
])
def test_dtype(ckpt_dtype, model_dtype, allow_cast, kind):
    plan = _plan({"w": ((2,), ckpt_dtype)}, {"w": ((2,), model_dtype)}, allow_cast=allow_cast)
    assert [p.kind for p in plan.problems] == ([kind] if kind else [])
    if not kind:
        assert plan.entries[0].cast == (ckpt_dtype != model_dtype)


@pytest.mark.parametrize("ckpt_shape, model_shape", [((2, 3), (3, 2)), ((6,), (2, 3)), ((), (1,))])
def test_shape_mismatch(ckpt_shape, model_shape):
    plan = _plan({"w": (ckpt_shape, F32)}, {"w": (model_shape, F32)})
    [problem] = plan.problems
    assert problem.kind == "shape" and str(list(ckpt_shape)) in problem.message


def test_renamed_collision_is_a_problem():
    plan = _plan({"a/w": ((2,), F32), "b/w": ((2,), F32)}, {"c/w": ((2,), F32)},
                 rules={"rename": [{"from": "^[ab]/", "to": "c/"}]})
    assert [p.kind for p in plan.problems] == ["duplicate"]


def test_rule_drops_before_anything_else():
    plan = _plan({"w": ((2,), F32), "tower_1/w": ((2,), F32)}, {"w": ((2,), F32)},
                 rules={"drop": ["^tower_"]})
    assert not plan.problems and plan.dropped == {"tower_1/w": "rule: drop '^tower_'"}


def test_partitioned_model_variable_takes_the_full_tensor():
    model = {f"emb/part_{i}": (s, F32) for i, s in enumerate(part_shapes((10, 3), 3))}
    plan = _plan({"emb": ((10, 3), F32)}, model)
    [entry] = plan.entries
    assert entry.target.axis == 0 and entry.target.offsets == (0, 4, 7)
    assert entry.target.variable_names == ("emb/part_0", "emb/part_1", "emb/part_2")


@pytest.mark.parametrize("parts, full", [
    ({0: (4, 3), 1: (4, 3)}, (10, 3)),  # do not tile
    ({0: (5, 3), 2: (5, 3)}, (10, 3)),  # a part missing
    ({0: (5, 3), 1: (5, 2)}, (10, 3)),  # ragged
])
def test_bad_partitions(parts, full):
    model = {f"emb/part_{i}": (s, F32) for i, s in parts.items()}
    plan = _plan({"emb": (full, F32)}, model)
    assert [p.kind for p in plan.problems] == ["partition"]


def test_duplicate_model_names():
    class M(tf.Module):
        def __init__(self):
            self.a = tf.Variable(1.0, name="w")
            self.b = tf.Variable(2.0, name="w")
            self.shared = [self.a, self.a]  # the same variable twice is fine
    variables, problems = model_variables(M())
    assert list(variables) == ["w"] and [p.kind for p in problems] == ["duplicate"]


def test_plan_to_tf1_joins_parts_and_renames():
    variables = _vars({**{f"emb/part_{i}": (s, F32) for i, s in enumerate(part_shapes((7, 2), 2))},
                       "w": ((2,), F32), "skip/me": ((1,), F32)})
    plan = plan_to_tf1(variables, load_rules({"rename": [{"from": "^emb$", "to": "embedding"}],
                                              "drop": ["^skip/"]}))
    assert {e.dest: e.target.shape for e in plan.entries} == {"embedding": (7, 2), "w": (2,)}
    assert set(plan.dropped) == {"skip/me"}


@settings(max_examples=40, deadline=None)
@given(rank=st.integers(1, 3), data=st.data())
def test_parts_tile_along_the_axis_they_were_split(rank, data):
    full = tuple(data.draw(st.lists(st.integers(1, 6), min_size=rank, max_size=rank)))
    axis = data.draw(st.integers(0, rank - 1))
    n = data.draw(st.integers(1, full[axis]))
    base, extra = divmod(full[axis], n)
    shapes = []
    for i in range(n):
        s = list(full)
        s[axis] = base + (i < extra)
        shapes.append(tuple(s))
    variables = {f"v/part_{i}": tf.Variable(tf.zeros(s), name=f"v/part_{i}") for i, s in enumerate(shapes)}
    target = partitioned_target("v", {i: f"v/part_{i}" for i in range(n)}, variables, full)
    assert target.shape == full
    expected_axis = axis if n > 1 else 0
    assert target.axis == expected_axis
    sizes = [s[expected_axis] for s in shapes]
    assert list(target.offsets) == [sum(sizes[:i]) for i in range(n)]


def test_keep_global_step_prefers_the_top_level_one():
    ckpt = {"a/w": ((2,), F32), "global_step": ((), "int64"), "eval/global_step": ((), "int64")}
    plan = _plan(ckpt, {"a/w": ((2,), F32)}, keep_global_step=True)
    assert plan.global_step == "global_step"
    assert plan.dropped["eval/global_step"].startswith("global_step:")
