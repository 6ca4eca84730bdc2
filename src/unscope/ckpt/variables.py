"""The model side: a built ``tf.Module``'s variables by TF1 name, partitioned ones grouped.

A variable's TF1 name is its ``.name`` without the ``:0`` (for a ``MirroredVariable`` and
other distributed variables ``.name`` is already the primary's).  The runtime names the parts of
a partitioned variable ``<name>/part_0``, ``<name>/part_1``, ... split along one axis.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import tensorflow as tf

from unscope.ckpt.errors import Problem

_PART = re.compile(r"^(.*)/part_(\d+)$")


def tf1_name(variable) -> str:
    return re.sub(r":\d+$", "", variable.name)


def model_variables(model) -> tuple[dict[str, tf.Variable], list[Problem]]:
    """``{tf1_name: variable}`` of ``model`` (each variable once), and name clashes.

    Two distinct variables with one TF1 name cannot both be filled from a name-based
    checkpoint, so each clash is a ``duplicate`` problem.
    """
    if not isinstance(model, tf.Module):
        raise TypeError(f"model must be a built tf.Module (an unscope.track module or a native "
                        f"module), got {type(model).__name__}")
    found: dict[str, tf.Variable] = {}
    problems = []
    seen = set()
    for variable in model.variables:
        if id(variable) in seen:
            continue
        seen.add(id(variable))
        name = tf1_name(variable)
        if name in found:
            problems.append(Problem("duplicate", name, "two different model variables have this "
                                    "name; give them distinct names (variable_scope) so each can be filled"))
            continue
        found[name] = variable
    return found, problems


@dataclass(frozen=True)
class Target:
    """Where one tensor goes: a variable, or the parts of a partitioned variable.

    ``offsets[i]`` is where part ``i`` starts along ``axis`` of the full ``shape``.
    """

    name: str
    variables: tuple
    shape: tuple
    dtype: tf.DType
    axis: int | None = None
    offsets: tuple = ()

    @property
    def partitioned(self) -> bool:
        return self.axis is not None

    def part_slices(self) -> list[tuple[list[int], list[int]]]:
        """``(offset, shape)`` of each part in the full tensor."""
        out = []
        for variable, start in zip(self.variables, self.offsets):
            offset = [0] * len(self.shape)
            offset[self.axis] = start
            out.append((offset, list(variable.shape)))
        return out

    @property
    def variable_names(self) -> tuple[str, ...]:
        return tuple(tf1_name(v) for v in self.variables)


def part_groups(names) -> dict[str, dict[int, str]]:
    """``{base: {index: part_name}}`` for names of the form ``base/part_N``."""
    groups: dict[str, dict[int, str]] = {}
    for name in names:
        match = _PART.match(name)
        if match:
            groups.setdefault(match.group(1), {})[int(match.group(2))] = name
    return groups


def single_target(name: str, variable) -> Target:
    return Target(name, (variable,), tuple(variable.shape.as_list()), variable.dtype)


def partitioned_target(base: str, parts: dict[int, str], variables: dict, full_shape=None):
    """A Target for ``base`` made of ``parts``, or a ``partition`` Problem.

    With ``full_shape`` (the checkpoint tensor's) the axis is the one dimension where the parts
    differ from it; without (writing a TF1 checkpoint) it is the first dimension where the parts
    differ from each other, else 0 (TF1's partitioners all slice the first axis by default).
    """
    if sorted(parts) != list(range(len(parts))):
        return Problem("partition", base, f"parts {sorted(parts)} are not numbered 0..{len(parts) - 1}")
    part_vars = tuple(variables[parts[i]] for i in range(len(parts)))
    shapes = [tuple(v.shape.as_list()) for v in part_vars]
    dtypes = {v.dtype for v in part_vars}
    if len(dtypes) > 1 or any(None in s for s in shapes) or len({len(s) for s in shapes}) > 1:
        return Problem("partition", base, "parts differ in rank or dtype: "
                       + ", ".join(f"{s}" for s in shapes))
    rank = len(shapes[0])
    if rank == 0:
        return Problem("partition", base, "scalar parts cannot be joined")
    if full_shape is not None:
        full_shape = tuple(full_shape)
        differ = [i for i in range(rank) if len(full_shape) == rank and shapes[0][i] != full_shape[i]]
        axis = differ[0] if differ else 0
    else:
        differ = [i for i in range(rank) if len({s[i] for s in shapes}) > 1]
        axis = differ[0] if differ else 0
    joined = list(shapes[0])
    joined[axis] = sum(s[axis] for s in shapes)
    others_agree = all(s[:axis] + s[axis + 1:] == shapes[0][:axis] + shapes[0][axis + 1:] for s in shapes)
    if not others_agree or (full_shape is not None and tuple(joined) != full_shape):
        want = f" into {list(full_shape)}" if full_shape is not None else ""
        return Problem("partition", base, f"{len(parts)} parts of shapes {[list(s) for s in shapes]} "
                       f"do not tile{want} along one axis")
    offsets, start = [], 0
    for s in shapes:
        offsets.append(start)
        start += s[axis]
    return Target(base, part_vars, tuple(joined), part_vars[0].dtype, axis, tuple(offsets))
