"""File-level decisions taken before any rule runs: which spelling of TensorFlow the output uses.

- A file that builds graphs for a Session (placeholders, ``tf.Session``) keeps its
  ``tensorflow.compat.v1`` import and ``disable_v2_behavior()``: graph-mode scripts keep
  working; a ``manual`` finding marks the move to eager.  A TF1 script written against
  ``import tensorflow as tf`` gets ``tf.compat.v1`` twins and a
  ``tf.compat.v1.disable_v2_behavior()`` after its imports (TF1 ran everything in a graph).
- Otherwise ``import tensorflow.compat.v1 as tf`` becomes ``import tensorflow as tf`` and every
  name gets its TF2 spelling.  An alias used as a value (``f(tf)``) keeps its import.
- Code spelled for TF2 (``import tensorflow as tf`` and no TF1-only name) is not renamed.

Binding kinds: ``root`` (bound to ``tensorflow``), ``compat`` (``tensorflow.compat.v1``),
``v2`` (``tensorflow.compat.v2``), ``symbol`` (anything deeper, ``tf_slim`` ...).
"""
from __future__ import annotations

from unscope.migrate.names import TFNames

__all__ = ["Plan", "GRAPH_APIS", "SESSION_APIS", "DISABLE_APIS"]

SESSION_APIS = frozenset({
    "tf.Session", "tf.InteractiveSession", "tf.train.MonitoredTrainingSession",
    "tf.train.MonitoredSession", "tf.train.SingularMonitoredSession",
})
GRAPH_APIS = SESSION_APIS | {"tf.placeholder", "tf.placeholder_with_default", "tf.sparse_placeholder"}
DISABLE_APIS = frozenset({"tf.disable_v2_behavior", "tf.disable_eager_execution"})


def binding_kind(bound: str) -> str:
    if bound == "tensorflow":
        return "root"
    if bound == "tensorflow.compat.v1":
        return "compat"
    if bound == "tensorflow.compat.v2" or bound.startswith("tensorflow.compat.v2."):
        return "v2"
    return "symbol"


class Plan:
    def __init__(self) -> None:
        self.kinds: dict[str, str] = {}
        self.dialect: dict[str, str] = {}        # root/compat binding -> "tf2" | "v1"
        self.graph_ref = None                    # first placeholder / Session use
        self.session = False
        self.disable_ref = None                  # first disable_v2_behavior() / disable_eager_execution()
        self.tf1 = False                         # TF1-only names spelled through `tensorflow`
        self.insert_disable: str | None = None   # binding to spell the inserted disable call with

    @property
    def graph(self) -> bool:
        return self.graph_ref is not None

    def kind(self, binding: str) -> str:
        return self.kinds[binding]

    @classmethod
    def decide(cls, refs, table, imports, names: TFNames) -> "Plan":
        from unscope.analyze.imports import is_tensorflow

        plan = cls()
        bare: set[str] = set()
        for name, bound in table.aliases().items():
            if is_tensorflow(bound):
                plan.kinds[name] = binding_kind(bound)
                spelled = {a.qualname for a in imports.import_aliases(name)}
                if {"tensorflow", "tensorflow.compat.v1"} <= spelled:
                    # `try: import tensorflow.compat.v1 as tf / except: import tensorflow as tf`:
                    # the first import that works wins, and both mean the TF1 API
                    plan.kinds[name] = "compat"
        for ref in refs:
            api = ref.api()
            if api in GRAPH_APIS and plan.graph_ref is None:
                plan.graph_ref = ref
            if api in SESSION_APIS:
                plan.session = True
            if api in DISABLE_APIS and plan.disable_ref is None:
                plan.disable_ref = ref
            kind = plan.kinds.get(ref.binding)
            if kind == "compat" and not ref.attrs:
                bare.add(ref.binding)
            if not plan.tf1 and tf1_only(ref, kind, names):
                plan.tf1 = True
        for name, kind in plan.kinds.items():
            if kind == "root":
                plan.dialect[name] = "tf2"
            elif kind == "compat":
                import_made = imports.imported_as(name, "tensorflow.compat.v1")
                keep = plan.graph or name in bare or not import_made
                plan.dialect[name] = "v1" if keep else "tf2"
        if plan.tf1 and plan.session and plan.disable_ref is None:
            roots = [n for n, k in plan.kinds.items() if k == "root" and imports.imported_as(n, "tensorflow")]
            if roots:
                plan.insert_disable = roots[0]
        return plan


def tf1_only(ref, kind: str | None, names: TFNames) -> bool:
    """True for a chain that spells a TF1-only name through plain ``tensorflow``."""
    if kind == "root":
        path = ref.attrs
    elif kind == "symbol" and ref.bound.startswith("tensorflow.") and not ref.bound.startswith("tensorflow.compat"):
        path = ref.bound.split(".")[1:] + ref.attrs
    else:
        return False
    if not path or path[0] == "compat" or path[0].startswith("__"):
        return False
    if path[0] == "contrib":
        return True
    n = names.longest_v1(path)
    if n == 0:
        return False
    prefix = ".".join(path[:n])
    if not names.in_v2(prefix) or names.keras2_reason(prefix) is not None:
        return True
    call = ref.call
    if call is not None and n == len(path):
        # a TF2 name called with a keyword only its TF1 namesake takes (keep_dims=, dim=, ...)
        entry = names.call(prefix)
        if entry is not None and any(k.arg in entry.keywords or (k.arg and k.arg not in entry.v2_names
                                     and k.arg in entry.params) for k in call.keywords):
            return True
        if prefix == "nn.dropout" and any(k.arg == "keep_prob" for k in call.keywords):
            return True
    return False
