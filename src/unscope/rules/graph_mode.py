"""Migration rule `graph_mode` (see the class docstring)."""
import ast

from unscope.migrate.context import tf_target
from unscope.rules import Rule

_EAGER = "to run eagerly, drop the Session and call the model through unscope.track"
_GUARD = 'if __name__ == "__main__":'


class GraphMode(Rule):
    """Graph-mode programs (placeholders, Session) keep running on TF 2 in graph mode, switched
    on at the program's entry point, never when a library module is imported.

    A file that builds graphs for a Session keeps its ``tensorflow.compat.v1`` import and its
    ``tf.disable_v2_behavior()``; a TF1 script written against ``import tensorflow as tf`` gets
    ``tf.compat.v1`` twins and the call TF1 implied -- after the imports when its top level
    builds the graph, else first under its ``__main__`` guard::

        import tensorflow as tf                          # before
        def main():
            x = tf.placeholder(tf.float32, [None, 3])
            with tf.Session() as sess: ...
        if __name__ == "__main__":
            main()

        import tensorflow as tf                          # after
        def main():
            x = tf.compat.v1.placeholder(tf.float32, [None, 3])
            with tf.compat.v1.Session() as sess: ...
        if __name__ == "__main__":
            tf.compat.v1.disable_v2_behavior()
            main()

    Library functions using placeholders / a Session keep their ``tf.compat.v1`` spellings and
    switch nothing.  Each such file gets one ``manual`` finding: moving it to eager is a
    person's decision.
    """

    DESCRIPTION = "graph-mode (Session) code stays on tf.compat.v1; graph mode is switched on at the entry point"
    ORDER = 10

    def apply(self, ctx) -> None:
        plan = ctx.plan
        if plan.disable_ref is not None:
            self._existing(ctx, plan)
        if not plan.graph:
            return
        if not plan.runs_graph:
            ref = plan.graph_where["library"]
            ctx.finding(ref.nodes[0], ref.api() or "tf.Session",
                        "graph-mode code (placeholders / Session) in functions other modules call, kept "
                        "on tf.compat.v1: it runs when the calling program is in graph mode "
                        "(tf.compat.v1.disable_v2_behavior() at its entry point); importing this module "
                        f"does not switch modes - {_EAGER}")
            return
        ref = plan.graph_where.get("top") or plan.graph_where["main"]
        extra = ""
        if plan.insert_disable:
            if plan.disable_at == "guard" and _insert_in_guard(ctx, plan.entry.guard, plan.disable_call):
                extra = f" (disable_v2_behavior() added as the first statement under `{_GUARD}`, the " \
                        "program's entry point, as TF1 ran graphs)"
            else:
                ctx.imports.add_after_import(plan.insert_disable, plan.disable_call)
                extra = " (disable_v2_behavior() added after its import, as TF1 ran graphs)"
        ctx.finding(ref.nodes[0], ref.api() or "tf.Session",
                    f"graph-mode code (placeholders / Session) kept on tf.compat.v1{extra}; {_EAGER}")

    @staticmethod
    def _existing(ctx, plan) -> None:
        ref = plan.disable_ref
        api = ref.api() or "tf.disable_v2_behavior"
        if plan.move_disable and _move_to_guard(ctx, ref, plan.entry.guard):
            ctx.finding(ref.nodes[0], api,
                        f"moved under `{_GUARD}`: importing this module no longer switches the process "
                        "to graph mode, running it as a program still does")
            return
        if plan.runs_graph and plan.entry.at(ref.nodes[0].lineno) != "library":
            return  # a graph-mode program's own switch; the graph finding covers the file
        if plan.entry.at(ref.nodes[0].lineno) == "top":
            why = ("top-level code uses TensorFlow before the entry point" if plan.top_state and plan.entry.guard
                   else f"this module has no `{_GUARD}` entry point to move it to")
            ctx.finding(ref.nodes[0], api,
                        f"switches every program that imports this module to graph mode; kept, as {why} - "
                        "move it to the program's entry point, or remove it to run the migrated code "
                        "eagerly (through unscope.track)")
            return
        ctx.finding(ref.nodes[0], api, "turns TF2 behaviour off for the whole process; kept - remove it "
                    "to run the migrated code eagerly (through unscope.track)")


def _statement_of(ctx, call):
    for stmt in ctx.tree.body:
        if type(stmt) is ast.Expr and stmt.value is call:
            return stmt
    return None


def _guard_indent(ctx, guard):
    first = guard.body[0]
    if first.lineno == guard.lineno:
        return None  # `if __name__ == "__main__": main()` on one line
    src = ctx.source
    start = src.line_start(first.lineno)
    indent = src.text[start:src.span(first)[0]]
    return (start, indent) if not indent.strip() else None


def _insert_in_guard(ctx, guard, text) -> bool:
    where = _guard_indent(ctx, guard) if guard is not None else None
    if where is None:
        return False
    start, indent = where
    ctx.edit(start, start, indent + text + ctx.source.newline)
    return True


def _move_to_guard(ctx, ref, guard) -> bool:
    stmt = _statement_of(ctx, ref.call)
    if stmt is None or guard is None or _guard_indent(ctx, guard) is None:
        return False
    src = ctx.source
    line_start, line_end = src.line_start(stmt.lineno), src.line_end(stmt.end_lineno)
    if src.text[line_start:line_end].strip() != src.segment(stmt).strip():
        return False  # shares its line with other code or a comment
    if ref.depth == 0:
        text = src.segment(stmt)  # `from tensorflow.compat.v1 import disable_v2_behavior`
    else:
        text = ctx.spell(tf_target("compat.v1." + ref.attrs[-1]), ref) + "()"
    ref.claimed = True
    ctx.edit(line_start, min(line_end + 1, len(src.text)), "")
    return _insert_in_guard(ctx, guard, text)
