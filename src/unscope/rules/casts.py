"""Migration rule `casts` (see the class docstring)."""
from unscope.migrate.calls import has_star, insert_after
from unscope.migrate.context import tf_target
from unscope.rules import Rule

DTYPES = {
    "to_float": "float32", "to_double": "float64", "to_int32": "int32", "to_int64": "int64",
    "to_bfloat16": "bfloat16", "to_complex64": "complex64", "to_complex128": "complex128",
}


class Casts(Rule):
    """``tf.to_float(x)`` and the other ``tf.to_*`` casts (gone in TF 2) -> ``tf.cast``.

    y = tf.to_float(x)              # before
    y = tf.cast(x, tf.float32)      # after
    """

    DESCRIPTION = "tf.to_float / to_int32 / ... -> tf.cast(x, dtype)"
    ORDER = 40

    def apply(self, ctx) -> None:
        for ref in ctx.refs:
            if ref.claimed or ref.call is None:
                continue
            info = ctx.tf1_path(ref)
            if info is None or info[2] != "upgrade" or info[1] != 0 or len(info[0]) != 1:
                continue
            dtype = DTYPES.get(info[0][0])
            call = ref.call
            if dtype is None or has_star(call) or not (call.args or call.keywords):
                continue
            first = call.args[0] if call.args else next((k for k in call.keywords if k.arg == "x"), None)
            if first is None:
                continue
            spelled = ctx.spell(tf_target(dtype), ref)
            text = f", {spelled}" if call.args else f", dtype={spelled}"
            ctx.replace(ref, ref.depth, tf_target("cast"))
            ctx.add_edits([insert_after(ctx.source, first, text)])
