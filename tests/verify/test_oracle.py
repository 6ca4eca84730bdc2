"""The oracle installer: tf_keras without a second TensorFlow, matched to the installed one."""
from importlib import metadata

import pytest

from unscope.verify import oracle


def test_tf_keras_is_installed_without_dependencies_and_pinned():
    keras, slim = oracle.pip_commands("2.21.0", python="py")
    assert keras == ["py", "-m", "pip", "install", "--no-deps", "tf_keras~=2.21.0"]
    assert slim[-1] == "tf_slim>=1.1" and "--no-deps" not in slim


def test_installed_tensorflow_is_found_without_importing_it():
    version = oracle.installed_tensorflow()
    import tensorflow as tf

    assert tf.__version__.startswith(version.split("+")[0][:4])


def test_the_pin_matches_this_environment_tf_keras():
    # the .venv has both: the version the installer would ask for is the one that works here
    tf_keras = pytest.importorskip("tf_keras")
    spec = oracle.pip_commands(oracle.installed_tensorflow())[0][-1]
    major_minor = spec.split("~=")[1].rsplit(".", 1)[0]
    assert tf_keras.__version__.startswith(major_minor + ".")
    assert metadata.version("tf_keras") == tf_keras.__version__


def test_dry_run_prints_the_commands_and_installs_nothing(capsys, monkeypatch):
    monkeypatch.setattr(oracle.subprocess, "call", lambda *a, **k: pytest.fail("ran pip"))
    assert oracle.main(["--dry-run"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and "--no-deps tf_keras~=" in err[0]


def test_no_tensorflow_is_a_usage_error(capsys, monkeypatch):
    def missing(dist):
        raise metadata.PackageNotFoundError(dist)

    monkeypatch.setattr(metadata, "version", missing)
    assert oracle.main(["--dry-run"]) == 2
    assert "no TensorFlow installation found" in capsys.readouterr().err


def test_pyproject_offers_the_extra_without_tensorflow():
    import os
    import tomllib

    root = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
    with open(os.path.join(root, "pyproject.toml"), "rb") as f:
        extras = tomllib.load(f)["project"]["optional-dependencies"]
    assert extras["oracle"] == ["tf_slim>=1.1"]
    assert not any("tensorflow" in r or "tf_keras" in r for r in extras["oracle"])
