"""`migrate --report` lists every function and method that makes TF1 variables, in every kind of
file: a model class whose __init__ builds the model from module functions, a function with a
`tensor.name` finding, a program the program pass rewrites, a file migration left unchanged.

The oracle is TF1 itself: each program runs in a TF1 graph (tf_keras for tf.layers) with every
module function and method wrapped so that it records whether tf.global_variables() grew
while it ran; the report must name exactly those."""
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from unscope.cli import main

ROOT = Path(__file__).resolve().parents[2]

MODEL = '''"""A small encoder, the 2018 way: the class builds everything in its constructor."""
import tensorflow as tf


def dense_block(x, units, name):
    """Two dense layers under one scope."""
    with tf.variable_scope(name):
        h = tf.layers.dense(x, units, activation=tf.nn.relu, name="fc1")
        return tf.layers.dense(h, units, name="fc2")


def embed(ids, vocab, width, name=None):
    name = name or ids.name
    n = ids.shape[-1]
    table = tf.get_variable("table", [vocab, width])
    return tf.reshape(tf.nn.embedding_lookup(table, ids), [-1, n * width])


def gelu(x):
    return 0.5 * x * (1.0 + tf.tanh(0.8 * x))


class Encoder(object):
    """Embeds ids and runs one block."""

    hidden = 4

    def __init__(self, ids, vocab=10):
        with tf.variable_scope("encoder"):
            self.emb = embed(ids, vocab, self.hidden)
            self.out = gelu(dense_block(self.emb, self.hidden, "block"))

    def output(self):
        return self.out


def build(x):
    return Encoder(x).output()
'''

LAYERS = '''import tensorflow as tf


def projection(x, units, name=None):
    label = name or x.name
    width = x.shape[-1]
    with tf.variable_scope("proj"):
        w = tf.get_variable("w", [width, units])
        b = tf.get_variable("b", [units], initializer=tf.zeros_initializer())
        return tf.matmul(x, w) + b


def scale(x):
    return 2.0 * x


def build(x):
    return scale(projection(x, 3))
'''

HEADS = '''import tensorflow as tf

import model
from model import dense_block as block


def head(x):
    return block(x, 3, "head")


def two_heads(x):
    return model.dense_block(x, 2, "a"), head(x)


def build(x):
    return two_heads(x)
'''

GAN = '''import tensorflow as tf


class GAN(object):
    def __init__(self, df_dim=4):
        self.df_dim = df_dim

    def discriminator(self, image, reuse=False):
        with tf.variable_scope("discriminator", reuse=reuse):
            h0 = tf.nn.leaky_relu(tf.layers.dense(image, self.df_dim, name="d_h0_lin"))
            return tf.layers.dense(h0, 1, name="d_h1_lin")

    def build(self, real, fake):
        self.D_logits = self.discriminator(real)
        self.D_logits_ = self.discriminator(fake, reuse=True)
        return self.D_logits - self.D_logits_


def build(x):
    gan = GAN()
    return gan.build(x, 2.0 * x)
'''

TRAIN = '''import numpy as np
import tensorflow as tf


def tower(x):
    with tf.variable_scope("tower"):
        h = tf.layers.dense(x, 4, activation=tf.nn.relu, name="fc")
        w = tf.get_variable("w", [4, 1])
        return tf.matmul(h, w)


def main():
    x = tf.placeholder(tf.float32, [None, 4])
    y = tower(x)
    loss = tf.reduce_mean(tf.square(y))
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(2):
            value, _ = sess.run([loss, train_op], {x: np.ones([2, 4], np.float32)})
            print(value)


if __name__ == "__main__":
    main()
'''

# Runs one program in a TF1 graph and prints the names of the functions and methods during
# whose call tf.global_variables() grew (callers of a creator included, as in the report).
ORACLE = r'''
import ast, json, sys
import numpy as np
import tensorflow as tf
v1 = tf.compat.v1
v1.disable_eager_execution()
source, entry = sys.argv[1], sys.argv[2]
made = set()
def wrap(name, fn):
    def recorded(*args, **kwargs):
        before = len(v1.global_variables())
        out = fn(*args, **kwargs)
        if len(v1.global_variables()) > before:
            made.add(name)
        return out
    return recorded
v1.layers.dense  # tf_keras loads now, under the real name
sys.modules["tensorflow"] = v1  # what TF 1.x's `import tensorflow` gave, for the siblings too
sys.path.insert(0, __import__("os").path.dirname(source))
ns = {"__name__": "oracle"}
text = open(source).read()
exec(compile(text, source, "exec"), ns)
for stmt in ast.parse(text).body:
    if isinstance(stmt, ast.FunctionDef):
        ns[stmt.name] = wrap(stmt.name, ns[stmt.name])
    elif isinstance(stmt, ast.ClassDef):
        for m in stmt.body:
            if isinstance(m, ast.FunctionDef):
                setattr(ns[stmt.name], m.name, wrap(stmt.name + "." + m.name, getattr(ns[stmt.name], m.name)))
with tf.Graph().as_default():
    if entry == "main":
        ns["main"]()
    else:
        x = tf.constant(np.ones([2, 4]), tf.float32) if entry == "float" else tf.constant([[1, 2]])
        ns["build"](x)
print(json.dumps(sorted(made)))
'''


def _tf1_creators(path: Path, entry: str) -> list[str]:
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", ORACLE, str(path), entry], env=env, text=True,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


NOTEBOOK_CELLS = [
    "%matplotlib inline\nimport numpy as np\nimport tensorflow as tf\n",
    "def tower(x):\n    with tf.variable_scope('tower'):\n"
    "        return tf.matmul(x, tf.get_variable('w', [4, 2]))\n",
    "def build(x):\n    return tf.nn.relu(tower(x))\n",
]


def _notebook(cells) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "source": ["# notes"]}] + [
        {"cell_type": "code", "source": c.splitlines(keepends=True), "outputs": [],
         "execution_count": None, "metadata": {}} for c in cells],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 2}, indent=1)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("functions")
    src = root / "src"
    src.mkdir()
    for name, text in {"model.py": MODEL, "layers.py": LAYERS, "train.py": TRAIN, "heads.py": HEADS, "gan.py": GAN,
                       "broken.py": "import tensorflow as tf\n\ndef f(:\n    pass\n",
                       "explore.ipynb": _notebook(NOTEBOOK_CELLS)}.items():
        (src / name).write_text(text)
    # the notebook's cells, magics left out, as one program for the oracle
    (root / "explore.py").write_text(re.sub(r"^%.*\n", "", "".join(NOTEBOOK_CELLS), flags=re.M))
    oracle = {"model.py": _tf1_creators(src / "model.py", "ids"),
              "layers.py": _tf1_creators(src / "layers.py", "float"),
              "train.py": _tf1_creators(src / "train.py", "main"),
              "heads.py": _tf1_creators(src / "heads.py", "float"),
              "gan.py": _tf1_creators(src / "gan.py", "float"),
              "explore.ipynb": _tf1_creators(root / "explore.py", "float")}
    reports = {}
    for mode in ("native", "compat"):
        report, html = root / f"{mode}.json", root / f"{mode}.html"
        assert main(["migrate", str(src), "--mode", mode, "--out", str(root / mode),
                     "--report", str(report), "--html", str(html)]) == 123  # broken.py
        reports[mode] = (json.loads(report.read_text()), html.read_text())
    return oracle, reports


def _rows(data):
    return {Path(r["path"]).name: r for r in data["files"]}


@pytest.mark.parametrize("mode", ["native", "compat"])
def test_the_report_names_every_function_tf1_saw_make_variables(project, mode):
    oracle, reports = project
    data, _ = reports[mode]
    rows = _rows(data)
    assert oracle["model.py"] == sorted(["Encoder.__init__", "build", "dense_block", "embed"])
    for name, expected in oracle.items():
        assert sorted(f["name"] for f in rows[name]["functions"]) == expected, name
    total = sum(len(v) for v in oracle.values())
    assert sum(data["summary"]["functions"].values()) == total
    if mode == "compat":
        assert {f["verdict"] for r in rows.values() for f in r["functions"]} <= {"tf1_form", "manual"}


def test_native_verdicts_say_what_happened_and_why(project):
    _, reports = project
    rows = _rows(reports["native"][0])
    verdicts = {(n, f["name"]): f for n, r in rows.items() for f in r["functions"]}
    assert verdicts["train.py", "tower"]["verdict"] == "native"
    assert verdicts["train.py", "tower"]["class"] == "Tower"
    assert verdicts["train.py", "main"]["verdict"] == "native"
    assert "eager TF2 program" in verdicts["train.py", "main"]["reason"]
    # the tensor.name finding of the compat pass counts lines of native mode's output; it is
    # placed on the original line and so inside the function it belongs to
    for name, fn in (("layers.py", "projection"), ("model.py", "embed")):
        entry = verdicts[name, fn]
        source = (MODEL if name == "model.py" else LAYERS).splitlines()
        line = next(i for i, text in enumerate(source, 1) if ".name" in text and "=" in text)
        (found,) = [f for f in rows[name]["findings"] if f["api"] == "Tensor.name"]
        assert found["line"] == line and source[line - 1][found["col"] - 1:].startswith(("x.name", "ids.name"))
        assert entry["verdict"] == "manual" and "`" in entry["reason"] and ".name" in entry["reason"]
        assert entry["line"] <= line <= entry["end_line"]
    # a lifted model class: the method became a module, the method and function calling it
    # hold no TF1 code any more
    assert verdicts["gan.py", "GAN.discriminator"]["class"] == "Discriminator"
    assert verdicts["gan.py", "GAN.build"]["verdict"] == verdicts["gan.py", "build"]["verdict"] == "native"
    assert "GAN.discriminator" in verdicts["gan.py", "GAN.build"]["reason"]
    # variables made in another file of the project: the caller is an island and says where
    kept_tf1 = ("compat_island", "tf1_form")  # island inside a native class, or TF1 code of its own
    assert verdicts["heads.py", "head"]["verdict"] in kept_tf1
    assert "model.dense_block of another file" in verdicts["heads.py", "head"]["reason"]
    # a function that makes variables only through a class it builds says which
    assert verdicts["model.py", "build"]["reason"].startswith(
        "makes variables only by calling Encoder.__init__ (")
    # an island names its own reason, even when the finding sits in its caller
    island = verdicts["model.py", "dense_block"]
    assert island["verdict"] in kept_tf1 and "dense_block" in island["reason"]


def test_notebook_functions_are_listed_by_cell(project):
    _, reports = project
    for mode in ("native", "compat"):
        rows = _rows(reports[mode][0])
        found = {f["name"]: f for f in rows["explore.ipynb"]["functions"]}
        assert [(f["cell"], f["verdict"]) for f in found.values()] == [(2, "tf1_form"), (3, "tf1_form")]
        assert found["tower"]["line"] == 1 and found["build"]["end_line"] == 2
        assert "compat mode" in found["tower"]["reason"]
        assert "cell 2, line 1" in reports[mode][1]


def test_files_that_fail_are_listed_with_their_reason(project):
    _, reports = project
    data, html = reports["native"]
    (failure,) = data["failures"]
    assert failure["path"].endswith("broken.py") and "cannot parse" in failure["message"]


def test_a_file_migration_leaves_unchanged_lists_its_functions_as_manual(tmp_path, monkeypatch):
    from unscope.migrate import runner
    from unscope.migrate.result import MigrationResult

    (tmp_path / "layers.py").write_text(LAYERS)

    def refuse(text, mode, **kwargs):
        return MigrationResult(text, error="native rewrite conflict (two edits at line 7)")

    monkeypatch.setattr(runner, "migrate_source", refuse)
    report = runner.migrate_paths([str(tmp_path)], mode="native", action="check", jobs=1, details=True)
    data = report.to_dict()
    (failure,) = data["failures"]
    assert [(f["name"], f["verdict"]) for f in failure["functions"]] == [("projection", "manual"),
                                                                         ("build", "manual")]
    assert "native rewrite conflict" in failure["functions"][0]["reason"]
    assert data["summary"]["functions"]["manual"] == 2
    from unscope.report import render_html

    html = render_html([data])
    failed = html[html.index('class="failures"'):]
    assert failed.count('data-function-verdict="manual"') == 2 and "<code>projection</code>" in failed


def test_the_html_report_has_a_row_per_function(project):
    _, reports = project
    for mode in ("native", "compat"):
        data, html = reports[mode]
        functions = [f for r in data["files"] for f in r["functions"]]
        assert html.count("data-function-verdict=") == len(functions)
        for f in functions:
            assert f"<code>{f['name']}</code>" in html
