"""Optimizer state in TF1 checkpoints: slot names <-> an ``unscope.nn`` optimizer's variables
(or a ``tf.compat.v1.train.Optimizer``'s: a user's subclass kept by a migrated program).

TF1 saved each slot as ``<variable>/<optimizer name>[_N]`` (``model/w/Adam``, ``model/w/Adam_1``),
the slots of a partitioned variable joined into one tensor (``model/emb/Adam``, not per part),
and Adam's ``beta1_power`` / ``beta2_power`` under the name scope ``minimize`` ran in
(``beta1_power``, or ``train/beta1_power``).  An ``unscope.nn`` optimizer names its slot
variables as TF1 named them in the graph (``model/emb/part_0/Adam``), so the map here only
has to put the part index last (``model/emb/Adam/part_0``) for the partitioned planner.
"""
from __future__ import annotations

import re
from collections import Counter

from unscope.ckpt.errors import ConversionRefused, Problem
from unscope.ckpt.rules import Rules
from unscope.ckpt.variables import part_groups, tf1_name

# --optimizer KIND -> (unscope.nn class, TF1's default name)
KINDS = {
    "adam": ("Adam", "Adam"),
    "momentum": ("Momentum", "Momentum"),
    "rmsprop": ("RMSProp", "RMSProp"),
    "adagrad": ("Adagrad", "Adagrad"),
    "sgd": ("GradientDescent", "GradientDescent"),
}
_BY_DEFAULT_NAME = {name: kind for kind, (_, name) in KINDS.items() if kind != "sgd"}
_NUMBERED = re.compile(r"^(?P<name>.+?)(?:_(?P<n>\d+))?$")


def is_optimizer(obj) -> bool:
    """An ``unscope.nn`` optimizer or a ``tf.compat.v1.train.Optimizer`` (a user's subclass)."""
    from unscope import nn

    return isinstance(obj, nn.Optimizer) or is_compat_optimizer(obj)


def is_compat_optimizer(obj) -> bool:
    import tensorflow as tf

    return isinstance(obj, tf.compat.v1.train.Optimizer)


def build(optimizer, var_list) -> None:
    """Make the optimizer's slots and own state for ``var_list`` now (TF1 made them in
    ``minimize``; TF2 makes them on the first apply, too late for a restore).  A
    ``tf.compat.v1.train.Optimizer`` that has them already is left as it is."""
    if not is_compat_optimizer(optimizer):
        optimizer.build(var_list)
        return
    import tensorflow as tf

    if not optimizer.variables():
        with tf.init_scope():  # as TF1's apply_gradients called it
            optimizer._create_slots(list(var_list))


def own_variables(optimizer) -> list:
    """The optimizer's variables that are no slot (Adam's ``beta1_power``)."""
    if is_compat_optimizer(optimizer):
        return list(optimizer._non_slot_variables())
    return optimizer.non_slot_variables()


def trainable(model) -> list:
    """The model's trainable variables, each once (what TF1's ``minimize`` made slots for)."""
    seen, out = set(), []
    for variable in model.trainable_variables:
        if id(variable) not in seen:
            seen.add(id(variable))
            out.append(variable)
    return out


def optimizer_variables(optimizer) -> dict:
    """Checkpoint name -> variable for every slot and the optimizer's own state.

    >>> optimizer_variables(adam)   # after adam.build(model.trainable_variables)
    {'model/w/Adam': <tf.Variable 'model/w/Adam:0' ...>, ..., 'beta1_power': ...}
    """
    if is_compat_optimizer(optimizer):
        # tf.compat.v1 names its slots as TF1 did (<variable>/<op name>[_N]), its own
        # variables by their name (``_create_non_slot_variable``)
        return {tf1_name(v): v for v in optimizer.variables()}
    out = {}
    for primary, _, slot in optimizer.slots():
        name, primary_name = tf1_name(slot), tf1_name(primary)
        base, sep, index = primary_name.rpartition("/part_")
        if sep and index.isdigit() and name.startswith(primary_name + "/"):
            name = f"{base}/{name[len(primary_name) + 1:]}/part_{index}"
        out[name] = slot
    for variable in optimizer.non_slot_variables():
        out[tf1_name(variable)] = variable
    return out


def with_state_renames(rules: Rules, wanted: dict, shapes: dict) -> Rules:
    """``rules`` plus a rename for each optimizer-state name (``beta1_power``) the checkpoint
    holds only under a name scope (``train/beta1_power``), when exactly one tensor fits."""
    extra = []
    for name in wanted:
        if "/" in name or name in shapes or any(rules.rename(s) == name for s in shapes):
            continue
        found = [s for s in shapes if s.endswith("/" + name)]
        if len(found) == 1:
            extra.append((re.compile("^" + re.escape(found[0]) + "$"), name))
    return Rules(rules.renames + tuple(extra), rules.drops) if extra else rules


def slot_suffixes(shapes: dict, model_names) -> Counter:
    """How many model variables have a checkpoint tensor ``<variable>/<suffix>``, per suffix."""
    bases = {name for name in model_names if "/part_" not in name} | set(part_groups(model_names))
    found = Counter()
    for name in shapes:
        head, sep, suffix = name.rpartition("/")
        if sep and head in bases and "/" not in suffix:
            found[suffix] += 1
    return found


def optimizer_for_checkpoint(kind: str, shapes: dict, model_names):
    """An ``unscope.nn`` optimizer laid out like the slots in ``shapes`` (``kind`` or ``"auto"``).

    The name comes from the slots (``model/w/MyAdam`` -> ``Adam(name="MyAdam")``), RMSProp's
    ``centered`` from its third slot.  Hyperparameters are not in a checkpoint: the optimizer
    made here carries TF1's defaults, which only matter if it is used to train.
    """
    from unscope import nn

    suffixes = slot_suffixes(shapes, model_names)
    names = Counter()
    for suffix, count in suffixes.items():
        names[_NUMBERED.match(suffix).group("name")] += count
    if kind != "auto" and kind not in KINDS:
        raise ValueError(f"optimizer {kind!r}: expected one of auto, {', '.join(KINDS)}")
    if kind == "sgd":
        return nn.GradientDescent(0.001)
    if kind == "auto":
        known = [n for n in names if n in _BY_DEFAULT_NAME]
        if not known:
            seen = ", ".join(sorted(names)) or "none"
            raise ConversionRefused([Problem(
                "unmatched", "optimizer", f"no slots of a known optimizer in the checkpoint (slot "
                f"names seen: {seen}); name the optimizer: optimizer='adam' (--optimizer adam), ...")])
        name = max(known, key=lambda n: names[n])
        kind = _BY_DEFAULT_NAME[name]
    else:
        default = KINDS[kind][1]
        name = default if default in names or not names else max(names, key=names.get)
    cls = getattr(nn, KINDS[kind][0])
    if kind == "adam":
        return cls(name=name)
    if kind == "momentum":
        return cls(0.001, 0.9, name=name)
    if kind == "rmsprop":
        return cls(0.001, centered=suffixes.get(f"{name}_2", 0) > 0, name=name)
    return cls(0.001, name=name)


_OBJECT_SLOT = re.compile(r"^optimizer/tf1_variables/(?P<name>[^/]+)/\.ATTRIBUTES/VARIABLE_VALUE$")


def object_state_shapes(shapes: dict) -> dict:
    """TF1 name -> shape of the optimizer state in an object checkpoint of an ``unscope.nn``
    optimizer saved as ``tf.train.Checkpoint(optimizer=opt)`` (``optimizer/tf1_variables/
    model.Sw.SAdam/...`` -> ``model/w/Adam``), to find the optimizer as from a TF1 checkpoint.
    """
    out = {}
    for key, shape in shapes.items():
        match = _OBJECT_SLOT.match(key)
        if match:
            # TensorFlow escapes object names: "/" as ".S", "." as ".."
            name = re.sub(r"\.(.)", lambda m: "/" if m.group(1) == "S" else m.group(1), match.group("name"))
            out[name] = shape
    return out
