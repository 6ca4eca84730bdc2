"""The name map: which tensor fills which variable, what is dropped and why, what is wrong.

Planning reads names, shapes and dtypes only; no tensor is read until the whole map is sound.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import tensorflow as tf

from unscope.ckpt.errors import Problem
from unscope.ckpt.rules import Rules
from unscope.ckpt.variables import Target, part_groups, partitioned_target, single_target

# TF1 slot variables are named "<variable>/<optimizer name>", the second slot with "_1".
_SLOT = re.compile(
    r"^(?P<base>.+)/(?P<slot>(?:Adam|LazyAdam|AdamW|Nadam|Momentum|RMSProp|Adagrad|AdagradDA|Adadelta"
    r"|Ftrl|ProximalAdagrad|LARS|LAMB|Lamb|Adafactor|adafactor_v[rc]?|adam_[mv]|lamb_[mv])(?:_\d+)?)$")
_OPTIMIZER_STATE = re.compile(r"(?:^|/)(?:beta[12]_power|current_loss_scale|good_steps)(?:_\d+)?$")
_AVERAGE = re.compile(r"^(?P<base>.+)/(?P<what>ExponentialMovingAverage|biased|local_step)$")
_GLOBAL_STEP = re.compile(r"(?:^|/)global_step$")


@dataclass(frozen=True)
class Entry:
    """``source`` (a name on the source side) fills ``target``; ``dest`` is the written name."""

    source: str
    target: Target
    shape: tuple
    dtype: tf.DType
    dest: str
    cast: bool = False


@dataclass
class Plan:
    entries: list[Entry] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    global_step: str | None = None  # source tensor kept as the root-level ``global_step``


def training_state_reason(name: str, names) -> str | None:
    """Why a checkpoint tensor that no variable wants is training state, or None."""
    match = _SLOT.match(name)
    if match and match.group("base") in names:
        return f"optimizer slot: {match.group('slot')} of {match.group('base')}"
    if _OPTIMIZER_STATE.search(name):
        return f"optimizer state: {name.rsplit('/', 1)[-1]}"
    match = _AVERAGE.match(name)
    if match and match.group("base") in names:
        return (f"moving average: {match.group('what')} of {match.group('base')} (to use averaged "
                "weights, rename these onto the variables and drop the originals)")
    return None


def plan_to_tf2(shapes: dict, dtypes: dict, variables: dict, rules: Rules, *,
                keep_global_step: bool = False, allow_cast: bool = False,
                optimizer_given: bool = False) -> Plan:
    """Map TF1 checkpoint tensors (``shapes``/``dtypes`` by name) onto model ``variables``.

    ``optimizer_given``: ``variables`` include an optimizer's slots and state, so optimizer
    state that none of them takes is a problem (another optimizer, or another ``name=``), not
    something to drop.
    """
    plan = Plan()
    groups = {base: parts for base, parts in part_groups(variables).items() if base not in variables}
    claimed: dict[str, str] = {}  # target name -> source tensor
    unexplained: dict[str, str] = {}  # source -> renamed
    steps = [n for n in sorted(shapes) if _GLOBAL_STEP.search(n) and not shapes[n]]
    kept_step = "global_step" if "global_step" in steps else (steps[0] if steps else None)
    for source in sorted(shapes):
        pattern = rules.dropped_by(source)
        if pattern is not None:
            plan.dropped[source] = f"rule: drop {pattern!r}"
            continue
        dest = rules.rename(source)
        target = None
        if dest in variables:
            target = single_target(dest, variables[dest])
        elif dest in groups:
            target = partitioned_target(dest, groups[dest], variables, shapes[source])
            if isinstance(target, Problem):
                plan.problems.append(target)
                claimed[dest] = source
                continue
        if target is not None:
            if dest in claimed:
                plan.problems.append(Problem("duplicate", dest, f"checkpoint tensors {claimed[dest]!r} "
                                             f"and {source!r} both map to this variable; fix the rename rules"))
                continue
            claimed[dest] = source
            entry = _check(source, shapes[source], dtypes[source], target, dest, allow_cast, plan.problems)
            if entry is not None:
                plan.entries.append(entry)
            continue
        if _GLOBAL_STEP.search(source) and not shapes[source]:
            if keep_global_step and source == kept_step:
                plan.global_step = source
            else:
                plan.dropped[source] = ("global_step: not a model variable (keep it with "
                                        "keep_global_step=True, --keep-global-step)")
            continue
        reason = training_state_reason(source, shapes)
        if reason and optimizer_given and reason.startswith("optimizer"):
            plan.problems.append(Problem(
                "unexplained", source, f"{reason}, but the optimizer has no such variable (a different "
                "optimizer, or another name=?)", closest(dest, [v for v in variables if v not in claimed])))
        elif reason:
            plan.dropped[source] = reason
        else:
            unexplained[source] = dest
    wanted = [name for name in variables if name not in claimed and not _is_claimed_part(name, claimed)]
    _report_unmatched(plan, wanted, unexplained, shapes, variables)
    return plan


def plan_to_tf1(variables: dict, rules: Rules) -> Plan:
    """Map model ``variables`` onto TF1 names; partitioned parts are joined under their base."""
    plan = Plan()
    groups = {base: parts for base, parts in part_groups(variables).items() if base not in variables}
    in_group = {name for parts in groups.values() for name in parts.values()}
    sources = [(n, single_target(n, v)) for n, v in variables.items() if n not in in_group]
    for base, parts in groups.items():
        target = partitioned_target(base, parts, variables)
        if isinstance(target, Problem):
            plan.problems.append(target)
        else:
            sources.append((base, target))
    written: dict[str, str] = {}
    for source, target in sorted(sources, key=lambda item: item[0]):
        pattern = rules.dropped_by(source)
        if pattern is not None:
            plan.dropped[source] = f"rule: drop {pattern!r}"
            continue
        dest = rules.rename(source)
        if dest in written:
            plan.problems.append(Problem("duplicate", dest, f"model variables {written[dest]!r} and "
                                         f"{source!r} would both be written under this name; fix the rename rules"))
            continue
        written[dest] = source
        plan.entries.append(Entry(source, target, target.shape, target.dtype, dest))
    return plan


def _check(source, shape, dtype, target: Target, dest, allow_cast, problems) -> Entry | None:
    shape, dtype = tuple(shape), tf.as_dtype(dtype)
    which = f" ({target.name!r})" if target.name != source else ""
    if not _same_shape(shape, target.shape):
        problems.append(Problem("shape", source, f"shape {list(shape)} in the checkpoint, "
                                f"{list(target.shape)} in the model{which}"))
        return None
    cast = dtype != target.dtype
    if cast and not (allow_cast and _castable(dtype, target.dtype)):
        how = ("pass allow_cast=True (--allow-cast) to cast" if _castable(dtype, target.dtype)
               else "these types cannot be cast")
        problems.append(Problem("dtype", source, f"dtype {dtype.name} in the checkpoint, "
                                f"{target.dtype.name} in the model{which}; {how}"))
        return None
    return Entry(source, target, shape, dtype, dest, cast)


def _same_shape(shape, model_shape) -> bool:
    return len(shape) == len(model_shape) and all(m is None or m == s for s, m in zip(shape, model_shape))


def _castable(a: tf.DType, b: tf.DType) -> bool:
    def numeric(d):
        return d.is_floating or d.is_integer or d.is_complex or d.is_bool
    return numeric(a) and numeric(b)


def _is_claimed_part(name: str, claimed: dict) -> bool:
    base, sep, part = name.rpartition("/part_")
    return bool(sep) and part.isdigit() and base in claimed


def closest(name: str, pool, n: int = 3) -> tuple[str, ...]:
    return tuple(difflib.get_close_matches(name, list(pool), n=n, cutoff=0.5))


def _report_unmatched(plan: Plan, wanted, unexplained: dict, shapes, variables) -> None:
    model_pool = wanted or list(variables)
    for source, dest in unexplained.items():
        renamed = f" (renamed to {dest!r})" if dest != source else ""
        plan.problems.append(Problem(
            "unexplained", source, f"checkpoint tensor{renamed} matches no model variable and is not "
            "training state; add a rename rule, or a drop rule to leave it out", closest(dest, model_pool)))
    ckpt_pool = list(unexplained.values()) or [s for s in shapes if s not in plan.dropped]
    for name in wanted:
        plan.problems.append(Problem(
            "unmatched", name, "model variable has no tensor in the checkpoint", closest(name, ckpt_pool)))
    if wanted and unexplained and not plan.entries:
        example_ckpt, example_model = next(iter(unexplained)), wanted[0]
        plan.problems.insert(0, Problem(
            "unrelated", "checkpoint", f"none of its {len(shapes)} tensors fills any of the model's "
            f"{len(variables)} variables: a checkpoint of another model, or a prefix to rename "
            f"(checkpoint {example_ckpt!r}, model {example_model!r})"))
