"""Python syntax highlighting of single lines, as HTML spans (Pygments' short class names).

    >>> line_html("x = 'a'  # c")
    '<span class="n">x</span> <span class="o">=</span> <span class="s1">&#x27;a&#x27;</span>  <span class="c1"># c</span>'
"""
from __future__ import annotations

from functools import lru_cache
from html import escape

__all__ = ["line_html"]


@lru_cache(maxsize=1)
def _lexer():
    try:
        from pygments.lexers import PythonLexer
        from pygments.token import STANDARD_TYPES
    except ImportError:  # pragma: no cover - Pygments comes with rich, a dependency
        return None
    return PythonLexer(stripnl=False, ensurenl=False), STANDARD_TYPES


def _short(ttype, standard) -> str:
    while ttype not in standard:
        ttype = ttype.parent
    return standard[ttype]


def line_html(text: str) -> str:
    """``text`` (one source line, no newline) as escaped HTML with token spans."""
    lexer = _lexer()
    if lexer is None:
        return escape(text)
    lex, standard = lexer
    runs: list[list] = []  # [class, text], adjacent tokens of one class merged
    for ttype, value in lex.get_tokens(text):
        value = value.rstrip("\n")
        if not value:
            continue
        cls = "" if value.isspace() else _short(ttype, standard)
        if runs and runs[-1][0] == cls:
            runs[-1][1] += value
        else:
            runs.append([cls, value])
    return "".join(f'<span class="{c}">{escape(v)}</span>' if c else escape(v) for c, v in runs)
