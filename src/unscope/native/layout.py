"""``layout``: PEP 8 layout for what native mode writes, without changing what the code means.

Two fixes, both on whitespace outside strings only:

- two blank lines around top-level ``def`` and ``class`` statements (with their decorators and
  the comment lines directly above them), as pycodestyle's E302 / E305 ask, where one of the
  two statements is new (the user's own spacing between statements kept as they were stays);
- continuation lines that the original aligned with their opening bracket are aligned with it
  again where an edit moved the bracket (``tf.layers.dense(`` became ``unscope.layers.dense(``).

    >>> old = "import tf\\nh = tf.dense(x,\\n             name='fc')\\n"
    >>> new = "import tf\\nclass Dense:\\n    pass\\nh = unscope.dense(x,\\n             name='fc')\\n"
    >>> print(layout(new, old))
    import tf
    <BLANKLINE>
    <BLANKLINE>
    class Dense:
        pass
    <BLANKLINE>
    <BLANKLINE>
    h = unscope.dense(x,
                      name='fc')
    <BLANKLINE>

Idempotent (``layout(layout(c, s), s) == layout(c, s)``); comments stay; code that does not
tokenize or parse comes back as it is.
"""
from __future__ import annotations

import ast
import io
import tokenize

__all__ = ["layout", "realign", "space_definitions"]

_OPEN, _CLOSE = "([{", ")]}"
_SKIP = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)


def layout(code: str, source: str | None = None) -> str:
    """``code`` with blank lines around top-level definitions fixed and, when ``source`` (the
    text ``code`` was made from) is given, its bracket-aligned continuation lines re-aligned."""
    if source is not None:
        code = realign(code, source)
    return space_definitions(code, source)


def realign(code: str, source: str) -> str:
    """Re-align the continuation lines of ``code`` that ``source`` aligned with their bracket."""
    if "\t" in code or "\t" in source:
        return code  # columns of tab-indented text are not what tokenize counts
    aligned = {text for text, col, target in _continuations(source) if col == target}
    if not aligned:
        return code
    lines = code.splitlines(keepends=True)
    shifts = {}
    for text, col, target, line in _continuations(code, with_lines=True, shifts=shifts):
        if col != target and text in aligned:
            shifts[line] = target - col
    for line, shift in shifts.items():
        body = lines[line - 1]
        stripped = body.lstrip(" ")
        indent = len(body) - len(stripped)
        lines[line - 1] = " " * max(0, indent + shift) + stripped
    return "".join(lines)


def _continuations(text: str, with_lines: bool = False, shifts: dict | None = None):
    """``(stripped line, column, bracket column + 1[, line])`` for each line that starts inside a
    bracket whose line goes on after it (visual indent, not a hanging one).  ``shifts``: lines
    already moved (by line number), so a bracket on a moved line counts at its new column."""
    shifts = {} if shifts is None else shifts
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return
    lines = text.splitlines()
    stack = []  # (effective column of the bracket, whether a token follows it on its line)
    last_line = 0
    for i, tok in enumerate(tokens):
        if tok.type in _SKIP:
            continue
        row, col = tok.start
        starts_line = row != last_line and lines[row - 1][:col].strip() == ""
        last_line = tok.end[0]
        if starts_line and stack and stack[-1][1]:
            target = stack[-1][0] + 1
            found = (lines[row - 1].strip(), col, target)
            yield found + (row,) if with_lines else found
        if tok.type == tokenize.OP and tok.string in _OPEN:
            # by index: a slice of the rest at every bracket made this quadratic in the file
            follows = next((tokens[j] for j in range(i + 1, len(tokens))
                            if tokens[j].type not in (tokenize.COMMENT,)), None)
            visual = follows is not None and follows.type not in _SKIP and follows.start[0] == row
            stack.append((col + shifts.get(row, 0), visual))
        elif tok.type == tokenize.OP and tok.string in _CLOSE and stack:
            stack.pop()


def space_definitions(code: str, source: str | None = None) -> str:
    """Exactly two blank lines before each top-level ``def`` / ``class`` (above its decorators
    and the comments directly over it) and before the first statement after one; with
    ``source``, only where one of the two statements is not in ``source`` as it is."""
    try:
        tree = ast.parse(code)
        kept = _statements(source) if source is not None else set()
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code
    lines = code.splitlines(keepends=True)
    body = tree.body
    edits = []  # (first blank line index, blank count now), applied bottom-up
    for prev, stmt in zip(body, body[1:]):
        if not (_is_definition(prev) or _is_definition(stmt)):
            continue
        if kept and _text(lines, prev) in kept and _text(lines, stmt) in kept:
            continue  # the user's own two statements: their spacing is theirs
        start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])]) - 1
        if start <= prev.end_lineno - 1:
            continue  # `a = 1; def f(): ...` on one line: nothing to space
        while start - 1 >= prev.end_lineno and lines[start - 1].lstrip().startswith("#"):
            start -= 1   # a comment block sticks to the definition under it
        blank = start
        while blank - 1 >= prev.end_lineno and not lines[blank - 1].strip():
            blank -= 1
        if blank - 1 >= prev.end_lineno:
            continue  # a comment of its own sits between them: leave the gap as it is
        edits.append((blank, start - blank))
    for first, count in reversed(edits):
        if count != 2:
            lines[first:first + count] = ["\n", "\n"]
    return "".join(lines)


def _statements(source: str) -> set[str]:
    """The text of each top-level statement of ``source`` (decorators included)."""
    lines = source.splitlines(keepends=True)
    return {_text(lines, stmt) for stmt in ast.parse(source).body}


def _text(lines: list[str], stmt) -> str:
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    return "".join(lines[start - 1:stmt.end_lineno])


def _is_definition(stmt) -> bool:
    return type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
