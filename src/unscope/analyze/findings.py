"""What scan reports: findings (one TF1 construct each), failures (files it could not read),
and the result of a whole run. All plain, picklable dataclasses.

    >>> f = Finding("model.py", 41, 9, None, "tf.variable_scope", "model/h{i}", "compat",
    ...             "reuse= decided at run time")
    >>> str(f)
    'model.py:41:9: tf.variable_scope: compat: reuse= decided at run time'
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

__all__ = ["Finding", "Failure", "ScanResult", "VERDICTS", "summarize"]

# What migrate will do with a construct, from best to worst.
VERDICTS = ("native", "compat", "manual")


def _where(path: str, cell: int | None, line: int | None, col: int | None) -> str:
    where = path if cell is None else f"{path}:cell {cell}"
    if line is not None:
        where += f":{line}"
        if col is not None:
            where += f":{col}"
    return where


@dataclass(frozen=True)
class Finding:
    """One TF1 variable construct and what migrate will do with it.

    ``line`` and ``col`` are 1-based; in a notebook ``cell`` is the index of the cell in the
    notebook's ``cells`` list (0-based) and ``line`` counts inside that cell.
    ``api`` is the canonical TF1 name (``tf.`` meaning ``tensorflow.compat.v1``), ``scope``
    the static scope path (dynamic parts in braces, ``model/h{layer}/attn``) or None,
    ``verdict`` one of ``native``, ``compat``, ``manual``, and ``reuse`` the reuse mode in force
    (``create``, ``reuse``, ``auto``, ``dynamic``, ``varies``) where it matters, else None.
    """

    path: str
    line: int
    col: int
    cell: int | None
    api: str
    scope: str | None
    verdict: str
    message: str
    reuse: str | None = None

    def __str__(self) -> str:
        return f"{_where(self.path, self.cell, self.line, self.col)}: {self.api}: {self.verdict}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)

    def sort_key(self) -> tuple:
        return (self.path, -1 if self.cell is None else self.cell, self.line, self.col, self.api)


@dataclass(frozen=True)
class Failure:
    """A file that could not be read or parsed; ``line``/``col`` 1-based where known."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None
    cell: int | None = None

    def __str__(self) -> str:
        return f"{_where(self.path, self.cell, self.line, self.col)}: {self.message}"

    def to_dict(self) -> dict:
        out = {"path": self.path}
        if self.cell is not None:
            out["cell"] = self.cell
        if self.line is not None:
            out["line"] = self.line
        if self.col is not None:
            out["col"] = self.col
        out["message"] = self.message
        return out


def summarize(findings, failures, files: int, lines: int, skipped: int = 0) -> dict:
    """The ``summary`` mapping of a scan (see docs/scan-json.md)."""
    counts = {v: 0 for v in VERDICTS}
    for f in findings:
        counts[f.verdict] += 1
    failed_files = len({f.path for f in failures})
    return {
        "files": files,
        "lines": lines,
        "skipped": skipped,
        "failed": failed_files,
        "findings": sum(counts.values()),
        **counts,
    }


@dataclass
class ScanResult:
    """Result of :func:`unscope.scan`: ``findings`` sorted by place, ``failures``, ``summary``."""

    findings: list[Finding] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "schema_version": 1,  # docs/scan-json.md
            "kind": "scan",
            "findings": [f.to_dict() for f in self.findings],
            "failures": [f.to_dict() for f in self.failures],
            "summary": dict(self.summary),
        }
