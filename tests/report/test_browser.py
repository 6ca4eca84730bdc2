"""The page in a real headless Chromium (Debian's `chromium`; scripts/setup.sh installs it):
it renders, its counts equal the JSON report's, filtering by verdict works; a screenshot is
kept in tests/artifacts/ (git-ignored)."""
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from unscope.report import read_report, render_html

pytestmark = pytest.mark.slow
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
needs_browser = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (scripts/setup.sh installs it)")


def chromium(*args: str) -> str:
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
           "--no-first-run", "--disable-extensions", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True).stdout


@pytest.fixture(scope="module")
def page(runs):
    path = runs["dir"] / "page.html"
    path.write_text(render_html([read_report(str(runs[k])) for k in ("migrate", "convert", "verify")]))
    return path


def count(dom: str, key: str) -> int:
    return int(re.search(rf'data-count="{key}">(\d+)<', dom).group(1))


@needs_browser
def test_the_page_renders_with_the_json_counts(page, runs):
    dom = chromium("--dump-dom", page.as_uri())
    s = json.loads(runs["migrate"].read_text())["summary"]
    for key in ("files", "lines", "changed", "classes", "findings"):
        assert count(dom, key) == s[key]
    assert count(dom, "functions") == sum(s["functions"].values())
    # the script ran: it filled in the number of files shown
    assert re.search(r'id="shown-files">(\d+)<', dom).group(1) == str(s["files"])


@needs_browser
def test_filtering_by_verdict(page, runs):
    data = json.loads(runs["migrate"].read_text())
    dom = chromium("--dump-dom", page.as_uri() + "#verdict=compat")
    assert re.search(r'id="shown-count">(\d+)<', dom).group(1) == str(data["summary"]["compat"])
    sections = re.findall(r'<section class="file"[^>]*>', dom)
    shown = [s for s in sections if " hidden" not in s]
    assert len(shown) == 1 and 'data-verdicts="compat"' in shown[0]
    dom = chromium("--dump-dom", page.as_uri() + "#verdict=manual")
    assert re.search(r'id="shown-count">(\d+)<', dom).group(1) == "0"
    assert all(" hidden" in s for s in re.findall(r'<section class="file"[^>]*>', dom))
    dom = chromium("--dump-dom", page.as_uri() + "#changed=1")
    shown = [s for s in re.findall(r'<section class="file"[^>]*>', dom) if " hidden" not in s]
    assert len(shown) == data["summary"]["changed"]


@needs_browser
def test_screenshot_is_kept_as_an_artefact(page):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    chromium("--window-size=1280,2000", f"--screenshot={shot}", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
