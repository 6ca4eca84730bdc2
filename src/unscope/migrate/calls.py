"""Edits of a call's arguments: rename a keyword, drop an argument, pass one by keyword, add one.

Each helper returns :class:`Edit` s on the original text, or raises :class:`CannotEdit` when
the change cannot be made exactly (a comment in the way, ``*args``) so that the rule falls
back to a spelling that needs no argument change (the ``tf.compat.v1`` twin).
"""
from __future__ import annotations

import ast

from unscope.migrate.names import CallEntry
from unscope.migrate.source import Edit, Source

__all__ = ["CannotEdit", "arguments", "rename_keyword", "remove_argument", "by_keyword",
           "insert_after", "adapt_call"]


class CannotEdit(Exception):
    pass


def arguments(call: ast.Call) -> list[ast.AST]:
    """Positional arguments and keywords in source order."""
    items = list(call.args) + list(call.keywords)
    items.sort(key=lambda n: (n.lineno, n.col_offset))
    return items


def has_star(call: ast.Call) -> bool:
    return any(type(a) is ast.Starred for a in call.args) or any(k.arg is None for k in call.keywords)


def rename_keyword(src: Source, kw: ast.keyword, new: str) -> Edit:
    start = src.offset(kw.lineno, kw.col_offset)
    if not src.text.startswith(kw.arg, start):
        raise CannotEdit(f"keyword {kw.arg} not found at its position")
    return Edit(start, start + len(kw.arg), new)


def remove_argument(src: Source, call: ast.Call, item: ast.AST) -> Edit:
    items = arguments(call)
    i = items.index(item)
    text = src.text
    start, end = src.span(item)
    if i + 1 < len(items):
        end = src.span(items[i + 1])[0]
    elif i > 0:
        start = src.span(items[i - 1])[1]
    else:
        # only argument: also eat a trailing comma
        j = end
        while j < len(text) and text[j] in " \t\r\n":
            j += 1
        if j < len(text) and text[j] == ",":
            end = j + 1
    if "#" in text[start:end]:
        raise CannotEdit("a comment inside the argument list")
    return Edit(start, end, "")


def by_keyword(src: Source, arg: ast.expr, name: str) -> Edit:
    start = src.offset(arg.lineno, arg.col_offset)
    return Edit(start, start, f"{name}=")


def insert_after(src: Source, node: ast.AST, text: str) -> Edit:
    end = src.span(node)[1]
    return Edit(end, end, text)


def adapt_call(src: Source, call: ast.Call, entry: CallEntry) -> list[Edit]:
    """Edits that make a TF1 call a valid call of its TF2 twin with the same meaning."""
    if has_star(call):
        raise CannotEdit("*args / **kwargs")
    edits: list[Edit] = []
    passed: set[str] = set()
    keyword_mode = False
    for i, arg in enumerate(call.args):
        if i >= len(entry.params):
            raise CannotEdit("more positional arguments than TF1 parameters")
        old = entry.params[i]
        new = entry.keywords.get(old, old)
        passed.add(old)
        if new is None:
            edits.append(remove_argument(src, call, arg))
            keyword_mode = True
            continue
        if new in passed and new != old:
            raise CannotEdit(f"{old} and {new} both given")
        if not keyword_mode and i < len(entry.v2_params) and entry.v2_params[i] == new:
            continue
        if new not in entry.v2_names:
            raise CannotEdit(f"{old} has no TF2 twin")
        keyword_mode = True
        edits.append(by_keyword(src, arg, new))
    for kw in call.keywords:
        old = kw.arg
        new = entry.keywords.get(old, old)
        if old in passed or (new is not None and new in passed):
            raise CannotEdit(f"{old} given twice")
        passed.add(old)
        if new is None:
            edits.append(remove_argument(src, call, kw))
            continue
        passed.add(new)
        if new not in entry.v2_names and not entry.v2_varkw:
            raise CannotEdit(f"{old} has no TF2 twin")
        if new != old:
            edits.append(rename_keyword(src, kw, new))
    if sum(1 for e in edits if not e.new) > 1:
        raise CannotEdit("more than one argument to drop")
    renamed = {entry.keywords.get(p, p) for p in passed}
    for name in entry.explicit:
        if name not in passed and entry.keywords.get(name, name) not in renamed:
            raise CannotEdit(f"TF2 default of {name} differs")
    return edits
