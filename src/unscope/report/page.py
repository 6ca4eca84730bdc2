"""The whole page: header, totals with charts, the verdict filter, then one section per run.

Everything is inline (CSS, JS, SVG): the page opens from disk with no network.  Counts the
page shows carry ``data-count`` attributes, so a test can read them back from the DOM.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources

from unscope._version import __version__
from unscope.report.chart import stacked_bar
from unscope.report.checks import convert_section, verify_section
from unscope.report.files import file_section, failures_section

__all__ = ["render_html", "FINDING_COLOURS", "FUNCTION_COLOURS"]

FINDING_COLOURS = {"native": "#2e7d32", "compat": "#1565c0", "manual": "#c62828"}
FUNCTION_COLOURS = {"native": "#2e7d32", "compat_island": "#1565c0", "tf1_form": "#9e7c3a",
                    "manual": "#c62828"}
FUNCTION_LABELS = {"native": "native", "compat_island": "compat island", "tf1_form": "TF1 form",
                   "manual": "manual"}


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("unscope.report").joinpath("assets", name).read_text(encoding="utf-8")


def render_html(runs: list[dict], title: str = "unscope migration report") -> str:
    """The report page for ``runs`` (parsed JSON reports, each with a ``kind``), as a string."""
    migrations = [r for r in runs if r.get("kind") == "migrate"]
    conversions = [r for r in runs if r.get("kind") == "convert"]
    verifications = [r for r in runs if r.get("kind") == "verify"]
    body = [_header(title, migrations, conversions, verifications)]
    body.append('<main>')
    for m in migrations:
        body.append(_totals(m))
    if migrations:
        body.append(_filters(migrations))
        for m in migrations:
            body.append(failures_section(m.get("failures", [])))
            for i, f in enumerate(m.get("files", [])):
                body.append(file_section(f, f"f{len(body)}-{i}"))
    for c in conversions:
        body.append(convert_section(c))
    for v in verifications:
        body.append(verify_section(v))
    body.append('</main>')
    body.append(f'<footer>Made by unscope {escape(__version__)} · self-contained: no network needed</footer>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{escape(title)}</title><style>{_asset('report.css')}</style></head>"
            f"<body>{''.join(body)}<script>{_asset('report.js')}</script></body></html>\n")


def _header(title, migrations, conversions, verifications) -> str:
    bits = []
    for m in migrations:
        bits.append(f"migrate --mode {escape(str(m.get('summary', {}).get('mode', '?')))}")
    if conversions:
        bits.append("convert")
    for v in verifications:
        ok = v.get("ok")
        bits.append(f'verify <span class="pill {"ok" if ok else "bad"}">{"agrees" if ok else "differs"}</span>')
    return (f'<header><div class="brand">unscope</div><h1>{escape(title)}</h1>'
            f'<p class="runs">{" · ".join(bits)}</p></header>')


def _card(label: str, key: str, value) -> str:
    return (f'<div class="card"><div class="value" data-count="{escape(key)}">{escape(str(value))}</div>'
            f'<div class="label">{escape(label)}</div></div>')


def _totals(m: dict) -> str:
    s = m.get("summary", {})
    cards = [("files", "files"), ("lines", "lines"), ("changed", "changed"), ("classes made", "classes"),
             ("findings", "findings"), ("failed", "failed")]
    html = ['<section class="totals"><h2>Project totals</h2><div class="cards">']
    html += [_card(label, key, s.get(key, 0)) for label, key in cards]
    html.append('</div><div class="charts">')
    functions = s.get("functions")
    if functions is not None:
        parts = [(FUNCTION_LABELS[k], functions.get(k, 0), c) for k, c in FUNCTION_COLOURS.items()]
        html.append(f'<figure data-chart="functions"><figcaption>Variable-creating functions '
                    f'<b data-count="functions">{sum(functions.values())}</b></figcaption>'
                    f'{stacked_bar(parts, "variable-creating functions by verdict")}</figure>')
    parts = [(k, s.get(k, 0), c) for k, c in FINDING_COLOURS.items()]
    html.append(f'<figure data-chart="findings"><figcaption>Findings by verdict</figcaption>'
                f'{stacked_bar(parts, "findings by verdict")}</figure>')
    html.append('</div></section>')
    return "".join(html)


def _filters(migrations) -> str:
    total = sum(m.get("summary", {}).get("findings", 0) for m in migrations)
    buttons = [f'<button type="button" data-filter="all" class="on">all <b>{total}</b></button>']
    for verdict in FINDING_COLOURS:
        n = sum(m.get("summary", {}).get(verdict, 0) for m in migrations)
        buttons.append(f'<button type="button" data-filter="{verdict}" class="v-{verdict}">{verdict} '
                       f'<b>{n}</b></button>')
    return (f'<nav class="filters" aria-label="filter findings by verdict"><span>Filter by verdict</span>'
            f'{"".join(buttons)}<label><input type="checkbox" id="changed-only"> changed files only</label>'
            f'<span id="shown">showing <b id="shown-count">{total}</b> of {total} findings in '
            f'<b id="shown-files">-</b> files</span></nav>')
