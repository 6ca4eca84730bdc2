import os
import shutil
from types import SimpleNamespace

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import pytest  # noqa: E402

from tests.ckpt import models  # noqa: E402


def _copy(prefix, dst_dir):
    dst_dir.mkdir(parents=True, exist_ok=True)
    for f in prefix.parent.glob(prefix.name + ".*"):
        shutil.copy(f, dst_dir / f.name)
    return dst_dir / prefix.name


def _source(tmp_path_factory, name, **kwargs):
    d = tmp_path_factory.mktemp(name)
    values, output = models.make_tf1_checkpoint(d / "model.ckpt", **kwargs)
    return d / "model.ckpt", values, output


@pytest.fixture(scope="session")
def _tf1_sources(tmp_path_factory):
    made = {}

    def get(key):
        if key not in made:
            parts, dtype = key
            made[key] = _source(tmp_path_factory, f"tf1_{parts}_{dtype}", parts=parts, dtype=dtype)
        return made[key]
    return get


@pytest.fixture
def tf1_ckpt(tmp_path, _tf1_sources):
    """Make a private copy of a TF1 checkpoint of ``models.tiny`` (one Adam step; tests corrupt it)."""
    def make(parts=models.EMB_PARTS, dtype="float32"):
        prefix, values, output = _tf1_sources((parts, dtype))
        copy = _copy(prefix, tmp_path / f"src_{parts}_{dtype}")
        return SimpleNamespace(prefix=str(copy), values=values, output=output, dir=copy.parent)
    return make


@pytest.fixture
def tf1(tf1_ckpt):
    return tf1_ckpt()


@pytest.fixture
def dst(tmp_path):
    return str(tmp_path / "out" / "model")


def checkpoint_files(prefix) -> list[str]:
    """Every file at the prefix or left over beside it (temporary directories included)."""
    parent = os.path.dirname(prefix)
    if not os.path.isdir(parent):
        return []
    base = os.path.basename(prefix)
    return sorted(f for f in os.listdir(parent) if f.startswith(base) or f.startswith(".unscope"))
