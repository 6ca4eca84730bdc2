"""Migration rule `graph_mode` (see the class docstring)."""
from unscope.rules import Rule


class GraphMode(Rule):
    """Graph-mode scripts (placeholders, Session) keep running on TF 2 in graph mode.

    A file that builds graphs for a Session keeps its ``tensorflow.compat.v1`` import and its
    ``tf.disable_v2_behavior()``; a TF1 script written against ``import tensorflow as tf`` gets
    ``tf.compat.v1`` twins and the call TF1 implied::

        import tensorflow as tf                          # before
        x = tf.placeholder(tf.float32, [None, 3])
        with tf.Session() as sess: ...

        import tensorflow as tf                          # after
        tf.compat.v1.disable_v2_behavior()
        x = tf.compat.v1.placeholder(tf.float32, [None, 3])
        with tf.compat.v1.Session() as sess: ...

    Each such file gets one ``manual`` finding: moving it to eager is a person's decision.
    """

    DESCRIPTION = "keep graph-mode (Session) files on tf.compat.v1 graph mode, with a finding"
    ORDER = 10

    def apply(self, ctx) -> None:
        plan = ctx.plan
        if plan.graph:
            ref = plan.graph_ref
            extra = ""
            if plan.insert_disable:
                ctx.imports.add_after_import(plan.insert_disable,
                                             f"{plan.insert_disable}.compat.v1.disable_v2_behavior()")
                extra = " (disable_v2_behavior() added after its import, as TF1 ran graphs)"
            ctx.finding(ref.nodes[0], ref.api() or "tf.Session",
                        f"graph-mode code (placeholders / Session) kept on tf.compat.v1{extra}; "
                        "to run eagerly, drop the Session and call the model through unscope.track")
        elif plan.disable_ref is not None:
            ref = plan.disable_ref
            ctx.finding(ref.nodes[0], ref.api() or "tf.disable_v2_behavior",
                        "turns TF2 behaviour off for the whole process; kept - remove it to run "
                        "the migrated code eagerly (through unscope.track)")
