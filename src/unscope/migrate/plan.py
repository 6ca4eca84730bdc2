"""File-level decisions taken before any rule runs: which spelling of TensorFlow the output uses.

- A file that builds graphs for a Session (placeholders, ``tf.Session``) keeps its
  ``tensorflow.compat.v1`` import (or gets ``tf.compat.v1`` twins): a ``manual`` finding marks
  the move to eager.
- Graph mode belongs to a program's entry point (see :mod:`unscope.migrate.entry_points`):
  a TF1 file whose own top-level code or ``__main__`` entry point runs graph code gets
  ``disable_v2_behavior()`` there -- after the imports when top-level code builds the graph
  (or makes TF state the entry point uses), else as the first statement under
  ``if __name__ == "__main__":``.  Library functions that use placeholders / a Session never
  switch the importing process's mode.  An existing module-level ``disable_v2_behavior()``
  is moved under the ``__main__`` guard when nothing at the top level needs it, else kept.
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
# calls that may run at import time before the entry point switches to graph mode
_MODE_NEUTRAL = ("tf.app.", "tf.flags.", "tf.logging.", "tf.config.", "tf.autograph.",
                 "tf.get_logger", "tf.disable_", "tf.enable_", "tf.compat.")


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
        self.both_spellings: list[str] = []      # names imported as tensorflow and as its compat.v1
        self.disable_call = ""                   # the statement inserted
        self.disable_at: str | None = None       # "imports" | "guard": where it goes
        self.move_disable = False                # move the existing module-level call under the guard
        self.graph_where: dict[str, object] = {}  # "top" / "main" / "library" -> first graph ref there
        self.top_state = False                   # top-level code calls TF (state graph mode must see)
        self.entry = None                        # EntryPoints of the module

    @property
    def graph(self) -> bool:
        return self.graph_ref is not None

    def kind(self, binding: str) -> str:
        return self.kinds[binding]

    @property
    def runs_graph(self) -> bool:
        """Graph code runs at import or from the program's entry point (not only in library functions)."""
        return "top" in self.graph_where or "main" in self.graph_where

    @classmethod
    def decide(cls, refs, table, imports, names: TFNames, tree=None) -> "Plan":
        from unscope.analyze.imports import is_tensorflow
        from unscope.migrate.entry_points import EntryPoints

        plan = cls()
        tree = tree if tree is not None else getattr(imports, "tree", None)
        plan.entry = entry = EntryPoints.of(tree) if tree is not None else None
        bare: set[str] = set()
        for name, bound in table.aliases().items():
            if is_tensorflow(bound):
                plan.kinds[name] = binding_kind(bound)
                spelled = {a.qualname for a in imports.import_aliases(name)}
                if {"tensorflow", "tensorflow.compat.v1"} <= spelled:
                    # `try: import tensorflow.compat.v1 as tf / except: import tensorflow as tf`:
                    # the first import that works wins, and both mean the TF1 API
                    plan.kinds[name] = "compat"
                    plan.both_spellings.append(name)
        for ref in refs:
            api = ref.api()
            where = entry.at(ref.nodes[0].lineno) if entry is not None else "top"
            if api in GRAPH_APIS:
                if plan.graph_ref is None:
                    plan.graph_ref = ref
                plan.graph_where.setdefault(where, ref)
            if api in SESSION_APIS:
                plan.session = True
            if api in DISABLE_APIS and plan.disable_ref is None:
                plan.disable_ref = ref
            if where == "top" and ref.call is not None and api not in DISABLE_APIS and \
                    not (api or "").startswith(_MODE_NEUTRAL):
                plan.top_state = True
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
        plan._place_disable(imports)
        return plan

    def _place_disable(self, imports) -> None:
        guard = self.entry.guard if self.entry is not None else None
        at_imports = "top" in self.graph_where or self.top_state or guard is None
        if self.disable_ref is not None:
            where = self.entry.at(self.disable_ref.nodes[0].lineno) if self.entry is not None else "top"
            self.move_disable = (where == "top" and not at_imports and _alone(self.disable_ref))
            return
        if not self.runs_graph:
            return
        binding = prefix = None
        root = imports.module_alias("tensorflow")
        compat = imports.module_alias("tensorflow.compat.v1") or next(
            (name for name in self.both_spellings if self.kinds.get(name) == "compat"), None)
        if self.tf1 and self.kinds.get(root) == "root":
            binding, prefix = root, f"{root}.compat.v1"
        elif self.kinds.get(compat) == "compat" and self.dialect.get(compat) == "v1":
            binding, prefix = compat, compat
        if binding is not None:
            self.insert_disable = binding
            self.disable_call = f"{prefix}.disable_v2_behavior()"
            self.disable_at = "imports" if at_imports else "guard"


def _alone(ref) -> bool:
    """The call is a whole statement: ``tf.disable_v2_behavior()`` (no arguments)."""
    call = ref.call
    return call is not None and not call.args and not call.keywords


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
