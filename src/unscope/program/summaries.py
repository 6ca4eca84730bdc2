"""TF1 summary ops in the graph code: scalar / histogram summaries, merges and file writers."""
from __future__ import annotations

import ast
import re

from unscope.program.plan import CannotConvert, Item, api_of, literal_str

__all__ = ["SUMMARIES", "read_summary"]

_INVALID_TAG = re.compile(r"[^-/\w.]")  # what TF1's summary_op_util.clean_tag replaces
SUMMARIES = {"tf.summary.scalar": ("ScalarSummary", "tags"), "tf.summary.histogram": ("HistogramSummary", "tag")}


def read_summary(stmt, table, graph):
    """``s = tf.summary.scalar("loss", loss)`` (or the bare call), ``merged =
    tf.summary.merge_all()`` / ``merge([...])``, ``writer = tf.summary.FileWriter(logdir)``:
    TF1's summary ops are TF core raw ops (``ScalarSummary``, ``HistogramSummary``,
    ``MergeSummary``) that make the same serialized ``Summary``, no TensorBoard needed."""
    call = stmt.value if isinstance(stmt, (ast.Assign, ast.Expr)) and isinstance(stmt.value, ast.Call) else None
    api = api_of(call.func, table) if call is not None else None
    if api not in SUMMARIES and api not in ("tf.summary.merge_all", "tf.summary.merge", "tf.summary.FileWriter"):
        return None
    target = stmt.targets[0] if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 else None
    if isinstance(stmt, ast.Assign) and not isinstance(target, ast.Name):
        raise CannotConvert(stmt, api, f"{api} assigned to something other than a name")
    if api == "tf.summary.FileWriter":
        if target is None or not call.args or len(call.args) > 2 or call.keywords:
            raise CannotConvert(stmt, api, "tf.summary.FileWriter other than `w = FileWriter(logdir[, graph])`")
        return Item("writer", stmt, target.id, info={"logdir": call.args[0]})
    refs = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id in graph}
    if api in SUMMARIES:
        keywords = {k.arg: k.value for k in call.keywords}
        family = keywords.pop("family", None)
        if len(call.args) != 2 or keywords or not literal_str(call.args[0]) or not (
                family is None or literal_str(family)):
            raise CannotConvert(stmt, api, f"{api} with other than a literal name, a value and a "
                                "literal family=")
        tag = call.args[0].value
        for text in (tag, family.value if family is not None else ""):
            if _INVALID_TAG.search(text) or text.startswith("/"):
                raise CannotConvert(stmt, api, f"a summary name or family TF1 would clean ({text!r})")
        # TF1's op lives in the name scope `family/name`; its tag is `family/` + that scope
        scope = tag if family is None else f"{family.value}/{tag}"
        name = target.id if target is not None else re.sub(r"\W", "_", tag) + "_summary"
        if any(i.info.get("summary_tag") == scope for i in {id(i): i for i in graph.values()}.values()):
            raise CannotConvert(stmt, api, f"a second summary named {scope!r} (TF1 renamed it)")
        op, key = SUMMARIES[api]
        full = None if family is None else f"{family.value}/{scope}"
        return Item("tensor", stmt, name, frozenset(refs), {"names": [name], "model_calls": [],
                    "summary_tag": scope, "summary": (op, key, call.args[0], call.args[1], full)})
    if target is None:
        raise CannotConvert(stmt, api, f"{api} whose result is not assigned")
    if api == "tf.summary.merge_all":
        if call.args or call.keywords:
            raise CannotConvert(stmt, api, "merge_all() of a collection other than the default")
        inputs = [i.name for i in {id(i): i for i in graph.values()}.values() if "summary_tag" in i.info]
    else:
        if len(call.args) != 1 or call.keywords or not isinstance(call.args[0], ast.List) or not all(
                isinstance(e, ast.Name) and e.id in graph and "summary_tag" in graph[e.id].info
                for e in call.args[0].elts):
            raise CannotConvert(stmt, api, "merge() of other than a list of summaries")
        inputs = [e.id for e in call.args[0].elts]
    if not inputs:
        raise CannotConvert(stmt, api, "merge_all() before any summary (TF1 returns None)")
    text = f"{target.id} = tf.raw_ops.MergeSummary(inputs=[{', '.join(inputs)}])"
    return Item("tensor", stmt, target.id, frozenset(inputs), {"names": [target.id], "model_calls": [],
                "text": text})
