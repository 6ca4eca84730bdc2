"""Report verdicts and rendering: plain text, rich tables, JSON (no TensorFlow)."""
import io
import json

from unscope.verify.render import render_plain, render_rich
from unscope.verify.report import (DIFFERS, NOT_COMPARABLE, OK, Comparison, Report,
                                   VariableCheck)


def make_report(**changes):
    fields = dict(
        old="old.py:build", new="new.py:Model", layers="tf_keras 2.21.0",
        settings={"rtol": 1e-6, "atol": 1e-5, "seed": 0, "training": False},
        variables=VariableCheck(old_count=2, new_count=2, matched=2),
        outputs=[Comparison("output", "logits", OK, [2, 3], 1e-7, 2e-7, [1, 2], 0.5, 0.5)],
        regularization=Comparison("regularization", "total", OK, [], 0.0, 0.0, [], 0.1, 0.1),
        gradients=[Comparison("gradient", "dense/kernel", OK, [4, 3], 0.0, 0.0, [0, 0], 1, 1)],
        after=[],
    )
    fields.update(changes)
    return Report(**fields)


def test_agreeing_report():
    report = make_report()
    assert report.ok and report.mismatches == []
    assert report.summary() == "verify: OLD and NEW agree (3 checks, 2 variables, 1 input draw)"


def test_every_difference_is_named():
    report = make_report(
        variables=VariableCheck(2, 2, 1, missing=[{"name": "b/w", "shape": [4, 4],
                                                   "dtype": "float32"}],
                                extra=[{"name": "b_1/w", "shape": [4, 4], "dtype": "float32"}],
                                duplicated={"t/w": 2},
                                mismatched=[{"name": "g", "what": "trainable", "old": True,
                                             "new": False}]),
        outputs=[Comparison("output", "logits", DIFFERS, [2, 3], 0.25, 0.5, [1, 2], 0.5, 0.75)],
    )
    names = [str(m) for m in report.mismatches]
    assert names == [
        "variable b/w: missing in NEW ([4,4] float32)",
        "variable b_1/w: extra in NEW ([4,4] float32)",
        "variable t/w: NEW has 2 distinct variables with this name; TF1 has one (shared)",
        "variable g: trainable is True in OLD, False in NEW",
        "output logits: max abs error 0.25, max rel error 0.5 at (1, 2) (OLD 0.5, NEW 0.75)",
    ]
    assert not report.ok
    assert report.summary().startswith("verify: 5 differences: variable b/w, variable b_1/w")


def test_not_comparable_is_not_agreement():
    report = make_report(outputs=[Comparison("output", "y", NOT_COMPARABLE, note="random")])
    assert not report.ok and len(report.not_comparable) == 1
    assert report.summary().startswith("verify: not proven: 1 checks not comparable")
    assert "--same-random" in report.summary()


def test_plain_text_has_a_table_per_section():
    text = render_plain(make_report(notes=["a note"]))
    assert "outputs\n  name    shape  max abs" in text
    assert "dense/kernel" in text and "regularization loss" in text
    assert "  - a note" in text
    assert text.endswith("verify: OLD and NEW agree (3 checks, 2 variables, 1 input draw)")
    assert not render_plain(make_report(), summary=False).rstrip().endswith("variables)")


def test_rich_tables_render():
    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=160, force_terminal=False).print(render_rich(make_report()))
    text = buffer.getvalue()
    assert "gradients of the sum of all floating outputs" in text
    assert "dense/kernel" in text and "logits" in text and "agree" in text


def test_json_round_trip():
    data = json.loads(make_report().to_json())
    assert data["ok"] is True and data["mismatches"] == []
    assert data["outputs"][0]["worst_index"] == [1, 2]
    assert data["summary"].startswith("verify: OLD and NEW agree")


def test_json_is_strict_with_infinite_errors():
    row = Comparison("output", "y", DIFFERS, [1], 1.0, float("inf"), [0], 0.0, 1.0)
    text = make_report(outputs=[row]).to_json()
    data = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    assert data["outputs"][0]["max_rel"] == "inf"
