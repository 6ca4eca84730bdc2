"""``layout``: PEP 8 layout for what native mode writes, without changing what the code means.

Three fixes, none of them changing a statement:

- two blank lines around top-level ``def`` and ``class`` statements (with their decorators and
  the comment lines directly above them), as pycodestyle's E302 / E305 ask, where one of the
  two statements is new (the user's own spacing between statements kept as they were stays);
- continuation lines that the original aligned with their opening bracket are aligned with it
  again where an edit moved the bracket (``tf.layers.dense(`` became ``unscope.layers.dense(``);
- a line native mode wrote past 100 characters is wrapped as a person would: at the commas of
  its outermost call that has them (continuation lines aligned with the bracket, or a hanging
  indent where the bracket stands far right), before the ``for`` of a comprehension;
- the imports native mode added stand where PEP 8 puts them: a standard-library one
  (``import functools``) with the file's standard-library imports (or first, a blank line
  after it), unscope's own (``import unscope``, ``from unscope import nn``) after the file's
  first block of imports.

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
import re
import sys
import tokenize

from unscope.migrate.parses import parse

__all__ = ["layout", "order_imports", "realign", "space_definitions", "wrap_long_lines"]

_OPEN, _CLOSE = "([{", ")]}"
_SKIP = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)


def layout(code: str, source: str | None = None) -> str:
    """``code`` with blank lines around top-level definitions fixed and, when ``source`` (the
    text ``code`` was made from) is given, its bracket-aligned continuation lines re-aligned."""
    if source is not None:
        code = realign(code, source)
    return space_definitions(order_imports(wrap_long_lines(code, source), source), source)


MAX_LINE = 100


def wrap_long_lines(code: str, source: str | None = None, width: int = MAX_LINE) -> str:
    """``code`` with its one-line statements longer than ``width`` that are not in ``source``
    wrapped inside their brackets (see the module docstring); the tree stays the same."""
    if "\t" in code:
        return code
    lines = code.splitlines(keepends=True)
    theirs = {line.strip() for line in (source or "").splitlines()}
    if not any(len(line.rstrip("\n")) > width and line.strip() not in theirs for line in lines):
        return code
    # the rows that are a statement of their own, as tokenize's logical lines would show them,
    # read off brackets, quotes and comments; only those rows are tokenized
    rows = None if _TOKENIZED.search(code) else _one_line_statements(code)
    if rows is None:
        return _wrap_by_tokens(code, lines, theirs, width)
    for row in sorted(rows, reverse=True):
        text = lines[row - 1].rstrip("\n")
        if len(text) <= width or text.strip() in theirs:
            continue
        try:
            toks = [t for t in tokenize.generate_tokens(io.StringIO(text + "\n").readline) if t.type not in _SKIP]
        except (SyntaxError, ValueError, tokenize.TokenError, IndentationError):
            return _wrap_by_tokens(code, code.splitlines(keepends=True), theirs, width)
        if not toks or toks[0].type == tokenize.COMMENT:
            continue
        wrapped = _wrap(text, [t for t in toks if t.type != tokenize.COMMENT], width)
        if wrapped is not None and _same_tokens(text + "\n", "".join(w + "\n" for w in wrapped)):
            lines[row - 1] = "".join(w + "\n" for w in wrapped)
    return "".join(lines)


def _wrap_by_tokens(code: str, lines: list, theirs: set, width: int) -> str:
    """:func:`wrap_long_lines` with the whole text tokenized (text :func:`_one_line_statements`
    does not read)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
    except (SyntaxError, ValueError, RecursionError, MemoryError, tokenize.TokenError, IndentationError):
        return code
    logical, start = [], 0
    for i, tok in enumerate(tokens):
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            logical.append(tokens[start:i])
            start = i + 1
    for toks in reversed(logical):
        toks = [t for t in toks if t.type not in (tokenize.NL, tokenize.INDENT, tokenize.DEDENT)]
        if not toks or toks[0].start[0] != toks[-1].end[0] or toks[0].type == tokenize.COMMENT:
            continue
        row = toks[0].start[0]
        text = lines[row - 1].rstrip("\n")
        if len(text) <= width or text.strip() in theirs:
            continue
        wrapped = _wrap(text, [t for t in toks if t.type != tokenize.COMMENT], width)
        if wrapped is not None and _same_tokens(text + "\n", "".join(w + "\n" for w in wrapped)):
            lines[row - 1] = "".join(w + "\n" for w in wrapped)
    return "".join(lines)


def _one_line_statements(text: str) -> set | None:
    """The rows (1-based) that hold a whole logical line and nothing else, with no comment-only
    line since the logical line before (tokenize counts those comments in the statement: it is
    not wrapped); None for text that is not plain Python."""
    if text.endswith("\\\n"):
        return None   # tokenize: EOF in a multi-line statement
    n = len(text)
    search = _EVENT.search
    out = set()
    indents = [0]
    depth, row, pos = 0, 1, 0
    in_statement, at_row_start = False, True
    first_row, after_comment, comment_before = 0, False, False
    while True:
        if at_row_start:   # outside any statement: what this row holds
            at_row_start = False
            k = pos
            while k < n and text[k] == " ":
                k += 1
            if k >= n:
                break
            if text[k] == "#":
                comment_before = True
            elif text[k] == "\\":
                return None
            elif text[k] != "\n":
                in_statement, first_row, after_comment = True, row, comment_before
                column = k - pos
                if column > indents[-1]:
                    indents.append(column)
                while column < indents[-1]:
                    indents.pop()
                    if column > indents[-1]:
                        return None   # tokenize: unindent does not match any outer level
            pos = k
        m = search(text, pos)
        if m is None:
            break
        p = m.start()
        c = text[p]
        if c == "\n":
            pos = p + 1
            if depth == 0:
                if in_statement and first_row == row and not after_comment:
                    out.add(row)
                if in_statement:
                    in_statement = comment_before = False
                at_row_start = True
            row += 1
        elif c == "\\":
            if not in_statement or not text.startswith("\n", p + 1):
                return None
            pos, row = p + 2, row + 1
        elif c in "([{":
            depth += 1
            pos = p + 1
        elif c in ")]}":
            if not depth:
                return None
            depth -= 1
            pos = p + 1
        elif c == "#":
            end = text.find("\n", p)
            pos = n if end < 0 else end
        else:
            triple = text.startswith(c * 3, p)
            s = _STRING[c * 3 if triple else c].match(text, p)
            if s is None:
                return None
            pos = s.end()
            row += text.count("\n", p, pos)
    if depth:
        return None
    if in_statement and first_row == row and not after_comment:
        out.add(row)
    return out


def _same_tokens(old: str, new: str) -> bool:
    """The same tokens, line breaks inside brackets aside: the same statement."""
    def significant(text):
        skip = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER)
        return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(text.lstrip(" ")).readline)
                if t.type not in skip]
    try:
        return significant(old) == significant(new)
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return False


def _wrap(text: str, toks, width: int) -> list[str] | None:
    """``text`` (one statement on one line) as several lines, or None where no break fits."""
    if any(t.type == tokenize.STRING and "\n" in t.string for t in toks) or text.rstrip().endswith("\\"):
        return None
    pairs, stack = [], []   # (open index, close index, depth)
    for i, t in enumerate(toks):
        if t.type == tokenize.OP and t.string in _OPEN:
            stack.append(i)
        elif t.type == tokenize.OP and t.string in _CLOSE and stack:
            j = stack.pop()
            pairs.append((j, i, len(stack)))
    indent = len(text) - len(text.lstrip(" "))
    for lo, hi, _ in sorted(pairs, key=lambda p: (p[2], p[0])):
        depth, cuts, fors = 0, [], []
        for k in range(lo + 1, hi):
            t = toks[k]
            if t.type == tokenize.OP and t.string in _OPEN:
                depth += 1
            elif t.type == tokenize.OP and t.string in _CLOSE:
                depth -= 1
            elif depth == 0 and t.type == tokenize.OP and t.string == ",":
                cuts.append((t.start[1], t.end[1]))
            elif depth == 0 and t.type == tokenize.NAME and t.string == "for":
                fors.append(t.start[1])
        col_open, col_close = toks[lo].end[1], toks[hi].start[1]
        if fors and not cuts:
            lines = [text[:fors[0]].rstrip(), " " * col_open + text[fors[0]:]]
            if all(len(x) <= width for x in lines):
                return lines
            continue
        if not cuts:
            continue
        starts, ends = [col_open] + [b for _, b in cuts], [a for a, _ in cuts] + [col_close]
        items = [text[a:b].strip() for a, b in zip(starts, ends)]
        items = [x for x in items if x]
        head, tail = text[:col_open], text[col_close:]
        for hanging in ((False, True) if col_open <= 60 else (True,)):
            lead = " " * (indent + 4) if hanging else " " * col_open
            out, line = ([head.rstrip()], lead) if hanging else ([], head)
            for n, item in enumerate(items):
                piece = item + ("," if n < len(items) - 1 else "")
                blank = line == lead or line == head
                candidate = line + ("" if blank else " ") + piece
                if len(candidate + (tail if n == len(items) - 1 else "")) > width and not blank:
                    out.append(line)
                    candidate = lead + piece
                line = candidate
            out.append(line + tail)
            if all(len(x) <= width for x in out):
                return out
    return None


def order_imports(code: str, source: str | None = None) -> str:
    """``code`` with the one-line imports it added to ``source`` moved into PEP 8's groups
    (see the module docstring); the file's own imports stay as they are and where they are.
    Without ``source`` every import in the first block counts as added."""
    if source is not None:   # cheaply first: no import line that source does not have
        theirs = set(source.splitlines())
        head = code[:code.find("\ndef ")] if "\ndef " in code else code
        if all(line in theirs for line in head.splitlines() if line.startswith(("import ", "from "))):
            return code
    lines = code.splitlines(keepends=True)
    # the head of the file, up to its first definition: the block of imports is there
    end = next((i for i, line in enumerate(lines) if line.startswith(("def ", "class ", "@", "async "))), len(lines))
    try:
        tree = ast.parse("".join(lines[:end]))
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return code
    kept = {line for line in source.splitlines(keepends=True)} if source is not None else set()
    body = list(tree.body)
    while body and (_is_docstring(body[0]) or type(body[0]) is ast.ImportFrom and body[0].module == "__future__"):
        body.pop(0)
    block = []
    for stmt in body:
        if type(stmt) not in (ast.Import, ast.ImportFrom):
            break
        block.append(stmt)
    added = [s for s in block if lines[s.lineno - 1] not in kept and s.lineno == s.end_lineno
             and _group(s) != "other" and not lines[s.lineno - 1].rstrip().endswith(";")]
    if not added:
        return code
    own = [s for s in block if s not in added]
    if own:   # already first, above the file's own: where they stay
        added = [s for s in added if not (_group(s) == "stdlib" and s.lineno < own[0].lineno)]
    stdlib = [s for s in added if _group(s) == "stdlib"]
    ours = [s for s in added if _group(s) == "unscope"]
    ours.sort(key=lambda s: type(s) is ast.ImportFrom)   # import unscope, then from unscope import nn
    text = {id(s): lines[s.lineno - 1] for s in added}
    inserts: dict[int, list[str]] = {}   # line index -> lines to put before it
    if own:
        after = own[-1].end_lineno
        own_stdlib = [s for s in own if _group(s) == "stdlib"]
        if stdlib and own_stdlib:
            inserts.setdefault(own_stdlib[-1].end_lineno, []).extend(text[id(s)] for s in stdlib)
        elif stdlib:
            first = min([own[0].lineno] + [s.lineno for s in added]) - 1
            inserts.setdefault(first, []).extend([text[id(s)] for s in stdlib] + ["\n"])
        inserts.setdefault(after, []).extend(text[id(s)] for s in ours)
    else:   # only what native mode added: stdlib, a blank line, then unscope's
        first = added[0].lineno - 1
        inserts.setdefault(first, []).extend([text[id(s)] for s in stdlib] + (["\n"] if stdlib and ours else [])
                                              + [text[id(s)] for s in ours])
    drop = {s.lineno - 1 for s in added}
    out = []
    for i, line in enumerate(lines + [""]):
        out.extend(inserts.get(i, []))
        if i < len(lines) and i not in drop:
            out.append(line)
    return "".join(out)   # whole one-line statements moved inside the block: the same imports


def _group(stmt) -> str:
    """stdlib | unscope | other, by the top-level module an import names."""
    mods = [a.name for a in stmt.names] if type(stmt) is ast.Import else [stmt.module or ""]
    if stmt.__class__ is ast.ImportFrom and stmt.level:
        return "other"
    tops = {m.partition(".")[0] for m in mods}
    if all(t == "unscope" or t.startswith("unscope_") for t in tops):
        return "unscope"
    if all(t in sys.stdlib_module_names for t in tops):
        return "stdlib"
    return "other"


def _is_docstring(stmt) -> bool:
    return type(stmt) is ast.Expr and type(stmt.value) is ast.Constant and isinstance(stmt.value.value, str)


def realign(code: str, source: str) -> str:
    """Re-align the continuation lines of ``code`` that ``source`` aligned with their bracket."""
    if "\t" in code or "\t" in source:
        return code  # columns of tab-indented text are not what tokenize counts
    found = list(_continuations(source, with_lines=True))
    aligned = {text for text, col, target, _ in found if col == target}
    if not aligned:
        return code
    aligned_rows = {line for text, col, target, line in found if col == target}
    known = {text for text, *_ in found}
    lines = code.splitlines(keepends=True)
    shifts, rows = {}, None
    for text, col, target, line in _continuations(code, with_lines=True, shifts=shifts):
        if col == target or text in known and text not in aligned:
            continue
        # aligned where the line it was in source was: by its place, as a rename may change
        # its text (the initializer's name) and another line may have the same text
        rows = _row_map(source, code) if rows is None else rows
        was = rows.get(line)
        if was in aligned_rows if was is not None else text in aligned:
            shifts[line] = target - col
    for line, shift in shifts.items():
        body = lines[line - 1]
        stripped = body.lstrip(" ")
        indent = len(body) - len(stripped)
        lines[line - 1] = " " * max(0, indent + shift) + stripped
    return "".join(lines)


def _row_map(source: str, code: str) -> dict[int, int]:
    """Line of ``code`` -> the line of ``source`` it is (same text, or edited in place: a run of
    changed lines as long as the run it replaced), both 1-based.

    Patience-style: lines that occur once in each text and in the same order are anchors;
    difflib matches only the runs between anchors. One SequenceMatcher over a whole file is
    quadratic where lines repeat (a 12k-line file took 30 s here)."""
    a, b = source.splitlines(), code.splitlines()
    out = {}
    i0 = j0 = 0
    for i, j in _anchors(a, b) + [(len(a), len(b))]:
        _match_run(a, b, i0, i, j0, j, out)
        if i < len(a):
            out[j + 1] = i + 1
        i0, j0 = i + 1, j + 1
    return out


def _anchors(a: list, b: list) -> list:
    """``(i, j)`` of lines unique in both ``a`` and ``b``, the longest run increasing in both."""
    from bisect import bisect_left
    from collections import Counter

    ca, cb = Counter(a), Counter(b)
    where = {line: j for j, line in enumerate(b) if cb[line] == 1}
    pairs = [(i, where[line]) for i, line in enumerate(a) if ca[line] == 1 and line in where]
    # longest increasing subsequence of j (pairs are in i order)
    tails, tail_at, back = [], [], [None] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos], tail_at[pos] = j, k
        back[k] = tail_at[pos - 1] if pos else None
    run, k = [], tail_at[-1] if tail_at else None
    while k is not None:
        run.append(pairs[k])
        k = back[k]
    return run[::-1]


def _match_run(a, b, i1, i2, j1, j2, out) -> None:
    """The lines of ``b[j1:j2]`` that are lines of ``a[i1:i2]``, as difflib pairs them."""
    import difflib

    if i1 >= i2 or j1 >= j2:
        return
    for tag, p1, p2, q1, q2 in difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2]).get_opcodes():
        if tag == "equal" or tag == "replace" and p2 - p1 == q2 - q1:
            out.update({j1 + q + 1: i1 + p + 1 for p, q in zip(range(p1, p2), range(q1, q2))})


def _continuations(text: str, with_lines: bool = False, shifts: dict | None = None):
    """``(stripped line, column, bracket column + 1[, line])`` for each line that starts inside a
    bracket whose line goes on after it (visual indent, not a hanging one).  ``shifts``: lines
    already moved (by line number), so a bracket on a moved line counts at its new column.

    What ``tokenize`` would find, read off brackets, quotes, comments and line breaks alone (a
    tenth of its time; layout tokenized every text it compared); text with a line break
    ``tokenize`` and ``splitlines`` count differently (``\\r``, ``\\f``, ...) or a tab is tokenized."""
    shifts = {} if shifts is None else shifts
    if _TOKENIZED.search(text):
        yield from _continuations_by_tokens(text, with_lines, shifts)
        return
    found = None if text.rstrip().endswith("\\") else _scan(text)
    if found is None:   # not plain Python (an unterminated string, a stray bracket): as tokenize
        yield from _continuations_by_tokens(text, with_lines, shifts)
        return
    for row, col, bracket, bracket_row, start, end in found:
        # the bracket's line was handed out (and moved) before this one, as tokenize reads it
        item = (text[start:end].strip(), col, bracket + shifts.get(bracket_row, 0) + 1)
        yield item + (row,) if with_lines else item


_TOKENIZED = re.compile("[\t\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_EVENT = re.compile(r"""[()\[\]{}#'"\n\\]""")
_STRING = {q: re.compile(q + body + q, re.S) for q, body in (
    ("'''", r"[^'\\]*(?:(?:\\.|'(?!''))[^'\\]*)*"), ('"""', r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*'),
    ("'", r"[^\n'\\]*(?:\\.[^\n'\\]*)*"), ('"', r'[^\n"\\]*(?:\\.[^\n"\\]*)*'))}


def _scan(text: str):
    """``(row, column, bracket column, bracket row, start, end)`` of each line starting inside a
    visual bracket (``start:end`` the line in ``text``), as :func:`_continuations_by_tokens`
    finds them; None for text that is not plain Python (tokenize's own fallbacks and errors)."""
    n = len(text)
    stack = []   # (column of the bracket, its row, whether a token follows it on its line)
    out = []
    row, line_start, pos = 1, 0, 0
    search = _EVENT.search
    while True:
        m = search(text, pos)
        if m is None:
            break
        p = m.start()
        c = text[p]
        if c == "\n" or c == "\\" and text.startswith("\n", p + 1):
            pos = line_start = p + (1 if c == "\n" else 2)
            row += 1
            if stack and stack[-1][2]:
                k = pos
                while k < n and text[k] == " ":
                    k += 1
                if k < n and text[k] != "\n" and not text.startswith("\\\n", k):
                    end = text.find("\n", k)
                    out.append((row, k - pos, stack[-1][0], stack[-1][1], pos, n if end < 0 else end))
        elif c in "([{":
            k = p + 1
            while k < n and text[k] == " ":
                k += 1
            visual = k < n and text[k] not in "\n#" and not text.startswith("\\\n", k)
            stack.append((p - line_start, row, visual))
            pos = p + 1
        elif c in ")]}":
            if not stack:
                return None
            stack.pop()
            pos = p + 1
        elif c == "#":
            end = text.find("\n", p)
            pos = n if end < 0 else end
        elif c == "\\":
            return None
        else:   # a string: to its closing quote, over the lines it spans
            triple = text.startswith(c * 3, p)
            s = _STRING[c * 3 if triple else c].match(text, p)
            if s is None:
                return None
            pos = s.end()
            breaks = text.count("\n", p, pos)
            if breaks:
                row += breaks
                line_start = text.rfind("\n", p, pos) + 1
    return None if stack else out


def _continuations_by_tokens(text: str, with_lines: bool, shifts: dict):
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
    try:   # the shared trees (unscope.migrate.parses): the source's is the native pass's, and
        # where nothing is spaced the engine's check of the output reads this one
        tree = parse(code)
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
    return {_text(lines, stmt) for stmt in parse(source).body}


def _text(lines: list[str], stmt) -> str:
    start = min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", [])])
    return "".join(lines[start - 1:stmt.end_lineno])


def _is_definition(stmt) -> bool:
    return type(stmt) in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
