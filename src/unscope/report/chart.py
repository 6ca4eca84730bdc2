"""Inline SVG charts: a stacked bar of counts with a legend. Strings only.

    >>> svg = stacked_bar([("native", 3, "#2e7d32"), ("manual", 1, "#c62828")], "functions")
    >>> svg.startswith("<svg") and 'data-count="3"' in svg
    True
"""
from __future__ import annotations

from html import escape

__all__ = ["stacked_bar"]


def stacked_bar(parts, label: str, width: int = 520, height: int = 22) -> str:
    """``parts``: ``(name, count, colour)``; a bar split by count, then a legend row."""
    total = sum(n for _, n, _ in parts)
    x = 0.0
    rects = []
    for name, n, colour in parts:
        if total and n:
            w = width * n / total
            rects.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" fill="{colour}">'
                         f'<title>{escape(name)}: {n}</title></rect>')
            x += w
    if not total:
        rects.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#e0e3e8"/>')
    legend = []
    lx = 0
    for name, n, colour in parts:
        legend.append(f'<g transform="translate({lx},{height + 12})"><rect width="11" height="11" rx="2" '
                      f'fill="{colour}"/><text x="16" y="10" data-series="{escape(name)}" '
                      f'data-count="{n}">{escape(name)} {n}</text></g>')
        lx += 28 + 8 * (len(name) + len(str(n)))
    h = height + 30
    return (f'<svg class="chart" role="img" aria-label="{escape(label)}" width="{width}" height="{h}" '
            f'viewBox="0 0 {width} {h}" xmlns="http://www.w3.org/2000/svg">'
            f'<g class="bar">{"".join(rects)}</g>{"".join(legend)}</svg>')
