"""Native migrate's output, byte for byte: a baseline to compare speed work against.

    .venv/bin/python benchmarks/native_same_output.py corpus DIR    # write the inputs once
    .venv/bin/python benchmarks/native_same_output.py record DIR OUT.json
    .venv/bin/python benchmarks/native_same_output.py compare DIR BASE.json

The corpus: the generated tree of ``migrate_speed.py`` (287 files), a 6k-line file of
``native_speed.py``, the model zoo, the native and program golden cases' inputs, the native
project, the program zoo and scripts, and 300 generated programs of ``tests.native.programs``
(written to disk once, so later changes to the generator do not move the baseline).  Each
folder under DIR is one run of ``migrate_paths(folder, "native", action="diff", jobs=1)`` (what
the CLI runs: the export pre-pass, files in waves over the import graph, the stability re-run).
Recorded per file: the diff, every finding, the classes and the failure.  ``compare`` prints the files that differ and exits 1 if any do.
"""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def make_corpus(out: Path) -> None:
    from migrate_speed import generate
    from native_speed import one_file

    shutil.rmtree(out, ignore_errors=True)
    generate(out / "tree", 20000)
    (out / "big").mkdir(parents=True)
    (out / "big" / "model.py").write_text(one_file(1))
    folders = {"zoo": "tests/zoo", "program_zoo": "tests/program/zoo",
               "program_scripts": "tests/program/scripts", "project": "tests/native/project"}
    for name, folder in folders.items():
        shutil.copytree(ROOT / folder, out / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name, folder in {"native_cases": "tests/native/cases", "program_cases": "tests/program/cases"}.items():
        (out / name).mkdir()
        for case in sorted((ROOT / folder).glob("*.py")):
            (out / name / case.name).write_text(case.read_text().split("\n# output\n")[0])
    from hypothesis import HealthCheck, given, settings

    from tests.native import programs

    (out / "generated").mkdir()
    made = []

    @settings(max_examples=300, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(source=programs.program())
    def dump(source):
        made.append(source)

    dump()
    for i, source in enumerate(made):  # each program is its own run
        (out / "generated" / f"g{i:03d}").mkdir()
        (out / "generated" / f"g{i:03d}" / "gen.py").write_text(source)


def runs(corpus: Path):
    """Each run's folder and its files."""
    for top in sorted(p for p in corpus.iterdir() if p.is_dir()):
        groups = sorted(p for p in top.iterdir() if p.is_dir()) if top.name == "generated" else [top]
        for group in groups:
            yield group, sorted(str(p) for p in group.rglob("*.py"))


def record(corpus: Path) -> dict:
    """Per file: its diff, findings, classes and failure from ``migrate_paths`` (the CLI's
    library call: the export pre-pass, files in waves over the import graph, the stability
    re-run), one process."""
    from unscope.migrate import migrate_paths

    out = {}
    for group, files in runs(corpus):
        report = migrate_paths([str(group)], "native", action="diff", jobs=1)
        failures = {f.path: repr(f) for f in report.failures}
        for o in report.files:
            out[str(Path(o.path).relative_to(corpus))] = {
                "diff": o.diff, "changed": o.changed, "failure": failures.get(o.path),
                "findings": [repr(f) for f in o.findings],
                "classes": json.loads(json.dumps(o.classes, default=repr))}
    return out


def main(argv) -> int:
    command, corpus = argv[0], Path(argv[1])
    if command == "corpus":
        make_corpus(corpus)
        return 0
    got = record(corpus)
    if command == "record":
        Path(argv[2]).write_text(json.dumps(got, indent=1, sort_keys=True))
        print(f"{len(got)} files recorded, {sum(v['changed'] for v in got.values())} changed")
        return 0
    base = json.loads(Path(argv[2]).read_text())
    differ = sorted(k for k in base.keys() | got.keys() if base.get(k) != got.get(k))
    for key in differ:
        fields = [f for f in ("diff", "changed", "failure", "findings", "classes")
                  if (base.get(key) or {}).get(f) != (got.get(key) or {}).get(f)]
        print(f"DIFFERS: {key}: {', '.join(fields)}")
    print(f"{len(got)} files, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
