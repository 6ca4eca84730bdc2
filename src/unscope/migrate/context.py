"""What a rule sees of one file, and the only ways it may change it.

A rule reads ``ctx.refs`` (every TensorFlow chain, see :mod:`unscope.migrate.refs`), and asks
for changes with :meth:`Context.replace` (a chain prefix becomes another name),
:meth:`Context.edit` (any other exact text edit) and :meth:`Context.finding` (what a person
must look at).  It never prints, never writes files and never edits imports by hand.
"""
from __future__ import annotations

import ast
from typing import NamedTuple

from unscope.analyze.findings import Finding
from unscope.migrate.imports import CannotMigrate, ImportEditor
from unscope.migrate.names import TFNames
from unscope.migrate.plan import Plan
from unscope.migrate.source import Edit, Source

__all__ = ["Context", "Target", "unscope_target", "tf_target"]


class Target(NamedTuple):
    """Where a name goes: ``module`` is ``"unscope"`` or ``"tensorflow"``, ``path`` below it."""

    module: str
    path: str


def unscope_target(path: str) -> Target:
    return Target("unscope", path)


def tf_target(path: str) -> Target:
    return Target("tensorflow", path)


class Context:
    def __init__(self, source: Source, tree: ast.Module, table, index, mode: str, path: str,
                 was_tf1: bool = False) -> None:
        self.source = source
        self.tree = tree
        self.table = table
        self.index = index
        self.refs = index.refs
        self.mode = mode
        self.path = path
        self.names = TFNames.load()
        self.imports = ImportEditor(source, tree)
        self.plan = Plan.decide(self.refs, table, self.imports, self.names)
        for name, kind in self.plan.kinds.items():
            if kind == "compat" and self.imports.imported_as(name, "tensorflow.compat.v1"):
                # every import of the alias agrees with the chosen spelling
                module = "tensorflow" if self.plan.dialect[name] == "tf2" else "tensorflow.compat.v1"
                self.imports.retarget(name, module)
        # Native mode's output for TF1 code: calls whose TF2 namesake reads the same positional
        # arguments differently (tf.nn.dropout's keep_prob / rate) are TF1's even where the
        # output spells nothing TF1-only any more.
        self.was_tf1 = was_tf1
        self._parents: dict[int, ast.AST] | None = None
        self.edits: list[Edit] = []
        self.findings: list[Finding] = []
        self.classes: list[dict] = []
        self._dropped: dict[str, int] = {}

    @property
    def parents(self) -> dict[int, ast.AST]:
        """``id(node) -> parent node`` over the whole module, built once on first use."""
        if self._parents is None:
            self._parents = {id(child): node for node in ast.walk(self.tree)
                             for child in ast.iter_child_nodes(node)}
        return self._parents

    # --- matching helpers -------------------------------------------------------------------
    def match(self, ref, table) -> tuple[int, str] | None:
        """The shortest prefix of ``ref`` whose canonical api is a key of ``table``."""
        for depth in range(ref.depth + 1):
            api = ref.api(depth)
            if api is not None and api in table:
                return depth, api
        return None

    def match_module(self, ref, modules) -> tuple[int, str, str, str] | None:
        """``(depth, module, rest, api)`` for the shortest prefix inside one of ``modules``.

        ``rest`` is the part of that prefix's api below the module (``""`` for the module
        itself), so ``tf.layers.dense`` matches ``tf.layers`` at depth 1 with rest ``""``,
        and ``from tensorflow.contrib.layers import fully_connected`` at depth 0 with rest
        ``"fully_connected"``.
        """
        for depth in range(ref.depth + 1):
            api = ref.api(depth)
            if api is None:
                continue
            for module in modules:
                if api == module:
                    return depth, module, "", api
                if api.startswith(module) and api[len(module)] == ".":
                    return depth, module, api[len(module) + 1:], api
        return None

    def tf1_path(self, ref, assume_tf1: bool = False) -> tuple[list[str], int, str] | None:
        """``(path, base, how)`` of a chain spelled with TF1 names.

        ``path`` is the TF1 API path of the whole chain (``["nn", "relu"]``); ``base`` how many
        of its parts the binding itself covers (depth ``d`` is ``path[:base + d]``); ``how`` is
        ``"upgrade"`` when the output must spell it for TF2, ``"keep"`` when it stays on
        ``tf.compat.v1`` (explicit ``tf.compat.v1.x``, or a kept compat alias).
        """
        kind = self.plan.kinds.get(ref.binding)
        attrs = ref.attrs
        if kind in ("root", "compat"):
            if attrs[:2] == ["compat", "v1"]:
                return attrs[2:], -2, "keep"
            if attrs[:1] == ["compat"]:
                return None
            if kind == "root":
                return (attrs, 0, "upgrade") if self.plan.tf1 or assume_tf1 else None
            return attrs, 0, ("upgrade" if self.plan.dialect[ref.binding] == "tf2" else "keep")
        if kind == "symbol":
            bound = ref.bound
            if bound.startswith("tensorflow.compat.v1."):
                path = bound[len("tensorflow.compat.v1."):].split(".")
                return path + attrs, len(path), "keep"
            if bound.startswith("tensorflow.") and not bound.startswith("tensorflow.compat"):
                path = bound[len("tensorflow."):].split(".")
                return path + attrs, len(path), ("upgrade" if self.plan.tf1 else "keep")
        return None

    # --- changes ----------------------------------------------------------------------------
    def edit(self, start: int, end: int, new: str) -> None:
        self.edits.append(Edit(start, end, new))

    def add_edits(self, edits) -> None:
        self.edits.extend(edits)

    def replace(self, ref, depth: int, target: Target) -> None:
        """Make the prefix of ``ref`` of ``depth`` name ``target`` instead; claims ``ref``."""
        ref.claimed = True
        kind = self.plan.kinds.get(ref.binding)
        if depth == 0 and kind == "symbol":
            module, _, attr = target.path.rpartition(".")
            full = target.module + ("." + module if module else "")
            if target.module == "unscope" and not module:
                full, attr = "unscope", target.path
            if self.imports.rebind(ref.binding, full, attr):
                return
            return  # bound by an assignment that is rewritten where it stands
        self.replace_text(ref, depth, self.spell(target, ref))

    def replace_text(self, ref, depth: int, new: str) -> None:
        """Make the prefix of ``ref`` of ``depth`` read ``new`` (source text); claims ``ref``."""
        ref.claimed = True
        node = ref.nodes[depth]
        old = self.source.segment(node)
        if "".join(old.split()) == new:
            return
        if "#" in old or "\\" in old:
            raise CannotMigrate(f"a comment or line continuation inside `{' '.join(old.split())}`",
                                node, ref.api(depth) or "tf")
        start, end = self.source.span(node)
        self.edits.append(Edit(start, end, new))
        self._dropped[ref.binding] = self._dropped.get(ref.binding, 0) + 1

    def spell(self, target: Target, ref=None) -> str:
        """Source text naming ``target`` in the output, as seen from the chain ``ref``."""
        if target.module == "unscope":
            return f"{self.imports.unscope_name()}.{target.path}" if target.path else self.imports.unscope_name()
        path = target.path
        kind = self.plan.kinds.get(ref.binding) if ref is not None else None
        if kind in ("root", "compat"):
            dialect = self.plan.dialect[ref.binding]
            spelled = path if dialect == "tf2" else self.names.v1_spelling(path)
            return f"{ref.binding}.{spelled}" if spelled else ref.binding
        return f"{self.tensorflow_root()}.{path}" if path else self.tensorflow_root()

    def tensorflow_root(self) -> str:
        """A module-level name for ``tensorflow`` in the output (an import is added if none)."""
        for name, kind in self.plan.kinds.items():
            if kind in ("root", "compat") and self.plan.dialect.get(name) == "tf2" and (
                    self.imports.imported_as(name, "tensorflow")
                    or self.imports.imported_as(name, "tensorflow.compat.v1")):
                self.imports.set_tensorflow_name(name)
                break
        return self.imports.tensorflow_name()

    def finding(self, node: ast.AST, api: str, message: str, verdict: str = "manual") -> None:
        self.findings.append(Finding(self.path, node.lineno, self.source.column(node), None,
                                     api, None, verdict, message))

    def unused_bindings(self) -> list[str]:
        """Import-bound names whose every use was rewritten to another name."""
        if not self._dropped:
            return []
        uses: dict[str, int] = {}
        for ref in self.refs:
            uses[ref.binding] = uses.get(ref.binding, 0) + 1
        return [name for name, dropped in self._dropped.items()
                if dropped == uses.get(name) and self.plan.kinds.get(name) == "symbol"]
