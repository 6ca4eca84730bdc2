"""The HTML report: one self-contained page (inline CSS, JS and SVG; no network) for a
migration and, where they ran, the checkpoint conversion and the verification.

    >>> import json, unscope.report as r
    >>> runs = [r.read_report("migrate-report.json"), r.read_report("verify.json")]
    >>> html = r.render_html(runs)              # a string; the caller writes it

``read_report`` accepts the JSON of ``unscope migrate --report``, ``unscope convert
--format json`` and ``unscope verify --format json`` (see docs/*-json.md) and raises
:class:`ReportError` (one line, naming the file) for anything else.  Nothing here prints.
"""
from unscope.report.runs import KINDS, ReportError, kind_of, read_report
from unscope.report.page import render_html

__all__ = ["render_html", "read_report", "kind_of", "ReportError", "KINDS"]
