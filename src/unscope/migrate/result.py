"""What migration returns: plain, picklable values (the process pool sends them back)."""
from __future__ import annotations

from dataclasses import dataclass, field

from unscope.analyze.findings import Failure, Finding

__all__ = ["MigrationResult", "FileOutcome", "Report", "SCHEMA_VERSION"]

SCHEMA_VERSION = 1  # of the --report JSON (docs/migrate-json.md)


@dataclass
class MigrationResult:
    """Result of :func:`unscope.migrate_source`.

    ``code`` is the migrated source (the input itself when nothing changes or the source could
    not be migrated), ``findings`` what a person must look at, ``classes`` the ``tf.Module``
    classes made (native mode; empty in compat mode), ``error`` why the source was left
    unchanged, or None.
    """

    code: str
    findings: list[Finding] = field(default_factory=list)
    classes: list[dict] = field(default_factory=list)
    changed: bool = False
    error: str | None = None
    error_line: int | None = None
    error_col: int | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class FileOutcome:
    """One file of a CLI/library run: what happened to it (a row of the JSON report)."""

    path: str
    changed: bool = False
    written: bool = False
    findings: list[Finding] = field(default_factory=list)
    classes: list[dict] = field(default_factory=list)
    failure: Failure | None = None
    diff: str | None = None
    details: dict | None = None  # lines, diff, context, functions (migrate.review), when asked

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "changed": self.changed,
            "classes": list(self.classes),
            "findings": [f.to_dict() for f in self.findings],
            **(self.details or {}),
        }


@dataclass
class Report:
    """Result of :func:`unscope.migrate.migrate_paths`; ``to_dict()`` is the ``--report`` JSON."""

    files: list[FileOutcome] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    mode: str = "compat"
    skipped: int = 0  # files left out by .gitignore or --exclude
    copied: int = 0   # other files copied under --out

    @property
    def written(self) -> int:
        return sum(1 for o in self.files if o.written)

    @property
    def summary(self) -> dict:
        findings = [f for o in self.files for f in o.findings]
        verdicts = {"native": 0, "compat": 0, "manual": 0}
        for f in findings:
            verdicts[f.verdict] = verdicts.get(f.verdict, 0) + 1
        failed = {f.path for f in self.failures}
        return {
            "mode": self.mode,
            "files": len(self.files) + len({p for p in failed if p not in {o.path for o in self.files}}),
            # a file that could not be written is a failure, not a migrated file
            "changed": sum(1 for o in self.files if o.changed and o.failure is None),
            "unchanged": sum(1 for o in self.files if not o.changed and o.failure is None),
            "failed": len(failed),
            "findings": len(findings),
            **verdicts,
            "classes": sum(len(o.classes) for o in self.files),
            "skipped": self.skipped,
            "copied": self.copied,
            **_detail_totals(self.files),
        }

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "migrate",
            "files": [o.to_dict() for o in self.files if o.failure is None],
            "failures": [_failure_row(f, self.files) for f in self.failures],
            "summary": self.summary,
        }


def _failure_row(failure: Failure, files) -> dict:
    """A failure, with the variable-making functions of its file when they could be read
    (each ``manual``: the file was left unchanged)."""
    row = failure.to_dict()
    for o in files:
        if o.failure is failure and o.details is not None:
            row["functions"] = o.details["functions"]
    return row


def _detail_totals(files) -> dict:
    """Lines and per-function verdict counts, when the outcomes carry review details."""
    rows = [o.details for o in files if o.details is not None]
    if not rows:
        return {}
    from unscope.migrate.functions import FUNCTION_VERDICTS

    verdicts = {v: 0 for v in FUNCTION_VERDICTS}
    for d in rows:
        for fn in d["functions"]:
            verdicts[fn["verdict"]] += 1
    lines = sum(o.details["lines"] for o in files if o.details is not None and o.failure is None)
    return {"lines": lines, "functions": verdicts}
