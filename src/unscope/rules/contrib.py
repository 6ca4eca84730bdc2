"""Migration rule `contrib` (see the class docstring)."""
from unscope.analyze import constructs
from unscope.migrate.context import tf_target, unscope_target
from unscope.migrate.runtime_names import provided
from unscope.rules import Rule

# contrib modules unscope implements completely / in part
WHOLE = {"tf.contrib.layers": "contrib.layers"}
PARTIAL = {"tf.contrib.framework": "contrib.framework", "tf.contrib.training": "contrib.training"}
# In native mode these become the plain unscope.nn regularizers (same TF1 semantics, no runtime)
# when the file imports the nn layers; scan reports the same set as native.
NATIVE_REGULARIZERS = {f"{module}.{name}": name for module in ("tf.contrib.layers", "slim")
                       for name in constructs.NATIVE_REGULARIZERS}


class Contrib(Rule):
    """``tf.contrib`` (gone in TF 2) -> ``unscope.contrib``, or the TF 2 home TensorFlow gave it.

        net = tf.contrib.layers.fully_connected(x, 10)             # before
        net = unscope.contrib.layers.fully_connected(x, 10)        # after
        with tf.contrib.framework.arg_scope([...]):                # before
        with unscope.contrib.framework.arg_scope([...]):           # after
        hp = tf.contrib.training.HParams(lr=0.1)                   # before
        hp = unscope.contrib.training.HParams(lr=0.1)              # after
        flat = tf.contrib.framework.nest.flatten(x)                # before
        flat = tf.nest.flatten(x)                                  # after

    Anything else under ``tf.contrib`` is left as it is, with a ``manual`` finding naming it.
    """

    DESCRIPTION = "tf.contrib.layers/framework/training -> unscope.contrib; other contrib -> TF 2 or a finding"
    ORDER = 30

    def apply(self, ctx) -> None:
        native_nn = ctx.mode == "native" and ctx.table.aliases().get("nn") in ("unscope.nn", "unscope_nn")
        for ref in ctx.refs:
            if ref.claimed:
                continue
            if native_nn and ref.call is not None and (ref.api() or "") in NATIVE_REGULARIZERS:
                start, end = ctx.source.span(ref.node)
                ctx.edit(start, end, "nn." + NATIVE_REGULARIZERS[ref.api()])
                ref.claimed = True
                continue
            if "contrib" not in ref.words:
                continue
            full = ref.api() or ""
            if not (full == "tf.contrib" or full.startswith("tf.contrib.")):
                continue
            hit = ctx.match_module(ref, WHOLE)
            if hit is not None:
                depth, module, rest, _ = hit
                namespace = WHOLE[module]
                ctx.replace(ref, depth, unscope_target(namespace + ("." + rest if rest else "")))
                first = rest.split(".")[0] if rest else (ref.attrs[depth] if depth < ref.depth else None)
                if first and first not in provided(namespace):
                    ctx.finding(ref.nodes[0], f"{module}.{first}",
                                f"unscope.{namespace} has no `{first}` and tf.contrib is gone in TF 2; "
                                f"rewritten to unscope.{namespace}.{first} - replace it by hand")
                continue
            if self._partial(ctx, ref) or self._moved(ctx, ref):
                continue
            ref.claimed = True
            ctx.finding(ref.nodes[0], full, "tf.contrib is gone in TF 2 and neither unscope nor TF 2 "
                        "has this; left unchanged - replace it by hand")

    @staticmethod
    def _partial(ctx, ref) -> bool:
        for depth in range(ref.depth + 1):
            api = ref.api(depth) or ""
            for module, namespace in PARTIAL.items():
                if api.startswith(module + ".") and api.count(".") == module.count(".") + 1:
                    name = api[len(module) + 1:]
                    if name in provided(namespace):
                        ctx.replace(ref, depth, unscope_target(f"{namespace}.{name}"))
                        return True
        return False

    @staticmethod
    def _moved(ctx, ref) -> bool:
        moved = ctx.names.contrib
        for depth in range(ref.depth, -1, -1):
            api = ref.api(depth) or ""
            target = moved.get(api[3:])
            if target is not None:
                ctx.replace(ref, depth, tf_target(target))
                return True
        return False
