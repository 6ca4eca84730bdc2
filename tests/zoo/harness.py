"""Run zoo models under real TF1 (subprocess oracle) and on unscope; compare."""
from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import numpy as np

ZOO = ["transformer", "siamese", "rnn", "template_net", "gan", "cnn", "auto_reuse",
       "gan_class", "policy", "template_script", "custom_getter", "dcgan_ops",
       "ddpg_models", "sac_policies", "ddpg_copies", "dcgan_stores", "policy_family", "encoder"]
ROOT = Path(__file__).resolve().parents[2]


def flatten(out):
    if isinstance(out, dict):
        return [out[k] for k in sorted(out)]
    if isinstance(out, (list, tuple)):
        return list(out)
    return [out]


def run_oracle(names, outdir: Path) -> None:
    """TF1 graph mode with tf_keras serving tf.layers, all models in one process."""
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "tests.zoo.harness", str(outdir), *names],
                          capture_output=True, text=True, env=env, timeout=600)
    if proc.returncode != 0:
        raise RuntimeError(f"TF1 oracle failed:\n{proc.stderr[-4000:]}")


def _oracle_main(outdir: str, names: list[str]) -> None:
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    for name in names:
        module = importlib.import_module(f"tests.zoo.{name}")
        with tf.Graph().as_default():
            tf.set_random_seed(0)
            feeds = {k: tf.placeholder(tf.as_dtype(v.dtype), v.shape, name=k) for k, v in module.INPUTS.items()}
            outs = flatten(module.build(**feeds))
            variables = tf.global_variables()
            trainable = tf.trainable_variables()
            floats = [tf.reduce_sum(o) for o in outs if o.dtype.is_floating]
            grads = tf.gradients(tf.add_n(floats), trainable)
            regs = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
            reg = tf.add_n(regs) if regs else tf.constant(0.0)
            with tf.Session() as sess:
                sess.run(tf.global_variables_initializer())
                fd = {feeds[k]: v for k, v in module.INPUTS.items()}
                values, outputs, grad_values, reg_value = sess.run([variables, outs, grads, reg], fd)
        arrays = {f"var:{v.name}": x for v, x in zip(variables, values)}
        arrays.update({f"out:{i}": x for i, x in enumerate(outputs)})
        arrays.update({f"grad:{v.name}": g for v, g in zip(trainable, grad_values) if g is not None})
        arrays["reg"] = np.asarray(reg_value)
        np.savez(Path(outdir) / f"{name}.npz", **arrays)
        meta = {"variables": [[v.name, v.shape.as_list(), v.dtype.base_dtype.name] for v in variables],
                "trainable": [v.name for v in trainable], "n_regs": len(regs)}
        (Path(outdir) / f"{name}.json").write_text(json.dumps(meta))


def expected(oracle_dir: Path, name: str) -> tuple[dict, dict]:
    """(meta, arrays) the TF1 oracle wrote for zoo model ``name``."""
    meta = json.loads((Path(oracle_dir) / f"{name}.json").read_text())
    return meta, dict(np.load(Path(oracle_dir) / f"{name}.npz"))


def assert_matches_tf1(model, inputs: dict, oracle_dir: Path, name: str, *, ordered: bool = True):
    """Load TF1's weights into ``model`` by name; outputs, gradients, regularization equal TF1.

    ``ordered``: variables must also come in TF1's creation order (the runtime keeps it;
    native modules list theirs by attribute).
    """
    import tensorflow as tf

    meta, arrays = expected(oracle_dir, name)
    got = [[v.name, v.shape.as_list(), v.dtype.base_dtype.name] for v in model.variables]
    trainable = [v.name for v in model.trainable_variables]
    if ordered:
        assert got == meta["variables"] and trainable == meta["trainable"]
    else:
        assert sorted(got) == sorted(meta["variables"]) and sorted(trainable) == sorted(meta["trainable"])
    for v in model.variables:
        v.assign(arrays[f"var:{v.name}"])
    with tf.GradientTape() as tape:
        outs = flatten(model(**inputs))
        total = tf.add_n([tf.reduce_sum(o) for o in outs if o.dtype.is_floating])
    grads = tape.gradient(total, model.trainable_variables)
    for i, out in enumerate(outs):
        np.testing.assert_allclose(out.numpy(), arrays[f"out:{i}"], rtol=1e-5, atol=1e-5, err_msg=f"output {i}")
    for v, g in zip(model.trainable_variables, grads):
        key = f"grad:{v.name}"
        if key in arrays:
            np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), arrays[key], rtol=1e-4, atol=1e-5, err_msg=key)
        else:
            assert g is None, key
    reg = model.regularization_losses
    np.testing.assert_allclose(sum(float(x) for x in reg), arrays["reg"], rtol=1e-5, atol=1e-7)
    assert len(reg) == meta["n_regs"]
    return meta, arrays


def load_on_unscope(name: str) -> types.ModuleType:
    """The zoo file's own source, with `tf` bound to the unscope shim."""
    path = ROOT / "tests" / "zoo" / f"{name}.py"
    source = path.read_text().replace("import tensorflow.compat.v1 as tf", "from tests.zoo.shim import tf")
    module = types.ModuleType(f"zoo_on_unscope_{name}")
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)
    return module


if __name__ == "__main__":
    _oracle_main(sys.argv[1], sys.argv[2:])
