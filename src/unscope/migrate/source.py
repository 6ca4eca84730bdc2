"""Source text with ``ast`` positions turned into character offsets, and text edits on it.

Rules locate code with ``ast`` and change it with :class:`Edit` s on the original text, the way
pyupgrade edits tokens: everything an edit does not cover stays byte for byte::

    >>> import ast
    >>> src = Source("x = tf.log(y)  # keep me\\n")
    >>> node = ast.parse(src.text).body[0].value.func
    >>> src.apply([Edit(*src.span(node), "tf.math.log")])
    'x = tf.math.log(y)  # keep me\\n'
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

__all__ = ["Source", "Edit", "EditConflict"]


class EditConflict(Exception):
    """Two edits overlap: the engine leaves the file unchanged rather than guess."""


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``text[start:end]`` with ``new`` (``start == end`` inserts)."""

    start: int
    end: int
    new: str


class Source:
    """The text of one module and its line table (``ast`` columns are UTF-8 byte offsets)."""

    __slots__ = ("text", "_starts", "_lines", "_ascii", "newline")

    def __init__(self, text: str) -> None:
        self.text = text
        starts = [0]
        find = text.find
        i = find("\n")
        while i >= 0:
            starts.append(i + 1)
            i = find("\n", i + 1)
        self._starts = starts
        self._ascii = text.isascii()
        self._lines: list[str] | None = None
        # what inserted lines end with: the file's own convention
        self.newline = "\r\n" if len(starts) > 1 and text[starts[1] - 2:starts[1]] == "\r\n" else "\n"

    def offset(self, lineno: int, col: int) -> int:
        """Character offset of an ``ast`` position (1-based line, UTF-8 byte column)."""
        start = self._starts[lineno - 1]
        if self._ascii or col == 0:
            return start + col
        line = self.line(lineno)
        return start + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))

    def line(self, lineno: int) -> str:
        """The text of a 1-based line, without its newline."""
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines[lineno - 1]

    def line_start(self, lineno: int) -> int:
        return self._starts[lineno - 1]

    def line_end(self, lineno: int) -> int:
        """Offset of the newline ending ``lineno`` (or of the end of the text)."""
        if lineno < len(self._starts):
            return self._starts[lineno] - 1
        return len(self.text)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def span(self, node: ast.AST) -> tuple[int, int]:
        return (self.offset(node.lineno, node.col_offset),
                self.offset(node.end_lineno, node.end_col_offset))

    def segment(self, node: ast.AST) -> str:
        start, end = self.span(node)
        return self.text[start:end]

    def column(self, node: ast.AST) -> int:
        """1-based character column of a node, as compilers print it."""
        return self.offset(node.lineno, node.col_offset) - self._starts[node.lineno - 1] + 1

    def apply(self, edits) -> str:
        """The text with ``edits`` applied; overlapping edits raise :class:`EditConflict`.

        Identical duplicate edits are applied once; several insertions at one offset are
        applied in the order given.
        """
        unique = list(dict.fromkeys(edits))
        ordered = sorted(unique, key=lambda e: (e.start, e.end != e.start))  # stable
        out = []
        pos = 0
        text = self.text
        for edit in ordered:
            if edit.start < pos:
                raise EditConflict(f"overlapping edits at offsets {edit.start}-{edit.end}")
            out.append(text[pos:edit.start])
            out.append(edit.new)
            pos = edit.end
        out.append(text[pos:])
        return "".join(out)
