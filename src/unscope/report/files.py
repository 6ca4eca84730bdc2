"""One migrated file on the page: its functions and classes, the highlighted diff with each
finding beside its line, and the list of findings linking to those lines."""
from __future__ import annotations

import re
from html import escape

from unscope.report.highlight import line_html

__all__ = ["file_section", "failures_section", "code_rows", "split_hint"]

_HUNK = re.compile(r"^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@(.*)$")
_FUNCTION_LABELS = {"native": "native", "compat_island": "compat island", "tf1_form": "TF1 form",
                    "manual": "manual"}


def split_hint(message: str) -> tuple[str, str]:
    """``"reason; left unchanged - do this"`` -> ``("reason; left unchanged", "do this")``."""
    reason, sep, hint = message.rpartition(" - ")
    return (reason, hint) if sep and reason else (message, "")


def _rows_of_diff(diff: str):
    """``(kind, old_no, new_no, text)`` rows; kind is hunk / ctx / add / del."""
    old = new = None
    for line in diff.splitlines():
        m = _HUNK.match(line)
        if m:
            old, new = int(m.group(1)), int(m.group(2))
            yield "hunk", old, new, line
            continue
        if old is None or line.startswith("\\"):
            continue
        sign, text = line[:1], line[1:]
        if sign == "+":
            yield "add", None, new, text
            new += 1
        elif sign == "-":
            yield "del", old, None, text
            old += 1
        else:
            yield "ctx", old, new, text
            old += 1
            new += 1


def code_rows(diff: str | None, context: list[dict]) -> list[tuple]:
    """The diff's rows and the context excerpts (findings outside the diff), in line order."""
    segments = []
    if diff:
        current = None
        for row in _rows_of_diff(diff):
            if row[0] == "hunk":
                current = [row]
                segments.append((row[1], current))
            elif current is not None:
                current.append(row)
    for block in context:
        start = block["start"]
        rows = [("gap", start, None, f"unchanged, lines {start}-{start + len(block['lines']) - 1}")]
        rows += [("ctx", start + i, None, text) for i, text in enumerate(block["lines"])]
        segments.append((start, rows))
    segments.sort(key=lambda s: s[0])
    return [row for _, rows in segments for row in rows]


def _badge(verdict: str, label: str | None = None) -> str:
    return f'<span class="badge v-{escape(verdict)}">{escape(label or verdict)}</span>'


def _finding_note(f: dict) -> str:
    reason, hint = split_hint(f.get("message", ""))
    scope = f' <code class="scope">{escape(f["scope"])}</code>' if f.get("scope") else ""
    hint_html = f'<div class="hint"><b>hint</b> {escape(hint)}</div>' if hint else ""
    return (f'<div class="note">{_badge(f["verdict"])} <code class="api">{escape(f["api"])}</code>{scope}'
            f'<div class="reason">{escape(reason)}</div>{hint_html}</div>')


def _code_table(f: dict, fid: str) -> str:
    rows = code_rows(f.get("diff"), f.get("context", []))
    if not rows:
        return ""
    by_line: dict[int, list] = {}
    for finding in f.get("findings", []):
        if finding.get("cell") is None:
            by_line.setdefault(finding["line"], []).append(finding)
    last_row_of: dict[int, int] = {}
    for i, (kind, old, _, _) in enumerate(rows):
        if old is not None and kind != "hunk" and kind != "gap":
            last_row_of[old] = i
    anchored: set[int] = set()
    out = ['<table class="code"><tbody>']
    for i, (kind, old, new, text) in enumerate(rows):
        if kind in ("hunk", "gap"):
            out.append(f'<tr class="{kind}"><td class="no"></td><td class="no"></td>'
                       f'<td class="src">{escape(text)}</td></tr>')
            continue
        rid = ""
        if old is not None and old not in anchored:
            anchored.add(old)
            rid = f' id="{fid}-L{old}"'
        sign = {"add": "+", "del": "-"}.get(kind, " ")
        out.append(f'<tr class="{kind}"{rid}><td class="no">{old or ""}</td><td class="no">{new or ""}</td>'
                   f'<td class="src"><span class="sign">{sign}</span>{line_html(text)}</td></tr>')
        if old is not None and last_row_of.get(old) == i:
            for finding in by_line.get(old, []):
                out.append(f'<tr class="finding" data-verdict="{escape(finding["verdict"])}">'
                           f'<td class="no"></td><td class="no"></td><td>{_finding_note(finding)}</td></tr>')
    out.append('</tbody></table>')
    return "".join(out)


def _function_link(fn: dict, fid: str) -> str:
    return "" if fn.get("cell") is not None else f' href="#{fid}-L{fn["line"]}"'


def _function_where(fn: dict) -> str:
    return f'line {fn["line"]}' if fn.get("cell") is None else f'cell {fn["cell"]}, line {fn["line"]}'


def _functions_table(f: dict, fid: str) -> str:
    functions = f.get("functions") or []
    if not functions:
        return ""
    rows = "".join(
        f'<tr data-function-verdict="{escape(fn["verdict"])}"><td><a{_function_link(fn, fid)}>'
        f'<code>{escape(fn["name"])}</code></a> <span class="muted">{_function_where(fn)}</span></td>'
        f'<td>{_badge(fn["verdict"], _FUNCTION_LABELS.get(fn["verdict"]))}</td>'
        f'<td>{escape(fn.get("reason") or "")}</td></tr>' for fn in functions)
    return (f'<h4>Variable-creating functions</h4><table class="grid"><thead><tr><th>function</th>'
            f'<th>verdict</th><th>why</th></tr></thead><tbody>{rows}</tbody></table>')


def _classes_table(f: dict) -> str:
    classes = f.get("classes") or []
    if not classes:
        return ""
    rows = "".join(
        f'<tr><td><code>{escape(c["function"])}</code></td><td><code>{escape(c["class"])}</code></td>'
        f'<td><code>{escape(c["class"])}({escape(", ".join(c.get("init_args", [])))})</code></td>'
        f'<td><code>__call__({escape(", ".join(["self"] + list(c.get("call_args", []))))})</code></td></tr>'
        for c in classes)
    return (f'<h4>Classes made</h4><table class="grid"><thead><tr><th>from function</th><th>class</th>'
            f'<th>constructor</th><th>call</th></tr></thead><tbody>{rows}</tbody></table>')


def _findings_list(f: dict, fid: str) -> str:
    findings = f.get("findings") or []
    if not findings:
        return ""
    items = []
    for x in findings:
        where = f'line {x["line"]}:{x["col"]}' if x.get("cell") is None else f'cell {x["cell"]}, line {x["line"]}'
        target = f' href="#{fid}-L{x["line"]}"' if x.get("cell") is None else ""
        reason, hint = split_hint(x.get("message", ""))
        hint_html = f' <span class="hint"><b>hint</b> {escape(hint)}</span>' if hint else ""
        items.append(f'<li data-verdict="{escape(x["verdict"])}">{_badge(x["verdict"])} '
                     f'<a class="where"{target}>{where}</a> <code class="api">{escape(x["api"])}</code> '
                     f'{escape(reason)}{hint_html}</li>')
    return f'<h4>Findings</h4><ol class="findings">{"".join(items)}</ol>'


def file_section(f: dict, fid: str) -> str:
    findings = f.get("findings") or []
    verdicts = sorted({x["verdict"] for x in findings})
    counts = " ".join(_badge(v, f"{sum(x['verdict'] == v for x in findings)} {v}") for v in verdicts)
    status = '<span class="pill changed">changed</span>' if f.get("changed") else \
        '<span class="pill">unchanged</span>'
    lines = f' <span class="muted">{f["lines"]} lines</span>' if "lines" in f else ""
    body = (_functions_table(f, fid) + _classes_table(f) + _code_table(f, fid) + _findings_list(f, fid))
    if not body:
        body = '<p class="muted">Nothing to migrate in this file.</p>'
    return (f'<section class="file" id="{fid}" data-verdicts="{" ".join(verdicts)}" '
            f'data-changed="{str(bool(f.get("changed"))).lower()}" data-findings="{len(findings)}">'
            f'<details open><summary><code class="path">{escape(f["path"])}</code> {status}{lines} {counts}'
            f'</summary><div class="body">{body}</div></details></section>')


def failures_section(failures: list[dict]) -> str:
    if not failures:
        return ""
    items = "".join(
        f'<li><code class="path">{escape(x["path"])}{":" + str(x["line"]) if x.get("line") else ""}</code> '
        f'{escape(x.get("message", ""))}{_functions_table(x, "failed")}</li>' for x in failures)
    return (f'<section class="failures"><h2>Could not be processed <b data-count="failures">'
            f'{len(failures)}</b></h2><ul>{items}</ul></section>')
