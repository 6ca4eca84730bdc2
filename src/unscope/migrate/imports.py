"""The one place where migration adds, changes and removes import statements.

Rules never edit imports themselves; they ask this helper, which turns all requests for a file
into edits of the same kind the rules make (text spans of the original source)::

    import tensorflow.compat.v1 as tf          ->  import tensorflow as tf
                                                   import unscope
    from tensorflow.contrib import slim        ->  from unscope import slim
    from tensorflow.compat.v1 import (         ->  from unscope import (
        get_variable, variable_scope)                  get_variable, variable_scope)

An import statement is regenerated from its ``ast`` only when its aliases go to different
modules; then a comment inside the statement cannot be kept, and the file is left unchanged
(:class:`CannotMigrate`) rather than lose it.
"""
from __future__ import annotations

import ast
import re

from unscope.migrate.source import Edit, Source

__all__ = ["ImportEditor", "CannotMigrate"]


class CannotMigrate(Exception):
    """The file cannot be rewritten exactly; it stays unchanged, with this reason as a finding."""

    def __init__(self, message: str, node: ast.AST | None = None, api: str = "import") -> None:
        super().__init__(message)
        self.node = node
        self.api = api


_FROM_MODULE = re.compile(r"from(\s+)([\w.]+)(\s+)import")


class _Alias:
    """One name bound by an import statement, and what it becomes."""

    __slots__ = ("stmt", "alias", "name", "action")

    def __init__(self, stmt, alias):
        self.stmt = stmt
        self.alias = alias
        self.name = alias.asname or (alias.name if type(stmt) is ast.ImportFrom else alias.name.partition(".")[0])
        self.action = None  # None: keep; ("import", module); ("from", module, attr); ("remove",)

    @property
    def qualname(self) -> str:
        if type(self.stmt) is ast.ImportFrom:
            return f"{self.stmt.module}.{self.alias.name}"
        return self.alias.name if self.alias.asname else self.alias.name.partition(".")[0]


class ImportEditor:
    def __init__(self, source: Source, tree: ast.Module) -> None:
        self.source = source
        self.tree = tree
        self._by_name: dict[str, list[_Alias]] = {}
        self._top: list[ast.stmt] = list(tree.body)
        self._module_level_names: dict[str, str] = {}   # name -> qualname, top-level imports
        self._parents: dict[int, list[ast.stmt]] = {}
        self._unscope: str | None = None
        self._tensorflow: str | None = None
        self._need_unscope = False
        self._need_tensorflow: str | None = None
        self._after_imports: list[str] = []
        self._scan(tree.body, top=True)
        self.used_names: set[str] | None = None

    # --- reading --------------------------------------------------------------------------
    def _scan(self, body, top: bool) -> None:
        for stmt in body:
            kind = type(stmt)
            if kind is ast.Import or (kind is ast.ImportFrom and stmt.module and not stmt.level):
                self._parents[id(stmt)] = body
                for alias in stmt.names:
                    if alias.name == "*":
                        continue
                    a = _Alias(stmt, alias)
                    self._by_name.setdefault(a.name, []).append(a)
                    if top:
                        self._module_level_names[a.name] = a.qualname
                continue
            if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
                self._scan(stmt.body, top=False)
                continue
            for field in ("body", "orelse", "finalbody"):
                block = getattr(stmt, field, None)
                if block and isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                    self._scan(block, top)
            for handler in getattr(stmt, "handlers", ()) or ():
                self._scan(handler.body, top)
            for case in getattr(stmt, "cases", ()) or ():
                self._scan(case.body, top)

    def import_aliases(self, name: str) -> list[_Alias]:
        return self._by_name.get(name, [])

    def imported_as(self, name: str, qualname: str) -> bool:
        """True when an import statement binds ``name`` to ``qualname``."""
        return any(a.qualname == qualname for a in self._by_name.get(name, ()))

    def module_alias(self, qualname: str) -> str | None:
        """A module-level name an import binds to ``qualname`` (e.g. the name of ``unscope``)."""
        for name, q in self._module_level_names.items():
            if q == qualname and all(a.action is None for a in self._by_name[name]):
                return name
        return None

    # --- requests -------------------------------------------------------------------------
    def retarget(self, name: str, module: str) -> None:
        """Make every import of ``name`` bind the module ``module`` (``import module as name``)."""
        for a in self._by_name.get(name, ()):
            if a.qualname != module:
                a.action = ("import", module)

    def rebind(self, name: str, module: str, attr: str | None) -> bool:
        """Make the imports of ``name`` bind ``module.attr`` (``from module import attr as name``).

        Returns False when ``name`` is not bound by an import (an assignment such as
        ``slim = tf.contrib.slim`` is rewritten where it stands, by the rule that matches it).
        """
        aliases = self._by_name.get(name)
        if not aliases:
            return False
        action = ("from", module, attr) if attr else ("import", module)
        for a in aliases:
            if a.action is not None and a.action != action:
                raise CannotMigrate(f"`{name}` would need two different imports", a.stmt)
            if (module + "." + attr if attr else module) != a.qualname:
                a.action = action
        return True

    def remove(self, name: str) -> None:
        for a in self._by_name.get(name, ()):
            if a.action is None:
                a.action = ("remove",)

    def unscope_name(self) -> str:
        """The name under which ``unscope`` is reachable, adding ``import unscope`` if needed."""
        if self._unscope is None:
            self._unscope = self.module_alias("unscope")
            if self._unscope is None:
                self._unscope = "unscope"
                self._need_unscope = True
        return self._unscope

    def tensorflow_name(self, preferred: str | None = None) -> str:
        """A module-level name bound to ``tensorflow`` in the output, adding an import if needed."""
        if self._tensorflow is None:
            if preferred is not None:
                self._tensorflow = preferred
            else:
                found = self.module_alias("tensorflow")
                if found is None:
                    taken = self.used_names or set()
                    found = next(n for n in ("tf", "tf2", "tensorflow") if n not in taken
                                 and n not in self._by_name)
                    self._need_tensorflow = found
                self._tensorflow = found
        return self._tensorflow

    def set_tensorflow_name(self, name: str) -> None:
        if self._tensorflow is None:
            self._tensorflow = name

    def add_after_import(self, name: str, text: str) -> None:
        """A statement to put right after the import that binds ``name``, at its indentation
        (``tf.compat.v1.disable_v2_behavior()`` right after ``import tensorflow as tf``)."""
        self._after_imports.append((name, text))

    # --- output ---------------------------------------------------------------------------
    def edits(self) -> list[Edit]:
        out: list[Edit] = []
        seen: set[int] = set()
        self._deleted: set[int] = set()
        for aliases in self._by_name.values():
            for a in aliases:
                if a.action is not None and id(a.stmt) not in seen:
                    seen.add(id(a.stmt))
                    out.extend(self._statement_edits(a.stmt))
        lines = []
        if self._need_tensorflow:
            name = self._need_tensorflow
            lines.append("import tensorflow" if name == "tensorflow" else f"import tensorflow as {name}")
        if self._need_unscope:
            lines.append("import unscope")
        last, _ = self._tf_imports()
        imports_at = last or self._leading_imports_end()
        for name, text in self._after_imports:
            stmt = self._by_name[name][0].stmt
            if stmt is imports_at:
                lines.append(text)  # right after TensorFlow's import, as the TF guide does
            else:
                indent = self.source.text[self.source.line_start(stmt.lineno):self.source.span(stmt)[0]]
                out.append(self._insert_after(stmt, [(indent if not indent.strip() else "") + text]))
        if lines:
            out.append(self._insert_after(imports_at, lines))
        return out

    def _stmt_aliases(self, stmt) -> list[_Alias]:
        found = []
        for alias in stmt.names:
            name = alias.asname or (alias.name if type(stmt) is ast.ImportFrom else alias.name.partition(".")[0])
            for a in self._by_name.get(name, ()):
                if a.alias is alias:
                    found.append(a)
        return found

    def _statement_edits(self, stmt) -> list[Edit]:
        src = self.source
        aliases = self._stmt_aliases(stmt)
        start, end = src.span(stmt)
        text = src.text[start:end]
        actions = [a.action for a in aliases]
        # Common case, kept byte for byte: `from X import (a, b)` -> `from Y import (a, b)`.
        if type(stmt) is ast.ImportFrom and actions and all(
                act is not None and act[0] == "from" for act in actions):
            modules = {act[1] for act in actions}
            if len(modules) == 1 and all(act[2] == a.alias.name for act, a in zip(actions, aliases)):
                m = _FROM_MODULE.match(text)
                if m:
                    return [Edit(start + m.start(2), start + m.end(2), modules.pop())]
        if all(act == ("remove",) for act in actions):
            edit = self._delete_statement(stmt)
            if edit.new == "":
                self._deleted.add(id(stmt))
            return [edit]
        if "#" in text and "\n" in text:
            raise CannotMigrate("an import with a comment inside must change; rewrite it by hand "
                                "or split it, then migrate again", stmt)
        groups: list[tuple[str, str, list[str]]] = []   # (kind, module, names)

        def add(kind: str, module: str, piece: str) -> None:
            if groups and groups[-1][0] == kind == "from" and groups[-1][1] == module:
                groups[-1][2].append(piece)
            elif groups and groups[-1][0] == kind == "import" and groups[-1][1] == "":
                groups[-1][2].append(piece)
            else:
                groups.append((kind, module if kind == "from" else "", [piece]))

        for a, act in zip(aliases, actions):
            name = a.name
            if act is None:
                if type(stmt) is ast.ImportFrom:
                    piece = a.alias.name + (f" as {a.alias.asname}" if a.alias.asname else "")
                    add("from", stmt.module, piece)
                else:
                    add("import", "", a.alias.name + (f" as {a.alias.asname}" if a.alias.asname else ""))
            elif act[0] == "remove":
                continue
            elif act[0] == "import":
                module = act[1]
                add("import", "", module if module == name else f"{module} as {name}")
            else:
                _, module, attr = act
                add("from", module, attr if attr == name else f"{attr} as {name}")
        rendered = []
        for kind, module, pieces in groups:
            if kind == "from":
                rendered.append(f"from {module} import {', '.join(pieces)}")
            else:
                rendered.append(f"import {', '.join(pieces)}")
        line_prefix = src.text[src.line_start(stmt.lineno):start]
        if line_prefix.strip():
            sep = "; "  # `x = 1; import a` or `if c: import a`
        else:
            sep = src.newline + line_prefix
        return [Edit(start, end, sep.join(rendered) if rendered else "pass")]

    def _delete_statement(self, stmt) -> Edit:
        src = self.source
        start, end = src.span(stmt)
        body = self._parents.get(id(stmt), [])
        line_prefix = src.text[src.line_start(stmt.lineno):start]
        line_suffix = src.text[end:src.line_end(stmt.end_lineno)]
        alone = not line_prefix.strip() and (not line_suffix.strip() or line_suffix.strip().startswith("#"))
        if len(body) <= 1 or not alone:
            return Edit(start, end, "pass")
        line_end = src.line_end(stmt.end_lineno)
        return Edit(src.line_start(stmt.lineno), min(line_end + 1, len(src.text)), "")

    def _insert_after(self, stmt: ast.stmt | None, lines: list[str]) -> Edit:
        src = self.source
        nl = src.newline
        if stmt is None:
            # no import at the top: before the first statement (after docstring / shebang)
            first = self._first_code_statement()
            if first is None:
                pos = len(src.text)
                lead = "" if not src.text or src.text.endswith("\n") else nl
                return Edit(pos, pos, lead + nl.join(lines) + nl)
            pos = src.line_start(first.lineno)
            return Edit(pos, pos, nl.join(lines) + nl)
        if id(stmt) in getattr(self, "_deleted", ()):
            pos = src.line_start(stmt.lineno)  # the anchor's line goes; take its place
            return Edit(pos, pos, nl.join(lines) + nl)
        pos = src.line_end(stmt.end_lineno)
        if nl == "\r\n" and pos > 0 and src.text[pos - 1] == "\r":
            pos -= 1
        return Edit(pos, pos, nl + nl.join(lines))

    def _first_code_statement(self):
        for stmt in self._top:
            if stmt is self._top[0] and _is_docstring(stmt):
                continue
            if type(stmt) is ast.ImportFrom and stmt.module == "__future__":
                continue
            return stmt
        return None

    def _tf_imports(self) -> tuple[ast.stmt | None, ast.stmt | None]:
        """``(last, first)`` top-level statements holding a TensorFlow import: ``last`` within
        the module's leading import block (``import unscope`` goes after it, as it sorts after
        ``tensorflow``), ``first`` anywhere."""
        first = last = None
        leading = True
        for i, stmt in enumerate(self._top):
            imports = _imports_in(stmt)
            if any(_is_tf_import(node) for node in imports):
                first = first or stmt
                if leading:
                    last = stmt
            if not imports and not (i == 0 and _is_docstring(stmt)) and type(stmt) is not ast.Pass:
                leading = False  # (a notebook's masked %magic lines are `pass`)
        return last, first

    def _leading_imports_end(self) -> ast.stmt | None:
        """The last statement of the module's leading docstring / import block, or None."""
        last = None
        for i, stmt in enumerate(self._top):
            if (i == 0 and _is_docstring(stmt)) or type(stmt) in (ast.Import, ast.ImportFrom) or (
                    type(stmt) in (ast.Try, ast.If) and _imports_in(stmt) and _only_imports(stmt)):
                last = stmt
                continue
            break
        return last


def _is_docstring(stmt: ast.stmt) -> bool:
    return type(stmt) is ast.Expr and type(stmt.value) is ast.Constant and isinstance(stmt.value.value, str)


def _is_tf_import(node) -> bool:
    if type(node) is ast.ImportFrom:
        return (node.module or "").split(".")[0] in ("tensorflow", "tf_slim", "unscope")
    return any(a.name.split(".")[0] in ("tensorflow", "tf_slim", "unscope") for a in node.names)


def _imports_in(stmt: ast.stmt) -> list:
    if type(stmt) in (ast.Import, ast.ImportFrom):
        return [stmt]
    if type(stmt) in (ast.Try, ast.If):
        out = []
        for block in (stmt.body, getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])):
            for s in block:
                out.extend(_imports_in(s))
        for handler in getattr(stmt, "handlers", []):
            for s in handler.body:
                out.extend(_imports_in(s))
        return out
    return []


def _only_imports(stmt: ast.stmt) -> bool:
    blocks = [stmt.body, getattr(stmt, "orelse", []), getattr(stmt, "finalbody", [])]
    blocks += [h.body for h in getattr(stmt, "handlers", [])]
    for block in blocks:
        for s in block:
            if type(s) in (ast.Import, ast.ImportFrom, ast.Pass):
                continue
            if type(s) in (ast.Try, ast.If) and _only_imports(s):
                continue
            if type(s) is ast.Expr:  # e.g. a print in an except block
                continue
            return False
    return True
