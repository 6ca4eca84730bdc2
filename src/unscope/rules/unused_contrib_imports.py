"""Migration rule `unused_contrib_imports` (see the class docstring)."""
from unscope.rules import Rule

_GONE_ROOTS = ("tensorflow.contrib", "tf_slim")


def _gone(qualname: str) -> bool:
    return any(qualname == root or qualname.startswith(root + ".") for root in _GONE_ROOTS)


class UnusedContribImports(Rule):
    """An import of ``tf.contrib`` that no code uses is removed: TF 2 has no ``tf.contrib``, so
    the import alone would fail when the module is imported.

        import tensorflow.contrib.slim as slim     # before (slim never used)
                                                   # after: the line is gone
    """

    DESCRIPTION = "unused tensorflow.contrib imports (ImportError in TF 2) -> removed"
    ORDER = 95  # after every rule that may have rebound a contrib import it uses

    def apply(self, ctx) -> None:
        used = ctx.index.names
        for name in ctx.table.aliases():
            if name in used or name == "tensorflow":
                continue
            for alias in ctx.imports.import_aliases(name):
                if alias.action is None and _gone(alias.qualname):
                    ctx.imports.remove(name)
                    break
