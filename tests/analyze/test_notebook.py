"""Notebooks: code cells only, IPython syntax masked, findings placed by cell and line."""
from __future__ import annotations

import json

import pytest

import unscope
from unscope.analyze.notebook import NotebookError, code_cells, mask_magics
from unscope.analyze.source import analyze_notebook


def notebook(*cells, nbformat=4) -> str:
    out = []
    for kind, source in cells:
        cell = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
        if kind == "code":
            cell.update(outputs=[], execution_count=None)
        out.append(cell)
    return json.dumps({"cells": out, "metadata": {}, "nbformat": nbformat, "nbformat_minor": 5})


MASKED = [
    ("%matplotlib inline", "pass"),
    ("!pip install tensorflow==1.15", "pass"),
    ("    !ls", "    pass"),
    ("files = !ls *.py", "pass"),
    ("x = %time f()", "pass"),
    ("tf.get_variable?", "pass"),
    ("?tf.get_variable", "pass"),
    ("tf.get_variable??", "pass"),
    ("x = 1  # too high?", "x = 1  # too high?"),
    ("print('why?')", "print('why?')"),
    ("# is this a question?", "# is this a question?"),
    ("y = 'a%b'", "y = 'a%b'"),
    ("z = a % b", "z = a % b"),
    ("w = a != b", "w = a != b"),
]


@pytest.mark.parametrize("line,expected", MASKED)
def test_mask_line(line, expected):
    assert mask_magics(line) == expected


def test_mask_keeps_line_numbers_and_blocks():
    src = "for i in range(3):\n    %time f(i)\nx = 1\n"
    masked = mask_magics(src)
    assert masked.count("\n") == src.count("\n")
    compile(masked, "<cell>", "exec")


@pytest.mark.parametrize("magic,python", [("%%time", True), ("%%capture out", True),
                                          ("%%bash", False), ("%%writefile a.py", False),
                                          ("%%html", False)])
def test_cell_magics(magic, python):
    masked = mask_magics(f"{magic}\nimport os\n")
    assert (masked is not None) == python
    if python:
        assert masked.splitlines() == ["pass", "import os"]


def test_code_cells_index_counts_every_cell():
    text = notebook(("markdown", "# title"), ("code", "a = 1"), ("raw", "x"), ("code", "b = 2\n"))
    assert code_cells(text) == [(1, "a = 1"), (3, "b = 2\n")]


def test_code_cells_nbformat3():
    text = json.dumps({"worksheets": [{"cells": [{"cell_type": "code", "input": ["x = 1\n"]}]}]})
    assert code_cells(text) == [(0, "x = 1\n")]


@pytest.mark.parametrize("text", ["not json", "[1, 2]", '{"cells": 3}'])
def test_not_a_notebook(text):
    with pytest.raises(NotebookError):
        code_cells(text)


def test_findings_have_cell_and_line_inside_cell():
    text = notebook(
        ("markdown", "Model"),
        ("code", "%matplotlib inline\nimport tensorflow as tf\n"),
        ("code", "!nvidia-smi\n\ndef model(x):\n    with tf.variable_scope('net'):\n"
                 "        return tf.get_variable('w', [3])\n"),
    )
    findings, failures, lines = analyze_notebook(text, "nb.ipynb")
    assert failures == []
    assert lines == 3 + 6
    got = [(f.cell, f.line, f.col, f.api, f.scope) for f in findings]
    assert sorted(got) == [(2, 4, 10, "tf.variable_scope", "net"), (2, 5, 16, "tf.get_variable", "net/w")]
    assert str(sorted(findings, key=lambda f: f.line)[0]).startswith("nb.ipynb:cell 2:4:10: tf.variable_scope: native:")


def test_syntax_error_in_one_cell_keeps_the_others():
    text = notebook(("code", "import tensorflow as tf"), ("code", "def broken(:\n"),
                    ("code", "def f():\n    return tf.get_variable('w', [1])\n"))
    findings, failures, _ = analyze_notebook(text, "nb.ipynb")
    assert [(f.cell, f.line) for f in findings] == [(2, 2)]
    assert len(failures) == 1
    assert failures[0].cell == 1 and failures[0].line == 1
    assert str(failures[0]).startswith("nb.ipynb:cell 1:1:")
    assert "cannot parse" in failures[0].message


def test_notebook_in_scan(tmp_path):
    (tmp_path / "nb.ipynb").write_text(notebook(("code", "import tensorflow.compat.v1 as tf\n"
                                                         "w = tf.get_variable('w', [1])\n")))
    (tmp_path / "bad.ipynb").write_text("{not json")
    result = unscope.scan([tmp_path], jobs=1)
    assert [(f.path.endswith("nb.ipynb"), f.cell, f.line, f.verdict) for f in result.findings] == \
        [(True, 0, 2, "compat")]
    assert [f.path.endswith("bad.ipynb") for f in result.failures] == [True]
    assert result.failures[0].message.startswith("cannot parse: not a notebook")
