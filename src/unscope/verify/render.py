"""A `Report` as plain text (pipes, logs, AssertionError) or as rich tables (terminals)."""
from __future__ import annotations

from unscope.verify.report import DIFFERS, OK, Comparison, Report

COLUMNS = ("name", "shape", "max abs", "max rel", "worst", "OLD", "NEW", "status")
SECTIONS = (
    ("outputs", "outputs"),
    ("regularization", "regularization loss"),
    ("gradients", "gradients of the sum of all floating outputs"),
    ("after", "variables after the call (training step)"),
)


def _num(value) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}" if abs(value) < 1e-3 or abs(value) >= 1e4 else f"{value:.6g}"


def _cells(row: Comparison) -> list[str]:
    shape = "-" if row.shape is None else "[" + ",".join(str(d) for d in row.shape) + "]"
    worst = "-" if row.worst_index is None else "(" + ",".join(map(str, row.worst_index)) + ")"
    if row.draw is not None and row.worst_index is not None:
        worst = f"#{row.draw} {worst}"  # the input draw it was found in
    status = row.status + (f": {row.note}" if row.note else "")
    return [row.name, shape, _num(row.max_abs), _num(row.max_rel), worst,
            _num(row.old_value), _num(row.new_value), status]


def _rows(report: Report, section: str) -> list[Comparison]:
    value = getattr(report, section)
    if value is None:
        return []
    return [value] if isinstance(value, Comparison) else list(value)


def header_lines(report: Report) -> list[str]:
    s = report.settings
    mode = "training" if s.get("training") else "inference"
    draws = report.draws
    return [
        f"OLD  {report.old}  (TF1 graph mode; tf.layers: {report.layers})",
        f"NEW  {report.new}  (TF2 {'tf.function' if s.get('function') else 'eager'})",
        f"{mode} mode, rtol {s.get('rtol'):g}, atol {s.get('atol'):g}"
        + (f", gradients also within {s['grad_rtol']:g} x their largest |OLD|"
           if s.get("grad_rtol") else "") + f", seed {s.get('seed', 0)}, "
        f"{draws} input draw{'s' * (draws != 1)} compared",
        report.reference_line(),
    ]


def variable_lines(report: Report) -> list[str]:
    v = report.variables
    lines = [f"variables: {v.old_count} in OLD, {v.new_count} in NEW, {v.matched} matched by name"]
    for item in v.missing:
        lines.append(f"  missing in NEW: {item['name']} {_shape(item['shape'])} {item['dtype']}")
    for item in v.extra:
        lines.append(f"  extra in NEW:   {item['name']} {_shape(item['shape'])} {item['dtype']}")
    for name, count in v.duplicated.items():
        lines.append(f"  shared wrongly: {name}: {count} distinct NEW variables, one in TF1")
    for item in v.mismatched:
        lines.append(f"  {item['what']} differs: {item['name']}: OLD {item['old']}, "
                     f"NEW {item['new']}")
    return lines


def _shape(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def render_plain(report: Report, summary: bool = True) -> str:
    """The whole report as aligned plain-text tables (and the summary line, unless told)."""
    lines = header_lines(report) + [""] + variable_lines(report)
    for section, title in SECTIONS:
        rows = _rows(report, section)
        if not rows:
            continue
        table = [list(COLUMNS)] + [_cells(r) for r in rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS) - 1)]
        lines += ["", title]
        for cells in table:
            lines.append("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths))
                         + "  " + cells[-1])
    if report.notes:
        lines += ["", "notes"] + [f"  - {n}" for n in report.notes]
    if summary:
        lines += ["", report.summary()]
    return "\n".join(lines)


def render_rich(report: Report, summary: bool = True):
    """The report as a `rich` renderable (a Group of tables); the caller prints it."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts = [Text("\n".join(header_lines(report)), style="bold"), Text("")]
    var_lines = variable_lines(report)
    parts.append(Text(var_lines[0]))
    for line in var_lines[1:]:
        parts.append(Text(line, style="red"))
    for section, title in SECTIONS:
        rows = _rows(report, section)
        if not rows:
            continue
        table = Table(title=title, title_justify="left", show_edge=False, pad_edge=False)
        for col in COLUMNS:
            numeric = col in ("max abs", "max rel", "OLD", "NEW")
            # names never wrap; on a narrow terminal the other cells fold
            table.add_column(col, justify="right" if numeric else "left",
                             no_wrap=col == "name", overflow="fold",
                             min_width=7 if col == "status" else None)
        for row in rows:
            style = {OK: "green", DIFFERS: "bold red"}.get(row.status, "yellow")
            cells = _cells(row)
            table.add_row(*cells[:-1], Text(cells[-1], style=style))
        parts += [Text(""), table]
    if report.notes:
        parts += [Text(""), Text("notes", style="bold")]
        parts += [Text(f"  - {n}", style="yellow") for n in report.notes]
    if summary:
        parts += [Text(""), Text(report.summary(), style="bold green" if report.ok else "bold red")]
    return Group(*parts)
