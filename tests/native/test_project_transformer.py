"""A transformer package split over files the way 2018 code was (tests/native/project/
transformer: layers.py / model.py / train.py, model.py importing layers), migrated as a whole
tree with the CLI.

Every function becomes a class: model.py's ``block`` builds ``layers.Attention`` and
``LayerNorm`` of layers.py (and calls util.py's ``gelu``, which makes no variables, as it
is), train.py's ``build_loss`` builds model.py's ``Transformer``.  The
output is the checked-in golden tree, every file imports in a fresh process, and the model
equals TF1 graph mode: variable names and shapes, the loss, the gradients.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.native.programs import value_for

PROJECT = Path(__file__).parent / "project"
GOLDEN = Path(__file__).parent / "project_golden" / "transformer"
FILES = ("__init__.py", "layers.py", "model.py", "train.py", "util.py")
X = np.sin(np.arange(2 * 5 * 8, dtype="float32")).reshape(2, 5, 8)
TARGETS = np.cos(np.arange(2 * 5 * 3, dtype="float32")).reshape(2, 5, 3)


def _env(root: Path) -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.getcwd(), os.path.join(os.getcwd(), "src")]),
            "TF_CPP_MIN_LOG_LEVEL": "3"}


def _cli(*args, root=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "unscope", *map(str, args)], capture_output=True,
                          text=True, env=_env(root or Path(os.getcwd())), timeout=300)


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    root = tmp_path_factory.mktemp("transformer")
    src, out = root / "src", root / "out"
    shutil.copytree(PROJECT / "transformer", src / "transformer")
    proc = _cli("migrate", "--mode", "native", src / "transformer", "--out", out / "transformer", "-j", "2")
    assert proc.returncode == 0, proc.stderr
    return src, out, proc


def _purge():
    for name in [n for n in sys.modules if n == "transformer" or n.startswith("transformer.")]:
        del sys.modules[name]


def _import_from(root: Path, module: str):
    import importlib

    _purge()
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(module)
    finally:
        sys.path.remove(str(root))


def test_the_tree_is_the_golden_tree(tree):
    _, out, proc = tree
    assert "4 files migrated, 1 unchanged" in proc.stderr
    for name in FILES:
        assert (out / "transformer" / name).read_text() == (GOLDEN / name).read_text(), name


def test_callers_build_the_classes_of_other_files(tree):
    _, out, _ = tree
    model = (out / "transformer" / "model.py").read_text()
    train = (out / "transformer" / "train.py").read_text()
    # from transformer.layers import layer_norm -> its class is imported beside it
    assert "from transformer.layers import layer_norm\nfrom transformer.layers import LayerNorm\n" in model
    assert 'self.attn = layers.Attention(scope=f"{scope}/attn")' in model
    assert "h = gelu(self.fc(self.ln_2(x), 4 * d))" in model   # util.gelu makes no variables
    assert "self.model = net.Transformer(n_layer=2, n_head=2)" in train
    assert 'self.head = transformer.layers.Dense("head")' in train


def test_every_migrated_file_imports_in_a_fresh_process(tree):
    _, out, _ = tree
    for module in ("transformer", "transformer.layers", "transformer.model", "transformer.train",
                   "transformer.util"):
        proc = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True, text=True,
                              env=_env(out), timeout=120)
        assert proc.returncode == 0, f"{module}: {proc.stderr[-2000:]}"


def test_a_second_run_changes_nothing(tree):
    _, out, _ = tree
    proc = _cli("migrate", "--mode", "native", "--check", out / "transformer", "-j", "1")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _tf1(src: Path):
    import tensorflow as tf

    train = _import_from(src, "transformer.train")
    try:
        with tf.Graph().as_default():
            loss = train.build_loss(tf.constant(X), tf.constant(TARGETS))
            variables = tf.compat.v1.global_variables()
            grads = tf.gradients(loss, variables)
            with tf.compat.v1.Session() as sess:
                for v in variables:
                    v.load(value_for(v.name, v.shape.as_list()), sess)
                loss_value, grad_values = sess.run([loss, grads])
        return ({v.name: v.shape.as_list() for v in variables}, loss_value,
                {v.name: g for v, g in zip(variables, grad_values)})
    finally:
        _purge()


def test_the_migrated_model_equals_tf1(tree):
    import tensorflow as tf

    src, out, _ = tree
    shapes, loss_tf1, grads_tf1 = _tf1(src)
    train = _import_from(out, "transformer.train")
    try:
        model = train.BuildLoss()
        model(tf.constant(X), tf.constant(TARGETS))
        assert {v.name: v.shape.as_list() for v in model.variables} == shapes
        for v in model.variables:
            v.assign(value_for(v.name, v.shape.as_list()))

        @tf.function
        def step(x, targets):
            with tf.GradientTape() as tape:
                loss = model(x, targets)
            return loss, tape.gradient(loss, model.trainable_variables)

        loss, grads = step(tf.constant(X), tf.constant(TARGETS))
    finally:
        _purge()
    np.testing.assert_allclose(loss.numpy(), loss_tf1, rtol=1e-5)
    assert len(grads) == len(grads_tf1)
    for v, g in zip(model.trainable_variables, grads):
        np.testing.assert_allclose(g.numpy(), grads_tf1[v.name], rtol=1e-4, atol=1e-6, err_msg=v.name)


def test_the_kept_tf1_functions_still_equal_tf1(tree):
    """Callers outside the run keep ``build_loss`` (the TF1 text on the unscope runtime)."""
    import tensorflow as tf

    import unscope

    src, out, _ = tree
    shapes, loss_tf1, _ = _tf1(src)
    train = _import_from(out, "transformer.train")
    try:
        model = unscope.track(train.build_loss, name="build_loss")
        model(tf.constant(X), tf.constant(TARGETS))
        assert {v.name: v.shape.as_list() for v in model.variables} == shapes
        for v in model.variables:
            v.assign(value_for(v.name, v.shape.as_list()))
        loss = model(tf.constant(X), tf.constant(TARGETS))
    finally:
        _purge()
    np.testing.assert_allclose(loss.numpy(), loss_tf1, rtol=1e-5)


def test_a_parallel_run_writes_what_a_serial_run_writes(tmp_path, monkeypatch):
    """The whole project folder (three packages, three waves) with -j 2 and -j 1; every wave
    goes through the process pool."""
    from unscope.migrate import runner
    from unscope.migrate.runner import migrate_paths

    monkeypatch.setattr(runner, "_MIN_FILES_FOR_POOL", 2)
    outputs = {}
    for jobs in (1, 2):
        out = tmp_path / f"j{jobs}"
        report = migrate_paths([PROJECT], mode="native", out=str(out), jobs=jobs)
        assert report.failures == []
        outputs[jobs] = {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*.py"))}
    assert len(outputs[1]) == 14 and outputs[1] == outputs[2]   # pkg 4, transformer 5, gan 2, classifier 3
    assert outputs[2]["transformer/model.py"] == (GOLDEN / "model.py").read_text()


def test_unscope_verify_finds_the_tree_equal_to_tf1(tree, monkeypatch):
    """The library form of ``unscope verify``: TF1's build_loss (graph mode, in its own
    process) against the migrated BuildLoss - every variable, the loss, every gradient."""
    from unscope.testing import assert_equivalent

    src, out, _ = tree
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")]))
    _purge()
    sys.path.insert(0, str(out))
    try:
        report = assert_equivalent(f"{src / 'transformer' / 'train.py'}:build_loss",
                                   f"{out / 'transformer' / 'train.py'}:BuildLoss",
                                   {"x": X, "targets": TARGETS}, grads=True)
    finally:
        sys.path.remove(str(out))
        _purge()
    assert report.ok and "36 variables" in str(report)


def test_a_pool_that_cannot_start_finishes_the_tree_in_order(tmp_path, monkeypatch):
    from unscope.migrate import runner, schedule
    from unscope.migrate.runner import migrate_paths

    def no_pool(*args, **kwargs):
        raise OSError("no processes here")

    monkeypatch.setattr(runner, "_MIN_FILES_FOR_POOL", 2)
    monkeypatch.setattr(schedule, "ProcessPoolExecutor", no_pool)
    report = migrate_paths([PROJECT], mode="native", out=str(tmp_path / "out"), jobs=2)
    assert report.failures == []
    assert (tmp_path / "out" / "transformer" / "model.py").read_text() == (GOLDEN / "model.py").read_text()


def test_the_report_lists_every_function_of_the_tree_as_native(tmp_path):
    """``--report``: a function that makes variables only through another file's class
    (model.py's block, train.py's build_loss) is listed too, with the class it became."""
    from unscope.migrate.runner import migrate_paths

    report = migrate_paths([PROJECT / "transformer"], mode="native", out=str(tmp_path / "out"), jobs=1,
                           details=True)
    rows = {(Path(o.path).name, fn["name"]): (fn["verdict"], fn["class"])
            for o in report.files for fn in o.details["functions"]}
    assert rows == {("layers.py", "dense"): ("native", "Dense"), ("layers.py", "layer_norm"): ("native", "LayerNorm"),
                    ("layers.py", "attention"): ("native", "Attention"), ("model.py", "block"): ("native", "Block"),
                    ("model.py", "transformer"): ("native", "Transformer"),
                    ("train.py", "build_loss"): ("native", "BuildLoss")}


PROGRAM_MODEL = '''import tensorflow as tf


def classifier(x):
    with tf.variable_scope("clf"):
        w = tf.get_variable("w", [4, 2])
        return tf.matmul(x, w)
'''
PROGRAM = '''import numpy as np
import tensorflow as tf

from model import classifier

x = tf.placeholder(tf.float32, [None, 4])
logits = classifier(x)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(logits, {x: np.ones([1, 4], np.float32)}).shape)
'''


@pytest.mark.parametrize("jobs", [1, 2])
def test_in_place_a_file_others_wait_for_is_written_last(tmp_path, monkeypatch, jobs):
    """Rewritten in place, the transformer tree is the golden tree, and a Session program
    still finds its model file as it was (the program pass reads it) and builds its class."""
    from unscope.migrate import runner
    from unscope.migrate.runner import migrate_paths

    monkeypatch.setattr(runner, "_MIN_FILES_FOR_POOL", 2)   # -j 2: through the pool
    shutil.copytree(PROJECT / "transformer", tmp_path / "transformer")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "model.py").write_text(PROGRAM_MODEL)
    (tmp_path / "app" / "main.py").write_text(PROGRAM)
    report = migrate_paths([tmp_path], mode="native", jobs=jobs)
    assert report.failures == []
    for name in FILES:
        assert (tmp_path / "transformer" / name).read_text() == (GOLDEN / name).read_text(), name
    main = (tmp_path / "app" / "main.py").read_text()
    assert "from model import Classifier\n\nclassifier = Classifier()\n" in main
    assert "class Classifier(nn.Module)" in (tmp_path / "app" / "model.py").read_text()
