"""`unscope migrate --check -j 2` vs `tf_upgrade_v2 --intree` on a generated ~20k-line TF1 tree.

    .venv/bin/python benchmarks/migrate_speed.py [--lines 20000] [--repeat 5] [--keep DIR]

Both are timed as whole processes (interpreter start, imports, work), the way a user runs
them, alternating run by run (this machine drifts between speed states); the table reports
medians.  Also reported: a bare ``ast.parse`` of the same files (the floor any tool pays)
and ``migrate`` in one process (``-j 1``).  Target: unscope <= 1/10 of tf_upgrade_v2.
"""
from __future__ import annotations

import argparse
import ast
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

HEADER = {
    "compat": "import numpy as np\nimport tensorflow.compat.v1 as tf\n",
    "tf1": "import numpy as np\nimport tensorflow as tf\n",
    "slim": "import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n",
}

BLOCKS = [
    '''

def {name}(x, width, reuse=None, scope="{name}"):
    """A dense block with a residual connection."""
    with tf.variable_scope(scope, reuse=reuse):
        w = tf.get_variable("w", [x.shape[-1], width],
                            initializer=tf.truncated_normal_initializer(stddev=0.02))
        b = tf.get_variable("b", [width], initializer=tf.zeros_initializer())
        h = tf.nn.relu(tf.matmul(x, w) + b)  # activation
        h = tf.layers.dense(h, width, name="proj")
        return x + tf.nn.dropout(h, keep_prob=0.9)
''',
    '''

def {name}(logits, labels):
    # cross entropy, TF1 style
    probs = tf.nn.softmax(logits, dim=-1)
    loss = -tf.reduce_sum(labels * tf.log(probs + 1e-8), reduction_indices=[1], keep_dims=True)
    acc = tf.reduce_mean(tf.to_float(tf.equal(tf.argmax(logits, 1), tf.argmax(labels, 1))))
    tf.summary.scalar("{name}_acc", acc)
    reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) or [tf.constant(0.0)])
    return tf.reduce_mean(loss) + 1e-4 * reg
''',
    '''

def {name}(images, training):
    with tf.variable_scope("{name}"):
        h = tf.layers.conv2d(images, 32, 3, padding="same", activation=tf.nn.relu)
        h = tf.layers.batch_normalization(h, training=training)
        h = tf.layers.max_pooling2d(h, 2, 2)
        h = tf.layers.conv2d(h, 64, 3, padding="same")
        h = tf.layers.flatten(h)
        return tf.layers.dense(h, 10, name="logits")
''',
    '''

def {name}(x, n_layers=4):
    outputs = []
    with tf.variable_scope("{name}", reuse=tf.AUTO_REUSE):
        for i in range(n_layers):
            with tf.variable_scope("h%d" % i):
                g = tf.get_variable("g", [x.shape[-1]], initializer=tf.ones_initializer())
                mean, var = tf.nn.moments(x, [-1], keep_dims=True)
                x = (x - mean) * tf.rsqrt(var + 1e-5) * g
                outputs.append(x)
    return tf.concat(outputs, axis=-1), tf.trainable_variables("{name}")
''',
    '''

def {name}(loss, lr=1e-3):
    global_step = tf.train.get_or_create_global_step()
    opt = tf.train.AdamOptimizer(lr)
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train_op = opt.minimize(loss, global_step=global_step)
    tf.logging.info("built %s", "{name}")
    return train_op
''',
    '''

{name}_template = tf.make_template("{name}", lambda x: x * tf.get_variable(
    "scale", [], initializer=tf.constant_initializer(2.0)))


def {name}(a, b):
    return {name}_template(a) + {name}_template(b)
''',
]

SLIM_BLOCK = '''

def {name}(images):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        weights_regularizer=slim.l2_regularizer(5e-4)):
        net = slim.repeat(images, 2, slim.conv2d, 64, [3, 3], scope="conv1")
        net = slim.max_pool2d(net, [2, 2], scope="pool1")
        net = slim.flatten(net)
        net = tf.contrib.layers.fully_connected(net, 128, scope="fc1")
        return slim.fully_connected(net, 10, activation_fn=None, scope="fc2")
'''

SCRIPT = '''

if __name__ == "__main__":
    x = tf.placeholder(tf.float32, [None, 28, 28, 1])
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
'''


def generate(root: Path, total_lines: int, seed: int = 0) -> tuple[int, int]:
    """Write TF1 model files under ``root`` until ``total_lines``; returns (files, lines)."""
    rng = random.Random(seed)
    files = lines = 0
    while lines < total_lines:
        kind = rng.choice(["compat", "compat", "tf1", "tf1", "slim"])
        folder = root / f"pkg{files % 7}" / ("models" if files % 2 else "layers")
        folder.mkdir(parents=True, exist_ok=True)
        parts = [f'"""Generated TF1 module {files} ({kind})."""\n', HEADER[kind]]
        for i in range(rng.randint(4, 9)):
            block = SLIM_BLOCK if kind == "slim" and i % 2 else rng.choice(BLOCKS)
            parts.append(block.format(name=f"f{files}_{i}"))
        if rng.random() < 0.15:
            parts.append(SCRIPT)
        text = "".join(parts)
        (folder / f"module_{files}.py").write_text(text)
        files += 1
        lines += text.count("\n")
    return files, lines


def timed(cmd, **kw) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    return time.perf_counter() - start, proc


def ast_floor(root: Path) -> float:
    paths = sorted(root.rglob("*.py"))
    start = time.perf_counter()
    for p in paths:
        ast.parse(p.read_text())
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", help="generate the tree here and keep it")
    args = parser.parse_args(argv)
    work = Path(args.keep or tempfile.mkdtemp(prefix="unscope-bench-"))
    tree = work / "tree"
    if tree.exists():
        shutil.rmtree(tree)
    files, lines = generate(tree, args.lines)
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    unscope_j2 = [PYTHON, "-m", "unscope", "migrate", "--check", "-q", "-j", "2", str(tree)]
    unscope_j1 = [PYTHON, "-m", "unscope", "migrate", "--check", "-q", "-j", "1", str(tree)]
    unscope_diff = [PYTHON, "-m", "unscope", "migrate", "--diff", "-q", "-j", "2", str(tree)]
    results: dict[str, list[float]] = {"unscope -j 2": [], "unscope -j 1": [], "unscope --diff -j 2": [],
                                       "tf_upgrade_v2": [], "ast.parse": []}
    for r in range(args.repeat):
        out = work / f"upgraded{r}"
        shutil.rmtree(out, ignore_errors=True)
        t, proc = timed([PYTHON, "-m", "tensorflow.tools.compatibility.tf_upgrade_v2_main",
                         "--intree", str(tree), "--outtree", str(out), "--reportfile", str(work / "report.txt")],
                        env=env, cwd=work)
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        results["tf_upgrade_v2"].append(t)
        shutil.rmtree(out, ignore_errors=True)
        t, proc = timed(unscope_j2, env=env, cwd=ROOT)
        if proc.returncode not in (0, 1):
            print(proc.stderr[-2000:], file=sys.stderr)
            return 1
        results["unscope -j 2"].append(t)
        results["unscope -j 1"].append(timed(unscope_j1, env=env, cwd=ROOT)[0])
        results["unscope --diff -j 2"].append(timed(unscope_diff, env=env, cwd=ROOT)[0])
        results["ast.parse"].append(ast_floor(tree))
    summary = proc.stderr.strip().splitlines()[-1]
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"tree: {files} files, {lines} lines; repeats: {args.repeat} (medians, whole processes; --check rows)")
    print(f"unscope summary: {summary}")
    print()
    print("| tool | wall time (s) | lines/s | vs tf_upgrade_v2 |")
    print("|---|---:|---:|---:|")
    for key in ("tf_upgrade_v2", "unscope -j 2", "unscope -j 1", "unscope --diff -j 2", "ast.parse"):
        print(f"| {key} | {med[key]:.2f} | {lines / med[key]:,.0f} | {med[key] / med['tf_upgrade_v2']:.3f} |")
    ratio = med["unscope -j 2"] / med["tf_upgrade_v2"]
    print()
    print(f"unscope migrate --check -j 2 takes {ratio:.3f} of tf_upgrade_v2's wall time "
          f"(target <= 0.100): {'PASS' if ratio <= 0.1 else 'FAIL'}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if ratio <= 0.1 else 1


if __name__ == "__main__":
    sys.exit(main())
