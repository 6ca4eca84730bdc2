"""Static analysis of TF1 variable machinery: import aliases, scope trees, findings.

Never imports TensorFlow, so scanning stays close to ``ast.parse`` speed::

    import unscope
    result = unscope.scan(["models/"], jobs=2)
    for finding in result.findings:
        print(finding)   # models/gpt.py:41:9: tf.variable_scope: compat: reuse= decided at run time; ...

``analyze_source(text)`` gives the findings of one source text (``migrate`` builds on it, and
on ``ImportTable`` / ``canonical_api`` from ``unscope.analyze.imports``). Names are loaded on
first use, so importing one submodule stays cheap.
"""
from __future__ import annotations

import importlib

_LAZY = {
    "scan": "unscope.analyze.runner",
    "ScanResult": "unscope.analyze.findings",
    "Finding": "unscope.analyze.findings",
    "Failure": "unscope.analyze.findings",
    "VERDICTS": "unscope.analyze.findings",
    "ImportTable": "unscope.analyze.imports",
    "canonical_api": "unscope.analyze.imports",
    "classify": "unscope.analyze.constructs",
    "analyze_source": "unscope.analyze.source",
    "analyze_notebook": "unscope.analyze.source",
    "analyze_tree": "unscope.analyze.visitor",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'unscope.analyze' has no attribute {name!r}")


def __dir__():
    return __all__
