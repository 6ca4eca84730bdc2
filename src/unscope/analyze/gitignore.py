"""A subset of ``.gitignore`` matching, enough to skip what a repository ignores.

Supported: comments, blank lines, ``!`` negation, trailing ``/`` (directories only), patterns
anchored by a ``/`` at the start or in the middle, ``*``, ``?``, ``[...]``, and ``**`` as a
leading ``**/``, trailing ``/**`` or inner ``/**/``; nested ``.gitignore`` files (deeper files
win, later lines win) and ``.git/info/exclude``. Not supported: the global excludes file,
trailing-space escapes. Done without running ``git``, so it also works on exported trees.

    >>> rules = Rules.parse("build/\\n*.pyc\\n!keep.pyc\\n/top.py\\n")
    >>> [rules.match(p, d) for p, d in [("build", True), ("a/x.pyc", False), ("keep.pyc", False),
    ...                                  ("top.py", False), ("sub/top.py", False)]]
    [True, True, False, True, None]
"""
from __future__ import annotations

import os
import re

__all__ = ["Rules", "IgnoreStack", "repository_root"]


def _translate(pattern: str) -> str:
    out = []
    i, n = 0, len(pattern)
    while i < n:
        if pattern.startswith("**/", i) and (i == 0 or pattern[i - 1] == "/"):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
            continue
        if pattern.startswith("**", i) and i + 2 == n and (i == 0 or pattern[i - 1] == "/"):
            out.append(".*")
            i += 2
            continue
        c = pattern[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 2 if pattern[i + 1:i + 2] in ("!", "^") else i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1:j]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(pattern[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


class Rules:
    """The rules of one ignore file, relative to its directory."""

    __slots__ = ("rules",)

    def __init__(self, rules: list) -> None:
        self.rules = rules  # (regex, negate, dir_only, anchored)

    @classmethod
    def parse(cls, text: str) -> "Rules":
        rules = []
        for raw in text.splitlines():
            line = raw.rstrip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            if negate:
                line = line[1:]
            elif line.startswith("\\"):
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            if not line:
                continue
            anchored = "/" in line
            line = line.lstrip("/")
            try:
                regex = re.compile(_translate(line) + r"\Z")
            except re.error:
                continue
            rules.append((regex, negate, dir_only, anchored))
        return cls(rules)

    @classmethod
    def load(cls, path: str) -> "Rules | None":
        try:
            with open(path, encoding="utf-8", errors="replace") as handle:
                return cls.parse(handle.read())
        except OSError:
            return None

    def match(self, rel: str, is_dir: bool) -> bool | None:
        """True ignored, False re-included, None no rule matched. ``rel`` uses ``/``."""
        result = None
        base = rel.rpartition("/")[2]
        for regex, negate, dir_only, anchored in self.rules:
            if dir_only and not is_dir:
                continue
            if regex.match(rel if anchored else base):
                result = not negate
        return result


def repository_root(path: str) -> str | None:
    """The nearest directory at or above ``path`` holding ``.git``."""
    current = os.path.abspath(path)
    while True:
        if os.path.exists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


class IgnoreStack:
    """Ignore rules in force in one directory: (directory, rules) from outermost to innermost."""

    __slots__ = ("layers",)

    def __init__(self, layers=()) -> None:
        self.layers: tuple = tuple(layers)

    @classmethod
    def for_directory(cls, directory: str) -> "IgnoreStack":
        """Rules of ``directory``'s ancestors up to the repository root (if any) and its own."""
        directory = os.path.abspath(directory)
        root = repository_root(directory)
        chain = [directory]
        if root is not None:
            current = directory
            while current != root:
                current = os.path.dirname(current)
                chain.append(current)
        layers = []
        for d in reversed(chain):
            if d == root:
                rules = Rules.load(os.path.join(d, ".git", "info", "exclude"))
                if rules is not None and rules.rules:
                    layers.append((d, rules))
            rules = Rules.load(os.path.join(d, ".gitignore"))
            if rules is not None and rules.rules:
                layers.append((d, rules))
        return cls(layers)

    def enter(self, directory: str) -> "IgnoreStack":
        """The stack inside a subdirectory (adds its .gitignore, if any)."""
        rules = Rules.load(os.path.join(directory, ".gitignore"))
        if rules is None or not rules.rules:
            return self
        return IgnoreStack(self.layers + ((os.path.abspath(directory), rules),))

    def ignored(self, path: str, is_dir: bool) -> bool:
        path = os.path.abspath(path)
        result = None
        for directory, rules in self.layers:
            if not path.startswith(directory + os.sep):
                continue
            rel = path[len(directory) + 1:].replace(os.sep, "/")
            m = rules.match(rel, is_dir)
            if m is not None:
                result = m
        return bool(result)
