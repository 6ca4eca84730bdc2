"""Model functions a program imports from another file of its project.

    from model import CLASSES, classifier        from model import CLASSES, Classifier
    logits = classifier(tokens)            ->    classifier = Classifier()  (built once)

Native mode turns ``model.py``'s ``classifier`` into ``class Classifier`` (and keeps the TF1
function for importers); the program then builds that class.  Only ``from <module> import
<name>`` of a sibling file (``<dir of the program>/<module>.py``, or ``from . import``-style
relative to the same directory) is followed; the sibling is read and planned, never written.
"""
from __future__ import annotations

import ast
import os
from dataclasses import dataclass

__all__ = ["ImportedModel", "imported_models"]


@dataclass
class ImportedModel:
    """``local`` the name the program calls; ``entry`` native mode's class entry
    (``function``, ``class``, ``init_args``, ``call_args``); ``tree`` the sibling's parsed source."""

    local: str
    module: str
    entry: dict
    tree: ast.Module
    node: ast.ImportFrom


def imported_models(tree: ast.Module, path: str) -> dict[str, ImportedModel]:
    """``{local name: ImportedModel}`` for the model functions ``tree`` imports from its siblings."""
    if not path or not os.path.isfile(path):
        return {}
    here = os.path.dirname(os.path.abspath(path))
    found = {}
    for stmt in tree.body:
        if not isinstance(stmt, ast.ImportFrom) or stmt.level > 1 or not stmt.module:
            continue
        sibling = os.path.join(here, *stmt.module.split(".")) + ".py"
        if not os.path.isfile(sibling) or os.path.samefile(sibling, path):
            continue
        classes, sibling_tree = _classes(sibling, frozenset(a.name for a in stmt.names))
        for alias in stmt.names:
            if alias.name in classes:
                found[alias.asname or alias.name] = ImportedModel(
                    alias.asname or alias.name, stmt.module, classes[alias.name], sibling_tree, stmt)
    return found


def _classes(sibling: str, names: frozenset):
    """``({function: class entry}, parsed sibling)``; nothing when it cannot be read or planned."""
    from unscope.native import migrate_native

    try:
        with open(sibling, encoding="utf-8") as fh:
            source = fh.read()
        tree = ast.parse(source)
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        return {}, None
    result = migrate_native(source, path=sibling, imported=names)
    if result.error is not None:
        return {}, None
    return {c["function"]: c for c in result.classes}, tree


def import_classes(code: str, models: dict[str, ImportedModel], still_used: set) -> str:
    """Import each built class from its module: ``from model import classifier`` becomes
    ``from model import Classifier`` (or gains it, when the function is still used)."""
    if not models:
        return code
    tree = ast.parse(code)
    lines = code.splitlines(keepends=True)
    for stmt in reversed(tree.body):
        if not isinstance(stmt, ast.ImportFrom):
            continue
        wanted = {m.local: m for m in models.values() if m.module == stmt.module
                  and any((a.asname or a.name) == m.local for a in stmt.names)}
        if not wanted:
            continue
        names = []
        for alias in stmt.names:
            model = wanted.get(alias.asname or alias.name)
            if model is None or model.local in still_used:
                names.append(alias)
            if model is not None and all(a.name != model.entry["class"] for a in stmt.names):
                names.append(ast.alias(model.entry["class"]))
        new = ast.ImportFrom(stmt.module, names, stmt.level)
        indent = " " * stmt.col_offset
        lines[stmt.lineno - 1:stmt.end_lineno] = [indent + ast.unparse(new) + "\n"]
    return "".join(lines)
