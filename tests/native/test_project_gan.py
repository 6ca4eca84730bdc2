"""Native mode over a DCGAN-shaped tree: tests/native/project/gan (ganops.py: a callable
batch_norm helper class and scope-named layers; ganmodel.py: ``from ganops import *`` and a
GAN whose discriminator is called twice, whose generator builds the batch norms for training
and whose sampler reuses the generator's variables with ``train=False``).

Every migrated file imports in a fresh process, the model's methods become modules, and the
migrated GAN equals the TF1 original run under tf_slim in a TF1 graph (subprocess,
tests/native/slim_tf1.py): variable names and shapes, the sampler's output before and after a
training step, the training output, gradients and the moving statistics.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.native.test_contrib_batch_norm import _assert_same, _run_native, _tf1
from unscope.migrate.runner import migrate_paths

TREE = Path(__file__).parent / "project" / "gan"

# the TF1 side: both files as one program (the star import is the whole of ganops)
BUILD = '''

def build(x, training=True):
    gan = GAN(y_dim=Y_DIM)
    y = x[:, :2] if Y_DIM else None
    if training:
        return gan.discriminator(x, y)[1] + gan.discriminator(gan.generator(x), y, reuse=True)[1]
    return gan.discriminator(gan.sampler(x), y, reuse=True)[1]
'''


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    out = tmp_path_factory.mktemp("gan") / "out"
    report = migrate_paths([TREE], mode="native", out=str(out), jobs=1)
    assert report.failures == []
    return out, report


def test_every_migrated_file_imports_in_a_fresh_process(migrated):
    out, _ = migrated
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(out), str(Path.cwd() / "src")]),
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    proc = subprocess.run([sys.executable, "-c", "import ganops, ganmodel; ganmodel.GAN(); ganops.batch_norm()"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]


def test_model_methods_are_modules(migrated):
    out, report = migrated
    code = (out / "ganmodel.py").read_text()
    assert "tf.variable_scope" not in code and "reuse_variables" not in code
    assert "self._sampler = Sampler(self._generator" in code
    assert "from ganops import Linear" in code   # the class the star import may not bring (__all__)
    verdicts = {fn.name: fn.verdict for f in report.files for fn in getattr(f, "functions", [])}
    assert all(v == "native" for k, v in verdicts.items() if k.startswith("GAN.")), verdicts


@pytest.fixture(scope="module", params=[None, 2], ids=["plain", "y_dim"])
def tf1(tmp_path_factory, request):
    program = (TREE / "ganops.py").read_text() + (TREE / "ganmodel.py").read_text().replace(
        "from ganops import *\n", "") + BUILD.replace("Y_DIM", repr(request.param))
    got = _tf1(tmp_path_factory.mktemp("gan_tf1"),
               program.replace("import tensorflow as tf", "import tensorflow.compat.v1 as tf"))
    return request.param, got


@pytest.mark.parametrize("function", [False, True], ids=["eager", "tf_function"])
def test_migrated_gan_equals_tf1(migrated, tf1, function):
    out, _ = migrated
    y_dim, want = tf1
    sys.path.insert(0, str(out))
    try:
        for name in ("ganops", "ganmodel"):
            sys.modules.pop(name, None)
        import ganmodel
    finally:
        sys.path.remove(str(out))
    gan = ganmodel.GAN(y_dim=y_dim)

    def forward(x, training):
        y = x[:, :2] if y_dim else None
        if gan._generator is None:   # the sampler reuses what the generator made (reset below)
            gan.generator(x)
        if training:
            return gan.discriminator(x, y)[1] + gan.discriminator(gan.generator(x), y, reuse=True)[1]
        return gan.discriminator(gan.sampler(x), y, reuse=True)[1]

    got = _run_native(gan, function, forward)
    assert "generator/g_bn0/moving_mean:0" in want["shapes"] and "generator/g_h1_lin/Matrix:0" in want["shapes"]
    _assert_same(got, want, twice=("discriminator/d_bn1/",))
