"""The page's content, from a real pipeline run: self-contained, counts equal the JSON's,
every finding beside its line, classes, tensor fates, verify tables; `unscope report`."""
import json
import re

import pytest

from unscope.cli import main
from unscope.report import ReportError, read_report, render_html

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page(runs):
    data = [read_report(str(runs[k])) for k in ("migrate", "convert", "verify")]
    return data, render_html(data)


def test_migrate_json_carries_what_the_page_shows(runs):
    data = json.loads(runs["migrate"].read_text())
    assert data["schema_version"] == 1 and data["kind"] == "migrate"
    rows = {r["path"].rsplit("/", 1)[-1]: r for r in data["files"]}
    verdicts = {f["name"]: f["verdict"] for r in rows.values() for f in r["functions"]}
    kept = verdicts.pop("getter_net")  # TF1 form on the runtime: an island only inside a native class
    assert verdicts == {"tower": "native", "head": "native", "model": "native", "shared": "native"}
    assert kept in ("compat_island", "tf1_form")
    (getter,) = [f for f in rows["legacy.py"]["functions"] if f["name"] == "getter_net"]
    assert "custom_getter" in getter["reason"] or "getter" in getter["reason"]
    assert data["summary"]["functions"] == {"native": 4, "compat_island": int(kept == "compat_island"),
                                            "tf1_form": int(kept == "tf1_form"), "manual": 0}
    (kept,) = rows["legacy.py"]["findings"]
    assert kept["line"] == 11 and kept["verdict"] == "compat" and "getter_net" in kept["message"]
    assert data["summary"]["lines"] == sum(r["lines"] for r in rows.values())
    assert rows["model.py"]["diff"].startswith("--- ") and rows["clean.py"]["diff"] is None


def test_the_page_is_self_contained(page):
    _, html = page
    assert "<script src" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)


def test_counts_classes_and_findings(page, runs):
    (migrate, convert, verify), html = page
    s = migrate["summary"]
    for key in ("files", "lines", "changed", "classes", "findings"):
        assert f'data-count="{key}">{s[key]}<' in html
    assert "Tower(units, name)" in html and "__call__(self, x)" in html
    for f in (f for r in migrate["files"] for f in r["findings"]):
        assert f'href="#' in html and f'-L{f["line"]}"' in html
    # the compat finding on the custom_getter scope sits beside its own line in the code table
    row = re.search(r'<tr class="(?:ctx|del)" id="(f[\w-]+)-L11">(.*?)</tr><tr class="finding" '
                    r'data-verdict="compat">', html)
    assert row and "custom_getter" in row.group(2)
    assert f'data-count="convert-mapped">{convert["counts"]["mapped"]}<' in html
    assert html.count('data-fate="dropped"') == len(convert["dropped"]) == 1  # global_step
    assert html.count('data-table="gradients"') == 1 and verify["ok"] is True


def test_report_command_writes_the_page_and_refuses_other_json(runs, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(runs["migrate"]), str(runs["verify"]), "-o", str(out)]) == 0
    assert "Verification" in out.read_text() and "Project totals" in out.read_text()
    bogus = tmp_path / "x.json"
    bogus.write_text('{"hello": 1}')
    assert main(["report", str(bogus), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(bogus) in err and "not an unscope" in err
    newer = tmp_path / "new.json"
    newer.write_text(json.dumps({**json.loads(runs["verify"].read_text()), "schema_version": 99}))
    with pytest.raises(ReportError, match="newer"):
        read_report(str(newer))


def test_migrate_html_is_the_same_page(runs):
    html = runs["html"].read_text()
    assert html.startswith("<!DOCTYPE html>") and 'data-count="files">3<' in html
