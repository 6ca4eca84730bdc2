"""Compare an `unscope.nn` twin with what tf1_oracle.py recorded for its TF1 program."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import tensorflow as tf

from unscope import nn

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = dict(rtol=1e-5, atol=1e-5)


def run_oracle(table, out_dir):
    """One subprocess per test module: TF1 graph mode with tf_keras's tf.compat.v1.layers."""
    env = dict(os.environ, TF_USE_LEGACY_KERAS="1", TF_CPP_MIN_LOG_LEVEL="2")
    script = os.path.join(HERE, "tf1_oracle.py")
    done = subprocess.run([sys.executable, script, str(out_dir), table], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    return out_dir


def check_case(case, out_dir):
    rec = np.load(os.path.join(out_dir, case.id + ".npz"), allow_pickle=True)
    module = case.nn(nn, tf)
    x = tf.constant(rec["x"])
    (case.warm or case.call)(module, x)

    # Same names, shapes and trainability as TF1.
    ours = sorted((v.name, repr(tuple(v.shape.as_list())), bool(v.trainable))
                  for v in module.variables)
    tf1 = sorted((n + ":0", s, bool(t))
                 for n, s, t in zip(rec["names"], rec["shapes"], rec["trainable"]))
    assert ours == tf1

    # The TF1 Saver checkpoint loads by name.
    by_name = {v.name[:-2]: v for v in module.variables}
    if by_name:
        reader = tf.train.load_checkpoint(os.path.join(out_dir, case.id, "ckpt"))
        for name, var in by_name.items():
            var.assign(reader.get_tensor(name))

    trainable = [by_name[n] for n in rec["grad_names"]]
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = case.call(module, x)
    grads = tape.gradient(y, [x] + trainable, output_gradients=tf.constant(rec["dy"]))

    np.testing.assert_allclose(y.numpy(), rec["y"], **TOL, err_msg="outputs")
    np.testing.assert_allclose(grads[0].numpy(), rec["dx"], **TOL, err_msg="d/dx")
    for name, grad in zip(rec["grad_names"], grads[1:]):
        np.testing.assert_allclose(grad.numpy(), rec[f"grad:{name}"], **TOL, err_msg=f"d/d{name}")
    # Moving averages: TF1 ran UPDATE_OPS with the step; unscope.nn assigns in the call.
    for name, var in by_name.items():
        np.testing.assert_allclose(var.numpy(), rec[f"after:{name}"], **TOL,
                                   err_msg=f"{name} after the step")
    reg = module.regularization_losses if isinstance(module, nn.Module) else []
    total = float(tf.add_n(reg)) if reg else 0.0
    np.testing.assert_allclose(total, float(rec["reg"]), **TOL, err_msg="regularization")
    return rec
