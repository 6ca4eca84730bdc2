"""Migration rule `tf2_names` (see the class docstring)."""
import ast

from unscope.migrate.calls import CannotEdit, adapt_call
from unscope.migrate.context import tf_target
from unscope.migrate.internal_names import INTERNAL_ROOTS, TFInternal
from unscope.rules import Rule
from unscope.rules._guards import handled_absence


# In native mode these keep their TF2 spelling (same name, same arguments, TF core: seeded
# by tf.random.set_seed) instead of the tf.compat.v1 twin -- unless a TF1-only keyword is
# passed.  The random ones usually went to nn.initializers already (rule native_initializers).
NATIVE_TF2_INITIALIZERS = frozenset({
    "constant_initializer", "random_normal_initializer", "random_uniform_initializer",
    "zeros_initializer", "ones_initializer",
})
_TF1_ONLY_KEYWORDS = frozenset({"dtype", "verify_shape", "partition_info"})
# In native mode, TF1 functions whose TF2 namesake computes the same for these call shapes:
# embedding_lookup on one params tensor (TF2 only dropped partition_strategy, which matters
# for a list of shards; native modules never shard).
NATIVE_TF2_SAME_CALLS = {"nn.embedding_lookup": (2, frozenset({"name", "max_norm"}))}


def _native_keeps_tf2_name(ctx, prefix, call) -> bool:
    if ctx.mode == "native" and prefix in NATIVE_TF2_SAME_CALLS and call is not None:
        max_args, keywords = NATIVE_TF2_SAME_CALLS[prefix]
        return (len(call.args) <= max_args and all(k.arg in keywords for k in call.keywords)
                and not (call.args and isinstance(call.args[0], (ast.List, ast.Tuple))))
    if ctx.mode != "native" or prefix not in NATIVE_TF2_INITIALIZERS or not ctx.names.in_v2(prefix):
        return False
    if call is None:
        return True
    if prefix in ("zeros_initializer", "ones_initializer") and call.args:
        return False  # TF1's positional argument was dtype
    return not any(k.arg in _TF1_ONLY_KEYWORDS for k in call.keywords) and len(call.args) <= 2


def _eager_checkpoint(ctx, prefix) -> bool:
    """``tf.train.Checkpoint`` in native mode's output for TF1 code that runs no graph (the
    program pass's eager checkpoint of its modules): TF2's class.  In graph-mode code
    (a Session) TF1's class is ``tf.compat.v1.train.Checkpoint`` (``save(session=...)``)."""
    return prefix == "train.Checkpoint" and ctx.mode == "native" and ctx.was_tf1 and not ctx.plan.graph


class TF2Names(Rule):
    """Every other TF1 name -> its TF2 name where TF2 has the same function, else its tf.compat.v1 twin.

        y = tf.log(tf.reduce_sum(x, reduction_indices=1, keep_dims=True))          # before
        y = tf.math.log(tf.reduce_sum(x, axis=1, keepdims=True))                  # after
        x = tf.placeholder(tf.float32, [None, 784])                                # before
        x = tf.compat.v1.placeholder(tf.float32, [None, 784])                      # after

    The table (``unscope/migrate/data/renames.json``) is generated from TensorFlow's own upgrade
    tables and API listings; a TF2 function with another behaviour than its TF1 namesake
    (``tf.where``, ``tf.cond``, initializers, ...) keeps the ``tf.compat.v1`` twin.  Names that exist
    in neither API of TF 2.21 (``tf.estimator``, ``tf.nn.rnn_cell`` without Keras 2) are findings.
    A missing name whose absence the code already handles (``try: tf.image_summary except
    AttributeError: tf.summary.image``, ``if "concat_v2" in dir(tf)``) is no finding.
    Private modules (``from tensorflow.python.ops import math_ops``) that TF 2.21 still ships are
    left alone; a module or name it no longer has is a finding naming it.
    """

    DESCRIPTION = "remaining TF1 names -> TF2 names (same behaviour) or tf.compat.v1 twins"
    ORDER = 90

    def apply(self, ctx) -> None:
        names = ctx.names
        gone = _report_gone_internal_imports(ctx)
        for ref in ctx.refs:
            if ref.claimed:
                continue
            if _internal(ref.bound):
                ref.claimed = True
                missing = None if ref.binding in gone else TFInternal.load().missing(ref.qualname())
                if missing is not None:
                    ctx.finding(ref.nodes[0], missing, _gone_message(missing))
                continue
            info = ctx.tf1_path(ref)
            if info is None:
                continue
            path, base, how = info
            if base > 0 and not ctx.imports.import_aliases(ref.binding):
                # `est = tf.estimator.Estimator`: the assigned chain itself is handled where it stands
                if ref.depth == 0:
                    continue
            if not path or path[0] == "contrib" or path[0].startswith("__"):
                continue
            n = names.longest_v1(path)
            if n == 0:
                if how == "upgrade" and not names.in_v2(path[0]):
                    ref.claimed = True
                    if handled_absence(ctx, ref.nodes[0], path):
                        continue  # an old-TF fallback: the code already handles TF 2
                    ctx.finding(ref.nodes[0], "tf." + path[0],
                                f"tf.{path[0]} is not in TensorFlow {names.version} "
                                "(neither TF2 nor tf.compat.v1); left unchanged")
                continue
            prefix = ".".join(path[:n])
            reason = names.keras2_reason(prefix)
            if reason is not None:
                ref.claimed = True
                ctx.finding(ref.nodes[0], "tf." + ".".join(path), reason + "; left unchanged")
                continue
            if how != "upgrade":
                continue
            if base > 0:
                own = ".".join(path[:base])
                if names.in_v1(own) and names.target(own) != own:
                    ctx.replace(ref, 0, tf_target(names.target(own)))
                    continue
            depth = n - base
            if depth < 0:
                continue
            if n < len(path) and names.is_module_v1(prefix):
                unknown = ".".join(path[:n + 1])
                if not names.in_v2(unknown):
                    ref.claimed = True
                    if handled_absence(ctx, ref.nodes[0], path):
                        continue
                    ctx.finding(ref.nodes[0], "tf." + unknown,
                                f"tf.{unknown} is not in TensorFlow {names.version}; left unchanged")
                continue
            target = names.target(prefix)
            entry = names.call(prefix)
            call = ref.called_at(depth)
            if _native_keeps_tf2_name(ctx, prefix, call) or _eager_checkpoint(ctx, prefix):
                continue  # already its TF2 spelling
            if entry is not None and call is not None and not (depth == 0 and base > 0):
                try:
                    ctx.add_edits(adapt_call(ctx.source, call, entry))
                    target = entry.target
                except CannotEdit:
                    pass
            elif entry is not None and call is None and prefix in names.v2_base_classes:
                target = entry.target  # isinstance(x, tf.Variable): TF2's class is the base
            if target != prefix:
                ctx.replace(ref, depth, tf_target(target))


def _internal(qualname: str) -> bool:
    parts = qualname.split(".")
    return len(parts) > 1 and parts[0] == "tensorflow" and parts[1] in INTERNAL_ROOTS


def _gone_message(missing: str) -> str:
    return (f"{missing} is not in TensorFlow {TFInternal.load().version}; left unchanged - "
            "use its public TF 2 name (tf.*) or port it by hand")


def _report_gone_internal_imports(ctx) -> set[str]:
    """One finding per import of a private TensorFlow module or name that TF 2.x lacks (the
    import itself fails); returns the names those imports bind."""
    gone: set[str] = set()
    for name in ctx.table.aliases():
        for alias in ctx.imports.import_aliases(name):
            stmt = alias.stmt
            imported = (alias.alias.name if type(stmt) is ast.Import
                        else f"{stmt.module}.{alias.alias.name}")
            if not _internal(imported):
                continue
            missing = TFInternal.load().missing(imported)
            if missing is not None:
                gone.add(name)
                ctx.finding(stmt, missing, _gone_message(missing))
    return gone
