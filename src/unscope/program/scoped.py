"""Variables made under literal ``variable_scope``s in module-level graph code (the textbook
example)."""
from __future__ import annotations

import ast

from unscope.program.plan import CannotConvert, Item, api_of, literal_str

__all__ = ["read_scoped"]


def read_scoped(stmt, table, graph) -> Item:
    """``with tf.variable_scope("lit"[, reuse=True|tf.AUTO_REUSE]):`` holding only
    ``v = tf.get_variable("lit", shape, ...)`` (the textbook example)."""
    if len(stmt.items) != 1 or not isinstance(stmt.items[0].context_expr, ast.Call):
        raise CannotConvert(stmt, None, "a `with` block in the graph code")
    scope = stmt.items[0].context_expr
    if api_of(scope.func, table) != "tf.variable_scope":
        raise CannotConvert(stmt, api_of(scope.func, table), "a `with` block in the graph code")
    keywords = {k.arg: k.value for k in scope.keywords}
    reuse = keywords.pop("reuse", None)
    if (len(scope.args) != 1 or keywords or not literal_str(scope.args[0])
            or reuse is not None and not (isinstance(reuse, ast.Constant) and reuse.value in (True, None)
                                          or api_of(reuse, table) == "tf.AUTO_REUSE")):
        raise CannotConvert(stmt, "tf.variable_scope", "variable_scope with a name or reuse that "
                            "is not a literal")
    reusing = reuse is not None and not (isinstance(reuse, ast.Constant) and reuse.value is None)
    entries = []
    for inner in stmt.body:
        call = inner.value if isinstance(inner, ast.Assign) else None
        if (not isinstance(call, ast.Call) or api_of(call.func, table) != "tf.get_variable"
                or len(inner.targets) != 1 or not isinstance(inner.targets[0], ast.Name)
                or not call.args or not literal_str(call.args[0])):
            raise CannotConvert(inner, None, "only `v = tf.get_variable(\"name\", ...)` is "
                                "converted inside a module-level variable_scope")
        entries.append({"target": inner.targets[0].id, "tf1_name": f"{scope.args[0].value}/{call.args[0].value}",
                        "call": call, "reuse": reusing, "api": api_of(reuse, table) if reuse else None})
    return Item("scoped", stmt, None, info={"entries": entries, "names": [e["target"] for e in entries]})
