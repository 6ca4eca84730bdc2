"""Migration rules: one small class per file, found automatically (like pyupgrade's fixers).

A rule is a subclass of :class:`Rule` with a one-line ``DESCRIPTION``, a docstring showing
before and after, and ``apply(ctx)``; the file's name is the rule's name, its golden cases live
in ``tests/rules/cases/<name>/``.  Rules run in ``ORDER``; a rule that handles a chain claims it
(``ctx.replace`` does), and later rules skip claimed chains::

    >>> [r.NAME for r in rules("compat")][:2]
    ['graph_mode', 'collections']
"""
from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil

__all__ = ["Rule", "RenameRule", "ModuleRule", "rules", "all_rules"]


class Rule:
    """Base class. Subclasses set ``DESCRIPTION`` (one line) and implement ``apply``."""

    NAME = ""
    DESCRIPTION = ""
    MODES: tuple[str, ...] = ("compat", "native")
    ORDER = 50

    def apply(self, ctx) -> None:  # pragma: no cover - interface
        raise NotImplementedError


class RenameRule(Rule):
    """A rule that sends TF1 APIs (canonical names) to the same names in the unscope runtime."""

    RENAMES: dict[str, str] = {}

    def apply(self, ctx) -> None:
        from unscope.migrate.context import unscope_target

        last = frozenset(api.rpartition(".")[2] for api in self.RENAMES)
        for ref in ctx.refs:
            if ref.claimed or not (ref.words & last):
                continue
            hit = ctx.match(ref, self.RENAMES)
            if hit is not None:
                depth, api = hit
                ctx.replace(ref, depth, unscope_target(self.RENAMES[api]))


class ModuleRule(Rule):
    """A rule that sends whole TF1 modules to an unscope package (``tf.layers`` -> ``unscope.layers``).

    ``MODULES`` maps canonical module names to unscope namespaces; a name the namespace does
    not define is still rewritten (the TF1 module is gone in TF 2 either way) and reported.
    """

    MODULES: dict[str, str] = {}
    GONE = "is gone in TF 2"

    def apply(self, ctx) -> None:
        from unscope.migrate.context import unscope_target
        from unscope.migrate.runtime_names import provided

        last = frozenset(m.rpartition(".")[2] for m in self.MODULES) | {"tf_slim"}
        for ref in ctx.refs:
            if ref.claimed or not (ref.words & last):
                continue
            hit = ctx.match_module(ref, self.MODULES)
            if hit is None:
                continue
            depth, module, rest, _ = hit
            namespace = self.MODULES[module]
            ctx.replace(ref, depth, unscope_target(namespace + ("." + rest if rest else "")))
            first = rest.split(".")[0] if rest else (ref.attrs[depth] if depth < ref.depth else None)
            if first and first not in provided(namespace):
                ctx.finding(ref.nodes[0], f"{module}.{first}",
                            f"unscope.{namespace} has no `{first}` and {module} {self.GONE}; "
                            f"rewritten to unscope.{namespace}.{first} - replace it by hand")


@functools.lru_cache(maxsize=None)
def all_rules() -> tuple[Rule, ...]:
    """One instance of every rule in this package, in ``ORDER`` then name order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        classes = [obj for obj in vars(module).values()
                   if inspect.isclass(obj) and issubclass(obj, Rule) and obj.__module__ == module.__name__]
        if len(classes) != 1:
            raise RuntimeError(f"rule module {module.__name__} must define exactly one Rule")
        cls = classes[0]
        cls.NAME = info.name
        found.append(cls())
    found.sort(key=lambda r: (r.ORDER, r.NAME))
    return tuple(found)


def rules(mode: str) -> tuple[Rule, ...]:
    return tuple(r for r in all_rules() if mode in r.MODES)
