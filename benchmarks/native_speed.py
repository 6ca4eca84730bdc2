"""`unscope migrate --mode native` vs `tf_upgrade_v2 --intree`, and native mode's linearity.

    .venv/bin/python benchmarks/native_speed.py [--lines 20000] [--repeat 5] [--keep DIR]
    .venv/bin/python benchmarks/native_speed.py --tree PATH [--repeat 5]

1. Speed: on the generated TF1 tree of ``migrate_speed.py`` (~20k lines, 287 files), whole
   processes (interpreter start, imports, work) alternating run by run, medians of
   ``--repeat`` runs: ``tf_upgrade_v2 --intree``, ``unscope migrate --mode native --check -j 2``
   (the target: at most 1/20 of tf_upgrade_v2) and ``--mode native --out DIR -j 2`` (writes
   the tree, so every changed file is migrated a second time to prove the rewrite stable).
2. Linearity: one generated file of ~6k lines and one of ~24k lines (the same blocks four
   times over, with their own function names), ``--mode native --check -j 1`` as whole
   processes, alternating; target: the 24k file takes at most ~4x (+10 %) the 6k file.

``--tree PATH``: the speed comparison (1.) on a TF1 tree of your own instead of the generated
one (it is only read; the linearity runs are left out), so a figure for real code can be
quoted without the code.  Also printed: the load average before and after the runs.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from migrate_speed import BLOCKS, HEADER, generate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SPEED_TARGET = 1 / 20
LINEAR_TARGET = 4.4


def one_file(copies: int, blocks_per_copy: int = 600) -> str:
    """A single TF1 module: ``blocks_per_copy`` blocks (~6k lines), ``copies`` times over."""
    parts = ['"""Generated TF1 module: one big file."""\n', HEADER["compat"]]
    for copy in range(copies):
        for i in range(blocks_per_copy):
            parts.append(BLOCKS[i % len(BLOCKS)].format(name=f"f{copy}_{i}"))
    return "".join(parts)


CPU: dict[str, list[float]] = {}   # key -> CPU seconds (user + sys) of each run's processes


def timed(cmd, key=None, **kw) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of one whole process; its CPU time (children included) goes to ``CPU[key]``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if key is not None:
        CPU.setdefault(key, []).append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall, proc


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def _ok(proc, allowed=(0, 1)) -> bool:
    if proc.returncode not in allowed:
        print(proc.stderr[-2000:], file=sys.stderr)
        return False
    return True


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", help="generate the inputs here and keep them")
    parser.add_argument("--tree", help="compare on this TF1 tree (read only) instead of the generated one")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="unscope-native-bench-"))
    load_before = _load()
    if args.tree:
        tree = Path(args.tree).resolve()
        sources = sorted(tree.rglob("*.py"))
        files = len(sources)
        lines = sum(p.read_bytes().count(b"\n") for p in sources)
    else:
        tree = work / "tree"
        shutil.rmtree(tree, ignore_errors=True)
        files, lines = generate(tree, args.lines)
    big = {}
    for copies in () if args.tree else (1, 4):
        folder = work / f"file{copies}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        text = one_file(copies)
        (folder / "model.py").write_text(text)
        big[copies] = (folder, text.count("\n"))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    native = [PYTHON, "-m", "unscope", "migrate", "--mode", "native", "-q"]
    results: dict[str, list[float]] = {"tf_upgrade_v2": [], "native --check -j 2": [], "native --out -j 2": []}
    if not args.tree:
        results.update({"file 6k": [], "file 24k": []})
    # a tree of your own may hold files neither tool can read (Python 2): both report them
    allowed = (0, 1, 123) if args.tree else (0, 1)
    summary = out_summary = ""
    for r in range(args.repeat):
        out = work / f"upgraded{r}"
        shutil.rmtree(out, ignore_errors=True)
        t, proc = timed([PYTHON, "-m", "tensorflow.tools.compatibility.tf_upgrade_v2_main",
                         "--intree", str(tree), "--outtree", str(out), "--reportfile",
                         str(work / "report.txt")], "tf_upgrade_v2", env=env, cwd=work)
        if not _ok(proc, (0,)):
            return 123
        results["tf_upgrade_v2"].append(t)
        shutil.rmtree(out, ignore_errors=True)
        t, proc = timed(native + ["--check", "-j", "2", str(tree)], "native --check -j 2", env=env, cwd=ROOT)
        if not _ok(proc, allowed):
            return 123
        results["native --check -j 2"].append(t)
        summary = proc.stderr.strip().splitlines()[-1]
        t, proc = timed(native + ["--out", str(out), "-j", "2", str(tree)], "native --out -j 2", env=env, cwd=ROOT)
        if not _ok(proc, (0, 123)):  # 123: some files failed (listed on stderr), the rest written
            return 123
        results["native --out -j 2"].append(t)
        out_summary = proc.stderr.strip().splitlines()[-1]
        shutil.rmtree(out, ignore_errors=True)
        for copies, key in () if args.tree else ((1, "file 6k"), (4, "file 24k")):
            t, proc = timed(native + ["--check", "-j", "1", str(big[copies][0])], key, env=env, cwd=ROOT)
            if not _ok(proc):
                return 123
            results[key].append(t)
    med = {k: statistics.median(v) for k, v in results.items()}
    base = med["tf_upgrade_v2"]
    print(f"tree: {args.tree or 'generated'}, {files} files, {lines} lines; repeats: {args.repeat} "
          "(medians, whole processes)")
    print(f"unscope summary (--check): {summary}")
    print(f"unscope summary (--out): {out_summary}")
    print(f"load average (1, 5, 15 min) before the runs: {load_before}; after: {_load()}")
    print()
    cpu = {k: statistics.median(v) for k, v in CPU.items()}
    print("| tool | wall time (s) | lines/s | vs tf_upgrade_v2 | speed-up | CPU time (s) | CPU speed-up |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key in ("tf_upgrade_v2", "native --check -j 2", "native --out -j 2"):
        print(f"| {key} | {med[key]:.2f} | {lines / med[key]:,.0f} | {med[key] / base:.3f} "
              f"| {base / med[key]:.1f}x | {cpu[key]:.2f} | {cpu['tf_upgrade_v2'] / cpu[key]:.1f}x |")
    speed = med["native --check -j 2"] / base
    print()
    print(f"native --check -j 2 takes {speed:.3f} of tf_upgrade_v2's wall time ({base / med['native --check -j 2']:.1f}x "
          f"faster; target >= 20x): {'PASS' if speed <= SPEED_TARGET else 'FAIL'}")
    print(f"CPU time: tf_upgrade_v2 / native --check -j 2 = "
          f"{cpu['tf_upgrade_v2'] / cpu['native --check -j 2']:.1f}x")
    if args.tree:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return 0 if speed <= SPEED_TARGET else 1
    small, large = med["file 6k"], med["file 24k"]
    linear = large / small
    print()
    print("| one file, native --check -j 1 | lines | wall time (s) | runs (s) | CPU time (s) |")
    print("|---|---:|---:|---|---:|")
    for copies, key in ((1, "file 6k"), (4, "file 24k")):
        runs = " ".join(f"{t:.2f}" for t in results[key])
        print(f"| {key} | {big[copies][1]:,} | {med[key]:.2f} | {runs} | {cpu[key]:.2f} |")
    print()
    print(f"CPU time: 24k / 6k file = {cpu['file 24k'] / cpu['file 6k']:.2f}x")
    print(f"24k-line file / 6k-line file: {linear:.2f}x the time for {big[4][1] / big[1][1]:.2f}x the lines "
          f"(target <= {LINEAR_TARGET}): {'PASS' if linear <= LINEAR_TARGET else 'FAIL'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if speed <= SPEED_TARGET and linear <= LINEAR_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
