"""Native coverage on real TF1 code: runs ``unscope migrate --mode native --report`` over each
directory given and counts the report's variable-making functions by verdict, with the most
common reasons for those that did not become native.

    .venv/bin/python -m tests.native.real_coverage DIR... [--out /tmp/real] [--top 5]

The trees are read, never written: the migrated copies and the JSON reports go under --out.
One table row per tree (native / compat island / TF1 form / manual / all), then the totals,
then each tree's top reasons.  Reasons are grouped with names and numbers blanked, so "dense
is referenced outside ... (line 26)" and "embed is referenced outside ... (line 30)" count as one.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from unscope.migrate.functions import FUNCTION_VERDICTS

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = ("native", "compat_island", "tf1_form", "manual")


def measure(tree: Path, out: Path) -> dict:
    """``{"counts", "reasons", "seconds", "exit"}`` for one tree (the CLI in a fresh process)."""
    out.mkdir(parents=True, exist_ok=True)
    report = out / f"{tree.name}.json"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "unscope", "migrate", str(tree), "--mode", "native",
                           "--out", str(out / tree.name), "--report", str(report)],
                          capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - start
    if not report.is_file():
        raise RuntimeError(f"{tree}: no report written (exit {done.returncode}): {done.stderr[-500:]}")
    data = json.loads(report.read_text())
    rows = [fn for r in data["files"] + data["failures"] for fn in r.get("functions", [])]
    counts = Counter(fn["verdict"] for fn in rows)
    reasons = Counter(reason_kind(fn) for fn in rows if fn["verdict"] != "native")
    return {"counts": {v: counts.get(v, 0) for v in FUNCTION_VERDICTS}, "reasons": reasons,
            "seconds": seconds, "exit": done.returncode, "failures": len(data["failures"])}


def reason_kind(fn: dict) -> str:
    """The reason with the function's own name, quoted names and numbers blanked."""
    text = fn["verdict"] + ": " + (fn.get("reason") or "")
    for name in {fn["name"], fn["name"].rpartition(".")[2], fn["name"].partition(".")[0]}:
        text = re.sub(rf"\b{re.escape(name)}\b", "<fn>", text)
    text = re.sub(r"`[^`]*`|'[^']*'", "<name>", text)
    text = re.sub(r"\(line \d+\)|\b\d+\b", "N", text)
    text = re.sub(r"\b[A-Za-z_][\w.]*\.[\w.]+\b", "<name>", text)   # dotted names: tf.x.y, mod.f
    text = re.sub(r"\b\w+ (stays|is|are) (in TF1 form|referenced|used|called)", r"<fn> \1 \2", text)
    return text.split(" - ")[0][:150]


def table(results: dict[str, dict]) -> str:
    head = "| tree | native | compat island | TF1 form | manual | functions | native share | s |"
    lines = [head, "|" + "---|" * 8]
    totals = Counter()
    for name, r in results.items():
        c = r["counts"]
        totals.update(c)
        n = sum(c.values())
        share = f"{100 * c['native'] / n:.0f} %" if n else "-"
        lines.append(f"| {name} | " + " | ".join(str(c[k]) for k in COLUMNS) +
                     f" | {n} | {share} | {r['seconds']:.1f} |")
    n = sum(totals.values())
    share = f"{100 * totals['native'] / n:.0f} %" if n else "-"
    lines.append("| **all** | " + " | ".join(str(totals[k]) for k in COLUMNS) + f" | {n} | {share} | |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.native.real_coverage")
    parser.add_argument("trees", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/unscope-real-coverage"))
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)
    results = {tree.name: measure(tree, args.out) for tree in args.trees}
    print(table(results))
    every = Counter()
    for name, r in results.items():
        every.update(r["reasons"])
        print(f"\n{name}: top reasons (of {sum(r['reasons'].values())} not native)")
        for reason, count in r["reasons"].most_common(args.top):
            print(f"  {count:4d}  {reason}")
    print(f"\nall trees: top reasons (of {sum(every.values())} not native)")
    for reason, count in every.most_common(args.top * 2):
        print(f"  {count:4d}  {reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
