"""Speed of migrated models vs a hand-written native tf.Module twin and TF1 graph + Session.

Variants: `track` (the TF1-style model on the unscope runtime through unscope.track),
`native` (benchmarks/gpt2_tf1.py migrated with `unscope migrate --mode native` at start-up),
`twin` (hand-written tf.Module), `tf1` (the TF1 code in a TF1 graph + Session).

    .venv/bin/python benchmarks/runtime_speed.py [--steps 30] [--json out.json]

One training step = forward + gradients w.r.t. every variable, batch 8 x 128 tokens.
Variants run alternately step by step (the machine drifts between speed states) and
each comparison is the median of per-step ratios.  First-call (build/trace) time and
peak memory (ru_maxrss of a fresh process per variant) are reported too.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

import gpt2_models as gm  # noqa: E402
import unscope  # noqa: E402

BATCH = 8
IDS = np.random.RandomState(0).randint(0, gm.VOCAB, size=(BATCH, gm.CTX)).astype(np.int32)


def make_step(model, variables_of, jit=None):
    def step(ids):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(model(ids))
        return loss, tape.gradient(loss, variables_of())

    return step if jit is None else tf.function(step, jit_compile=jit)


def build_variants():
    """name -> (callable running one step and blocking, first-call seconds incl. building)."""
    variants = {}
    for name in VARIANTS:
        t0 = time.perf_counter()
        run = build_single(name)
        run()
        variants[name] = (run, time.perf_counter() - t0)
    return variants


VARIANTS = ("track/eager", "twin/eager", "native/eager", "track/function", "twin/function",
            "native/function", "track/xla", "twin/xla", "native/xla", "tf1/session")
PAIRS = [("track/function", "twin/function"), ("track/xla", "twin/xla"),
         ("track/function", "tf1/session"), ("track/xla", "tf1/session"), ("track/eager", "twin/eager"),
         ("native/function", "twin/function"), ("native/xla", "twin/xla"),
         ("native/function", "tf1/session"), ("native/xla", "tf1/session"),
         ("native/eager", "twin/eager")]


def measure(steps: int) -> dict:
    variants = build_variants()
    names = list(variants)
    times = {n: [] for n in names}
    for i in range(steps):
        order = names[i % len(names):] + names[:i % len(names)]  # rotate who goes first
        for n in order:
            t0 = time.perf_counter()
            variants[n][0]()
            times[n].append(time.perf_counter() - t0)
    result = {"steps": steps, "median_step_s": {n: statistics.median(t) for n, t in times.items()},
              "first_call_s": {n: v[1] for n, v in variants.items()}, "ratios": {}}
    for a, b in PAIRS:
        result["ratios"][f"{a} / {b}"] = statistics.median(x / y for x, y in zip(times[a], times[b]))
    return result


def peak_memory(variant: str) -> float:
    """MiB of peak RSS for a fresh process that builds one variant and runs 3 steps.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss across fork+exec, so a child would
    report its (large) parent's peak.
    """
    code = (f"import sys; sys.argv=['x']; sys.path.insert(0, {str(Path(__file__).parent)!r});"
            "import runtime_speed as r;"
            f"v = r.build_single({variant!r}); [v() for _ in range(3)];"
            "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def build_single(variant: str):
    ids = tf.constant(IDS)
    kind, tag = variant.split("/")
    if kind == "tf1":
        graph = tf.Graph()
        with graph.as_default():
            ph = tf.compat.v1.placeholder(tf.int32, [BATCH, gm.CTX])
            loss = tf.reduce_mean(gm.tf1_model(tf.compat.v1, ph))
            grads = tf.gradients(loss, tf.compat.v1.trainable_variables())
            sess = tf.compat.v1.Session(graph=graph)
            sess.run(tf.compat.v1.global_variables_initializer())
        return lambda: sess.run([loss, grads], {ph: IDS})
    jit = {"eager": None, "function": False, "xla": True}[tag]
    if kind == "track":
        model = unscope.track(lambda x: gm.tf1_model(unscope, x))
    elif kind == "native":
        model = native_model()
    else:
        model = gm.NativeGPT2()
    step = make_step(model, lambda: model.trainable_variables, jit)
    return lambda: [t.numpy() for t in tf.nest.flatten(step(ids))]


def native_model():
    """benchmarks/gpt2_tf1.py migrated natively now, imported from a temporary file."""
    import importlib.util
    import tempfile

    source_path = Path(__file__).with_name("gpt2_tf1.py")
    result = unscope.migrate_source(source_path.read_text(), mode="native", path=str(source_path))
    if result.error or not result.changed:
        raise SystemExit(f"native migration failed: {result.error}")
    target = Path(tempfile.mkdtemp()) / "gpt2_native.py"
    target.write_text(result.code)
    spec = importlib.util.spec_from_file_location("gpt2_native", target)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cls = {c["function"]: c["class"] for c in result.classes}["model"]
    return getattr(module, cls)()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--json")
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args()
    result = measure(args.steps)
    if not args.no_memory:
        result["peak_rss_mib"] = {v: peak_memory(v) for v in
                                  VARIANTS}
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text)


if __name__ == "__main__":
    main()
