"""Code cells of ``.ipynb`` notebooks, with IPython syntax masked so that ``ast`` can parse them.

Masked lines keep their indentation and become ``pass``, so line numbers stay those of the
cell and a magic inside a block still leaves a valid block::

    >>> mask_magics("%matplotlib inline\\nfor i in x:\\n    !echo $i\\nx = 1")
    'pass\\nfor i in x:\\n    pass\\nx = 1'
    >>> mask_magics("%%bash\\nls") is None   # a cell that is not Python
    True
"""
from __future__ import annotations

import json
import re

__all__ = ["code_cells", "mask_magics", "NotebookError"]

# cell magics whose body is still Python
_PYTHON_CELL_MAGICS = frozenset({"time", "timeit", "capture", "prun", "debug", "tensorflow_version"})
_ASSIGN_MAGIC = re.compile(r"^\s*[\w.,\[\]\s]+=\s*[!%]")
_HELP = re.compile(r"^\s*(?:\?{1,2}[\w.]+|[\w.()\[\]]+\?{1,2})\s*$")  # obj? ?obj obj??


class NotebookError(ValueError):
    """The file is not a readable notebook."""


def mask_magics(source: str) -> str | None:
    """Replace IPython magics / shell escapes / help lines by ``pass``; None for a non-Python cell."""
    lines = source.split("\n")
    first = lines[0].lstrip() if lines else ""
    if first.startswith("%%"):
        magic = first[2:].split(None, 1)[0] if first[2:].strip() else ""
        if magic not in _PYTHON_CELL_MAGICS:
            return None
    out = []
    for line in lines:
        stripped = line.lstrip()
        if stripped[:1] in ("%", "!") or _HELP.match(line) or _ASSIGN_MAGIC.match(line):
            out.append(line[: len(line) - len(stripped)] + "pass")
        else:
            out.append(line)
    return "\n".join(out)


def code_cells(text: str) -> list[tuple[int, str]]:
    """``(index, source)`` for every code cell; ``index`` is the cell's place in ``cells``."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise NotebookError(f"not a notebook (invalid JSON: {exc})") from None
    if not isinstance(data, dict):
        raise NotebookError("not a notebook (no cells)")
    cells = data.get("cells")
    if cells is None and isinstance(data.get("worksheets"), list):  # nbformat 3
        cells = [c for ws in data["worksheets"] if isinstance(ws, dict) for c in ws.get("cells", [])]
    if not isinstance(cells, list):
        raise NotebookError("not a notebook (no cells)")
    out = []
    for index, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            continue
        out.append((index, source))
    return out
