"""Convert and verify on the page: every checkpoint tensor's fate, verify's comparison tables."""
from __future__ import annotations

from html import escape

__all__ = ["convert_section", "verify_section", "tensor_fates"]


def _shape(shape) -> str:
    return "[" + ", ".join(str(d) for d in shape) + "]" if shape is not None else ""


def tensor_fates(c: dict) -> list[dict]:
    """One row per checkpoint tensor: ``{"tensor", "fate", "to", "shape", "dtype", "note"}``;
    fate is mapped / split / cast / dropped / global_step / problem."""
    rows = []
    for e in c.get("mapped", []):
        fate = "split" if "axis" in e else "cast" if "cast_to" in e else "mapped"
        note = f"cast to {e['cast_to']}" if "cast_to" in e else ""
        if "axis" in e:
            note = f"split along axis {e['axis']} into {len(e['variables'])} parts"
        if e.get("source") != e.get("dest"):
            note = "; ".join(x for x in (note, f"renamed to {e['dest']}") if x)
        rows.append({"tensor": e["source"], "fate": fate, "to": ", ".join(e.get("variables", [])),
                     "shape": _shape(e.get("shape")), "dtype": e.get("dtype", ""), "note": note})
    if c.get("global_step"):
        rows.append({"tensor": c["global_step"], "fate": "global_step", "to": "global_step (root)",
                     "shape": "", "dtype": "", "note": "kept (--keep-global-step)"})
    for name, reason in sorted(c.get("dropped", {}).items()):
        rows.append({"tensor": name, "fate": "dropped", "to": "", "shape": "", "dtype": "", "note": reason})
    for p in c.get("problems", []):
        near = ", ".join(p.get("candidates", [])[:3])
        rows.append({"tensor": p.get("name", ""), "fate": "problem", "to": "", "shape": "", "dtype": "",
                     "note": p.get("message", "") + (f" (closest: {near})" if near else "")})
    return rows


def convert_section(c: dict) -> str:
    counts = c.get("counts", {})
    status = ("refused" if c.get("problems") else "written" if c.get("written") else "dry run")
    cards = "".join(
        f'<div class="card"><div class="value" data-count="convert-{k}">{counts.get(k, 0)}</div>'
        f'<div class="label">{k}</div></div>' for k in ("mapped", "variables", "dropped", "problems"))
    rows = "".join(
        f'<tr data-fate="{r["fate"]}"><td><code>{escape(r["tensor"])}</code></td>'
        f'<td><span class="fate f-{r["fate"]}">{r["fate"].replace("_", " ")}</span></td>'
        f'<td><code>{escape(r["to"])}</code></td><td>{escape(r["shape"])}</td><td>{escape(r["dtype"])}</td>'
        f'<td>{escape(r["note"])}</td></tr>' for r in tensor_fates(c))
    return (f'<section class="check convert"><h2>Checkpoint conversion <span class="pill '
            f'{"bad" if c.get("problems") else "ok"}">{status}</span></h2>'
            f'<p class="muted"><code>{escape(c.get("src", ""))}</code> → <code>{escape(c.get("dst", ""))}</code> '
            f'({escape(c.get("direction", ""))})</p><div class="cards">{cards}</div>'
            f'<h4>Every tensor of the checkpoint</h4><table class="grid" data-table="tensors"><thead><tr>'
            f'<th>tensor</th><th>fate</th><th>variable</th><th>shape</th><th>dtype</th><th>note</th></tr></thead>'
            f'<tbody>{rows}</tbody></table></section>')


def _num(x) -> str:
    if x is None:
        return ""
    if isinstance(x, str):
        return x
    return f"{x:.3g}"


def _comparison_table(title: str, rows: list[dict], key: str) -> str:
    if not rows:
        return ""
    body = "".join(
        f'<tr data-status="{escape(r["status"])}"><td><code>{escape(r["name"])}</code></td>'
        f'<td><span class="fate s-{escape(r["status"].replace(" ", "-"))}">{escape(r["status"])}</span></td>'
        f'<td>{_shape(r.get("shape"))}</td><td class="num">{_num(r.get("max_abs"))}</td>'
        f'<td class="num">{_num(r.get("max_rel"))}</td>'
        f'<td>{escape(_shape(r["worst_index"]) if r.get("worst_index") else "")}</td>'
        f'<td class="num">{_num(r.get("old_value"))}</td><td class="num">{_num(r.get("new_value"))}</td>'
        f'<td>{escape(r.get("note") or "")}</td></tr>' for r in rows)
    return (f'<h4>{escape(title)}</h4><table class="grid" data-table="{key}"><thead><tr><th>name</th>'
            f'<th>status</th><th>shape</th><th>max abs err</th><th>max rel err</th><th>worst at</th>'
            f'<th>old</th><th>new</th><th>note</th></tr></thead><tbody>{body}</tbody></table>')


def verify_section(v: dict) -> str:
    var = v.get("variables", {})
    settings = v.get("settings", {})
    ok = bool(v.get("ok"))
    cards = "".join(
        f'<div class="card"><div class="value" data-count="verify-{k}">{var.get(k, 0)}</div>'
        f'<div class="label">{label}</div></div>'
        for k, label in (("old_count", "TF1 variables"), ("new_count", "TF2 variables"), ("matched", "matched")))
    mismatches = v.get("mismatches", [])
    listing = "".join(f'<li><b>{escape(m["kind"])}</b> <code>{escape(m["name"])}</code>: '
                      f'{escape(m["message"])}</li>' for m in mismatches)
    reg = [v["regularization"]] if v.get("regularization") else []
    tables = (_comparison_table("Outputs", v.get("outputs", []), "outputs")
              + _comparison_table("Regularization loss", reg, "regularization")
              + _comparison_table("Gradients", v.get("gradients", []), "gradients")
              + _comparison_table("Variables after a training step", v.get("after", []), "after"))
    tol = f'rtol {settings.get("rtol")}, atol {settings.get("atol")}' if "rtol" in settings else ""
    return (f'<section class="check verify"><h2>Verification <span class="pill {"ok" if ok else "bad"}">'
            f'{"agrees" if ok else "differs"}</span></h2><p class="muted"><code>{escape(v.get("old", ""))}</code>'
            f' (TF1 graph mode) vs <code>{escape(v.get("new", ""))}</code> (TF2) · {escape(tol)} · '
            f'{escape(v.get("layers", ""))}</p><p class="summary">{escape(v.get("summary", ""))}</p>'
            f'<div class="cards">{cards}</div>'
            f'{"<h4>Differences</h4><ul class=mismatches>" + listing + "</ul>" if listing else ""}'
            f'{tables}</section>')
