"""The examples in the analyze modules' docstrings run and hold."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["imports", "names", "scopes", "constructs", "verdicts", "findings", "visitor", "source",
           "notebook", "gitignore", "files", "runner", "report", "programs"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"unscope.analyze.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
