"""[tool.unscope] in pyproject.toml: found upwards from the working directory, flags win,
bad keys are usage errors naming the key and the file."""
import json
import os

import pytest

from unscope.cli import build_parser, main
from unscope.config import ConfigError, find_pyproject, load_config

TF1 = ("import tensorflow as tf\n\n\ndef tower(x):\n    with tf.variable_scope('tower'):\n"
       "        w = tf.get_variable('w', [4, 2])\n        return tf.matmul(x, w)\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "model.py").write_text(TF1)
    (tmp_path / "src" / "skip_me.py").write_text(TF1)
    monkeypatch.chdir(tmp_path / "src")

    def write(body):
        (tmp_path / "pyproject.toml").write_text(body)
        return str(tmp_path / "pyproject.toml")
    return write


def migrate_report(capsys, *argv):
    code = main(["migrate", "--check", "--report", "-", *argv])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_found_from_a_subdirectory_upwards_and_not_past_the_repository_root(project):
    path = project("[tool.unscope]\nmode = 'native'\n")
    assert find_pyproject() == path
    assert load_config().values == {"mode": "native"}


def test_the_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[tool.unscope]\nmode = 'native'\n")
    inner = tmp_path / "repo" / "pkg"
    inner.mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    monkeypatch.chdir(inner)
    assert find_pyproject() is None and load_config().values == {}


def test_mode_from_the_config_and_the_flag_overrides_it(project, capsys):
    project("[tool.unscope]\nmode = 'native'\n")
    code, data = migrate_report(capsys, "model.py")
    assert code == 1 and data["summary"]["mode"] == "native"
    assert [c["class"] for c in data["files"][0]["classes"]] == ["Tower"]
    code, data = migrate_report(capsys, "--mode", "compat", "model.py")
    assert data["summary"]["mode"] == "compat" and data["files"][0]["classes"] == []


def test_exclude_from_the_config_and_a_flag_replaces_it(project, capsys):
    project("[tool.unscope]\nexclude = ['skip_*.py']\n")
    _, data = migrate_report(capsys, ".")
    assert sorted(os.path.basename(f["path"]) for f in data["files"]) == ["model.py"]
    _, data = migrate_report(capsys, "--exclude", "model.py", ".")
    assert sorted(os.path.basename(f["path"]) for f in data["files"]) == ["skip_me.py"]
    assert main(["scan", "--format", "json", "."]) == 0
    scanned = {os.path.basename(f["path"]) for f in json.loads(capsys.readouterr().out)["findings"]}
    assert scanned == {"model.py"}


def test_jobs_vendor_and_verify_tolerances_become_defaults(project, tmp_path):
    project("[tool.unscope]\njobs = 1\nvendor = 'third_party'\nrtol = 1e-4\natol = 0\n")
    parser, _ = build_parser(load_config())
    args = parser.parse_args(["migrate", "--mode", "native", "model.py"])
    assert args.jobs == 1 and args.vendor == str(tmp_path / "third_party")
    args = parser.parse_args(["scan", "-j", "2", "."])
    assert args.jobs == 2
    args = parser.parse_args(["verify", "a.py:f", "b.py:g", "--inputs", "x:float32[1]"])
    assert (args.rtol, args.atol) == (1e-4, 0.0)
    args = parser.parse_args(["verify", "a.py:f", "b.py:g", "--rtol", "0.5"])
    assert (args.rtol, args.atol) == (0.5, 0.0)


@pytest.mark.parametrize("body, key, words", [
    ("mdoe = 'native'", "mdoe", "did you mean 'mode'"),
    ("mode = 'fast'", "mode", "must be one of"),
    ("jobs = 0", "jobs", "at least 1"),
    ("jobs = '2'", "jobs", "whole number"),
    ("exclude = [1]", "exclude", "glob"),
    ("vendor = ''", "vendor", "directory"),
    ("rtol = -1.0", "rtol", "at least 0"),
    ("atol = true", "atol", "number"),
])
def test_a_bad_key_is_a_usage_error_naming_it_and_the_file(project, capsys, body, key, words):
    path = project(f"[tool.unscope]\n{body}\n")
    assert main(["scan", "."]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert path in err and (repr(key) in err or f"] {key}:" in err)
    assert words in err
    with pytest.raises(ConfigError):
        load_config()


def test_invalid_toml_is_a_usage_error(project, capsys):
    path = project("[tool.unscope\nmode = 'native'\n")
    assert main(["migrate", "--check", "model.py"]) == 2
    err = capsys.readouterr().err
    assert path in err and "not valid TOML" in err


def test_a_pyproject_without_the_table_changes_nothing(project, capsys):
    project("[project]\nname = 'x'\n")
    _, data = migrate_report(capsys, "model.py")
    assert data["summary"]["mode"] == "compat"
