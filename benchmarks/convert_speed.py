"""`unscope convert` speed and memory against the I/O floor (run by hand, not in CI).

    python benchmarks/convert_speed.py               # ~64 MB checkpoint, quick
    python benchmarks/convert_speed.py --gb 1        # the README figure: a >= 1 GB checkpoint

A GPT-2-style TF1 checkpoint is made once with tf.compat.v1.train.Saver (model variables and
global_step).  Then, alternating, each in a fresh process:

- floor:   tf.train.load_checkpoint, get_tensor + assign for every tensor, then
           tf.train.Checkpoint(model=model).write  (the least work giving the same result)
- convert: unscope.convert_checkpoint(src, dst, model)  (plan, read, write, re-read and
           compare every tensor, move into place)

Time excludes importing TensorFlow and building the model.  Memory: each process resets its
peak RSS (/proc/self/clear_refs) after building the model, so "peak over model" is what the
variant itself needed on top of the model's variables (ru_maxrss; tracemalloc cannot see TF
buffers).  The goal: convert time <= 1.5x floor; peak over model <= the largest tensor.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def layout(d_model: int, layers: int, vocab: int = 50257, ctx: int = 1024) -> dict[str, tuple]:
    shapes = {"model/wte": (vocab, d_model), "model/wpe": (ctx, d_model)}
    for i in range(layers):
        p = f"model/h{i}"
        shapes.update({
            f"{p}/ln_1/g": (d_model,), f"{p}/ln_1/b": (d_model,),
            f"{p}/attn/c_attn/w": (1, d_model, 3 * d_model), f"{p}/attn/c_attn/b": (3 * d_model,),
            f"{p}/attn/c_proj/w": (1, d_model, d_model), f"{p}/attn/c_proj/b": (d_model,),
            f"{p}/ln_2/g": (d_model,), f"{p}/ln_2/b": (d_model,),
            f"{p}/mlp/c_fc/w": (1, d_model, 4 * d_model), f"{p}/mlp/c_fc/b": (4 * d_model,),
            f"{p}/mlp/c_proj/w": (1, 4 * d_model, d_model), f"{p}/mlp/c_proj/b": (d_model,),
        })
    shapes.update({"model/ln_f/g": (d_model,), "model/ln_f/b": (d_model,)})
    return shapes


def sized_layout(megabytes: float) -> dict[str, tuple]:
    d_model = 1024 if megabytes >= 512 else 256
    fixed = (50257 + 1024) * d_model * 4
    per_layer = 12 * d_model * d_model * 4
    layers = max(1, math.ceil((megabytes * 2**20 - fixed) / per_layer))
    return layout(d_model, layers)


def nbytes(shape) -> int:
    return math.prod(shape) * 4


# --- the child processes ---

def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def make_checkpoint(prefix: str, shapes: dict) -> None:
    import tensorflow as tf

    v1 = tf.compat.v1
    with tf.Graph().as_default():
        for name, shape in shapes.items():
            v1.get_variable(name, shape, initializer=v1.random_uniform_initializer(-1, 1))
        v1.train.get_or_create_global_step()
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, prefix)


def run_variant(variant: str, src: str, dst: str, shapes: dict) -> dict:
    import tensorflow as tf

    import unscope

    class Model(tf.Module):
        def __init__(self):
            super().__init__()
            self.vars = {n: tf.Variable(tf.zeros(s), name=n) for n, s in shapes.items()}

    model = Model()
    reset = _reset_peak()
    base = _peak_mb()
    phases = {}
    start = time.perf_counter()
    if variant == "floor":
        reader = tf.train.load_checkpoint(src)
        for name, variable in model.vars.items():
            variable.assign(reader.get_tensor(name))
        phases["read"] = time.perf_counter() - start
        tf.train.Checkpoint(model=model).write(dst)
    else:
        from unscope.ckpt import convert as impl

        for phase, attr in (("read", "_fill"), ("reread", "verify")):
            real = getattr(impl, attr)

            def timed(*a, _real=real, _phase=phase, **k):
                t = time.perf_counter()
                try:
                    return _real(*a, **k)
                finally:
                    phases[_phase] = phases.get(_phase, 0) + time.perf_counter() - t
            setattr(impl, attr, timed)
        unscope.convert_checkpoint(src, dst, model)
    seconds = time.perf_counter() - start
    return {"variant": variant, "seconds": seconds, "phases": phases, "model_rss_mb": base,
            "peak_over_model_mb": _peak_mb() - base if reset else None, "peak_mb": _peak_mb()}


# --- the driver ---

def _child(args: list[str]) -> dict:
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(f"child {args[:2]} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=64, help="checkpoint size in MiB (default 64)")
    parser.add_argument("--gb", type=float, help="checkpoint size in GiB (the README figure uses 1)")
    parser.add_argument("--pairs", type=int, default=3, help="floor/convert pairs, alternating (default 3)")
    parser.add_argument("--dir", default=os.path.join(HERE, "..", "out", "convert_bench"),
                        help="work directory (needs about 3x the checkpoint size)")
    parser.add_argument("--keep", action="store_true", help="keep the generated checkpoint")
    parser.add_argument("--child", nargs=3, metavar=("VARIANT", "SRC", "DST"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    megabytes = args.gb * 1024 if args.gb else args.mb
    shapes = sized_layout(megabytes)
    if args.child:
        variant, src, dst = args.child
        if variant == "make":
            make_checkpoint(src, shapes)
            print(json.dumps({}))
        else:
            print(json.dumps(run_variant(variant, src, dst, shapes)))
        return

    size = sum(nbytes(s) for s in shapes.values())
    largest = max(nbytes(s) for s in shapes.values())
    work = os.path.abspath(args.dir)
    os.makedirs(work, exist_ok=True)
    src = os.path.join(work, f"tf1_{int(megabytes)}mb", "model.ckpt")
    size_flag = ["--gb", str(args.gb)] if args.gb else ["--mb", str(args.mb)]
    if not os.path.exists(src + ".index"):
        os.makedirs(os.path.dirname(src), exist_ok=True)
        t = time.perf_counter()
        _child(size_flag + ["--child", "make", src, "-"])
        print(f"made {src}: {size / 2**20:.0f} MiB in {len(shapes)} tensors "
              f"({time.perf_counter() - t:.0f} s)", file=sys.stderr)
    runs = {"floor": [], "convert": []}
    for i in range(args.pairs):
        for variant in ("floor", "convert") if i % 2 == 0 else ("convert", "floor"):
            dst = os.path.join(work, f"out_{variant}", "model")
            shutil.rmtree(os.path.dirname(dst), ignore_errors=True)
            result = _child(size_flag + ["--child", variant, src, dst])
            runs[variant].append(result)
            print(f"  {variant:8s} {result['seconds']:7.2f} s  peak over model "
                  f"{result['peak_over_model_mb']:8.1f} MiB  phases "
                  + " ".join(f"{k}={v:.2f}" for k, v in result["phases"].items()), file=sys.stderr)
            shutil.rmtree(os.path.dirname(dst), ignore_errors=True)
    ratios = [c["seconds"] / f["seconds"] for f, c in zip(runs["floor"], runs["convert"])]
    summary = {
        "checkpoint_mib": round(size / 2**20, 1),
        "tensors": len(shapes),
        "largest_tensor_mib": round(largest / 2**20, 1),
        "floor_s": round(statistics.median(r["seconds"] for r in runs["floor"]), 2),
        "convert_s": round(statistics.median(r["seconds"] for r in runs["convert"]), 2),
        "time_ratio_median": round(statistics.median(ratios), 3),
        "convert_peak_over_model_mib": round(max(r["peak_over_model_mb"] for r in runs["convert"]), 1),
        "floor_peak_over_model_mib": round(max(r["peak_over_model_mb"] for r in runs["floor"]), 1),
        "model_rss_mib": round(statistics.median(r["model_rss_mb"] for r in runs["convert"]), 1),
    }
    summary["peak_over_model_per_largest_tensor"] = round(
        summary["convert_peak_over_model_mib"] / summary["largest_tensor_mib"], 2)
    print(json.dumps(summary, indent=2))
    if not args.keep:
        shutil.rmtree(os.path.dirname(src), ignore_errors=True)


if __name__ == "__main__":
    main()
