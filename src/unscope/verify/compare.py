"""Compare what OLD and NEW computed, element by element, into a `Report`."""
from __future__ import annotations

import numpy as np

from unscope.verify.names import dtype_name
from unscope.verify.new import NewResult
from unscope.verify.old import OldResult
from unscope.verify.report import (DIFFERS, NOT_COMPARABLE, OK, Comparison, Report,
                                   VariableCheck)

RTOL, ATOL = 1e-6, 1e-5
# Gradients of deep float32 models differ between TF1's graph and TF2's eager op order by a
# few 1e-5 of the tensor's largest element (accumulated rounding, not bugs): each gradient
# element may also differ by GRAD_RTOL times that tensor's max |OLD|.
GRAD_RTOL = 1e-4


def compare_arrays(kind: str, name: str, old, new, *, rtol=RTOL, atol=ATOL, scale_rtol=0.0,
                   check_dtype=False) -> Comparison:
    """OLD is the reference: an element agrees when
    ``|new - old| <= atol + rtol * |old| + scale_rtol * max|old|`` (max over the tensor).

    Integers and booleans must be equal; with `check_dtype`, so must the dtypes.
    """
    old, new = np.asarray(old), np.asarray(new)
    if old.shape != new.shape:
        return Comparison(kind, name, DIFFERS, shape=list(old.shape),
                          note=f"shape {list(old.shape)} in OLD, {list(new.shape)} in NEW")
    if old.size == 0:
        return Comparison(kind, name, OK, shape=list(old.shape))
    exact = not (np.issubdtype(old.dtype, np.inexact) or np.issubdtype(new.dtype, np.inexact))
    a = old.astype(np.float64)
    b = new.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.abs(b - a)
        both_nan = np.isnan(a) & np.isnan(b)
        same_inf = np.isinf(a) & (a == b)
        err = np.where(both_nan | same_inf, 0.0, err)
        err = np.where(np.isnan(err), np.inf, err)
        finite = np.abs(np.nan_to_num(a, posinf=0.0, neginf=0.0))
        scale = scale_rtol * float(np.max(finite)) if scale_rtol else 0.0
        allowed = np.zeros_like(a) if exact else atol + rtol * finite + scale
        excess = err - allowed
        nonzero = np.abs(a) > 0
        rel = np.where(nonzero, err / np.where(nonzero, np.abs(a), 1.0),
                       np.where(err > 0, np.inf, 0.0))
    failing = bool(np.any(excess > 0))
    flat = int(np.argmax(excess if failing else err))
    index = [int(i) for i in np.unravel_index(flat, a.shape)] if a.ndim else []
    note = ""
    if check_dtype and old.dtype != new.dtype:
        failing, note = True, f"dtype {old.dtype.name} in OLD, {new.dtype.name} in NEW"
    return Comparison(
        kind, name, DIFFERS if failing else OK, shape=list(a.shape),
        max_abs=float(np.max(err)), max_rel=float(np.max(rel)), worst_index=index,
        old_value=float(a.reshape(-1)[flat]), new_value=float(b.reshape(-1)[flat]), note=note)


def pair_outputs(old: list, new: list) -> tuple[list, str]:
    """Pair by key when both sides use the same keys, else by position."""
    old_keys, new_keys = [k for k, _ in old], [k for k, _ in new]
    if set(old_keys) == set(new_keys) and len(set(old_keys)) == len(old_keys):
        lookup = dict(new)
        return [(k, v, lookup[k]) for k, v in old], ""
    if len(old) != len(new):
        return [], (f"OLD returns {len(old)} output{'s' * (len(old) != 1)} "
                    f"({', '.join(old_keys) or 'none'}), NEW returns {len(new)} "
                    f"({', '.join(new_keys) or 'none'})")
    pairs = [(ok if ok == nk else f"{ok}|{nk}", ov, nv) for (ok, ov), (nk, nv) in zip(old, new)]
    return pairs, ""


def _variable_check(old: OldResult, new: NewResult) -> VariableCheck:
    p = new.pairing
    check = VariableCheck(old_count=len(old.variables), new_count=len(new.variables),
                          matched=len(p.matched))
    check.missing = [{"name": i.name, "shape": list(i.shape), "dtype": i.dtype} for i in p.missing]
    seen = set()
    for name, variable in p.extra:
        key = (name, id(variable))
        if key not in seen:
            seen.add(key)
            check.extra.append({"name": name, "shape": [int(d) for d in variable.shape],
                                "dtype": dtype_name(variable)})
    check.duplicated = dict(p.duplicated)
    check.mismatched = [{"name": n, "what": w, "old": o, "new": v} for n, w, o, v in p.mismatched]
    return check


def compare(old: OldResult, new: NewResult, *, rtol=RTOL, atol=ATOL, grad_rtol=GRAD_RTOL,
            settings=None, new_description="NEW", new_mode=None) -> Report:
    """Everything OLD and NEW computed, side by side."""
    notes = []
    variables = _variable_check(old, new)
    p = new.pairing
    skip = {i.name for i in p.missing} | set(p.duplicated) | \
           {n for n, what, *_ in p.mismatched if what in ("shape", "dtype")}

    random = bool(old.random_ops)
    random_note = ""
    if random:
        shown = ", ".join(old.random_ops[:3]) + (" ..." if len(old.random_ops) > 3 else "")
        random_note = "OLD draws random numbers"
        cure = "; these ops are outside what same_random covers" if old.same_random else \
            " unless both sides draw the same numbers (same_random / --same-random)"
        notes.append(f"OLD's outputs depend on stateful random ops ({shown}): outputs, "
                     f"gradients and values after the call are not comparable{cure}")

    def numeric(kind, name, a, b, note=""):
        row = compare_arrays(kind, name, a, b, rtol=rtol, atol=atol,
                             scale_rtol=grad_rtol if kind == "gradient" else 0.0,
                             check_dtype=kind == "output")
        if random and kind != "regularization" and not row.note.startswith(("shape", "dtype")):
            row.status, row.note = NOT_COMPARABLE, random_note
        elif note and not row.note:
            row.note = note
        return row

    old_draws, new_draws = old.draws(), new.draws()
    outputs = []
    if old.skipped_outputs:
        notes.append(f"OLD returns operations, not values, as {', '.join(old.skipped_outputs)}: "
                     "not compared (return only tensors from both sides to pair by position)")
    pairs, problem = pair_outputs(old.outputs, new.outputs)
    if problem:
        outputs.append(Comparison("output", "*", DIFFERS, note=problem))
    elif pairs and any("|" in k for k, _, _ in pairs):
        notes.append("outputs paired by position (OLD and NEW use different keys)")
    per_draw = [pair_outputs(o.outputs, n.outputs)[0] for o, n in zip(old_draws, new_draws)] \
        if not problem else []
    for i, (key, _, _) in enumerate(pairs if not problem else []):
        outputs.append(_worst([numeric("output", key, d[i][1], d[i][2]) for d in per_draw]))

    regularization = None
    old_total = float(np.sum([np.sum(np.asarray(r, np.float64)) for r in old.regularization]))
    if new.regularization is None:
        if old.regularization:
            regularization = Comparison(
                "regularization", "total", NOT_COMPARABLE, shape=[], old_value=old_total,
                note="NEW exposes no .regularization_losses; not compared")
            notes.append("regularization loss not compared: NEW has no .regularization_losses "
                         "(unscope.track modules and unscope layers have one)")
    else:
        new_total = float(np.sum([np.sum(np.asarray(r, np.float64)) for r in new.regularization]))
        note = ""
        if len(old.regularization) != len(new.regularization):
            note = f"{len(old.regularization)} terms in OLD, {len(new.regularization)} in NEW"
        regularization = numeric("regularization", "total", old_total, new_total, note)

    gradients = []
    for name in old.gradients:
        if name in skip or name not in p.matched:
            continue
        if name not in new.gradients:
            continue  # not trainable in NEW: reported as a trainability mismatch
        rows = []
        for o, n in zip(old_draws, new_draws):
            g_old, g_new = o.gradients[name], n.gradients.get(name)
            if g_old is None and g_new is None:
                rows.append(Comparison("gradient", name, OK, note="no gradient on either side"))
                continue
            note = ""
            if g_old is None:
                g_old, note = np.zeros_like(g_new), "OLD: not connected (zero)"
            elif g_new is None:
                g_new, note = np.zeros_like(g_old), "NEW: not connected (zero)"
            rows.append(numeric("gradient", name, g_old, g_new, note))
        gradients.append(_worst(rows))

    after = []
    if old.after is not None and new.after is not None:
        for info in old.variables:
            if info.name in skip or info.name not in new.after:
                continue
            after.append(_worst([numeric("after", info.name, o.after[info.name],
                                         n.after[info.name])
                                 for o, n in zip(old_draws, new_draws)]))

    settings = dict(settings or {})
    settings.setdefault("rtol", rtol)
    settings.setdefault("atol", atol)
    settings.setdefault("grad_rtol", grad_rtol)
    settings["old_mode_arg"] = old.mode_arg
    settings["new_mode_arg"] = next(iter(new_mode or {}), None)
    if old.training:
        for side, arg in (("OLD", settings["old_mode_arg"]), ("NEW", settings["new_mode_arg"])):
            if arg is None:
                notes.append(f"{side} takes no training/is_training argument: it runs in the "
                             "mode its code fixes")
        if old.update_ops == 0 and any(not i.trainable for i in old.variables):
            notes.append("OLD has non-trainable variables but no UPDATE_OPS in training mode")
    settings["draws"] = len(old_draws)
    settings.setdefault("allow_self_reference", False)
    layers = old.layers + ("" if old.layers_used else " (unused)")
    notes[:0] = list(old.notes)
    return Report(old=old.target.short(), new=new_description, layers=layers, settings=settings,
                  variables=variables, outputs=outputs, regularization=regularization,
                  gradients=gradients, after=after, notes=notes, reference=reference_of(old))


def reference_of(old: OldResult) -> dict:
    """What OLD's TF1 behaviour was checked against, and whether that is independent of unscope.

    Plain TF1 ops and variables are TensorFlow's own (``tf.compat.v1``). ``tf.layers`` are
    tf_keras's legacy layers when installed, else unscope's: then unscope is its own reference.
    ``tf.contrib`` has no TF2 implementation at all and always comes from unscope.contrib.
    """
    import importlib.util

    layers = old.layers if old.layers_used else None
    contrib = "unscope.contrib" if old.contrib_used else None
    why = None
    if old.self_reference:
        why = "tf_keras not installed" if importlib.util.find_spec("tf_keras") is None \
            else "old_layers='unscope' asked for"
    return {"tf": f"tensorflow.compat.v1 {old.tf_version}".strip(), "tf_layers": layers,
            "tf_contrib": contrib, "independent": not old.self_reference, "why_not": why}


def _worst(rows: list[Comparison]) -> Comparison:
    """One row for a quantity over every input draw: the worst draw's (a differing one first)."""
    if len(rows) == 1:
        return rows[0]

    def badness(item):
        _, row = item
        return (row.status == DIFFERS, row.max_abs if row.max_abs is not None else -1.0)

    k, row = max(enumerate(rows), key=badness)
    row.draw = k
    return row
