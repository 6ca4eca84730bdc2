"""Subprocess body for test_distribute_native: zoo models migrated natively, built under
MirroredStrategy on two logical CPUs, each replica given half the batch; prints per model the
variable names, whether they are mirrored, and the largest differences from TF1's outputs and
gradients (the oracle's arrays, written by tests/zoo/harness.py in TF1 graph mode).

    python tests/native/mirrored_native_worker.py ORACLE_DIR TMP_DIR MODEL...
"""
import json
import sys
from pathlib import Path

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

from tests.native.support import class_for, load  # noqa: E402
from tests.zoo import harness  # noqa: E402
from unscope.native import migrate_native  # noqa: E402


def check(name, oracle, tmp):
    meta, expected = harness.expected(oracle, name)
    result = migrate_native((Path(harness.__file__).parent / f"{name}.py").read_text(), f"{name}.py")
    module = load(result.code, tmp, name)
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    half = {k: v.shape[0] // 2 for k, v in inputs.items()}
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        model = getattr(module, class_for(result, "build"))()
        model(**{k: v[:half[k]] for k, v in inputs.items()})   # variables made under the strategy
    for v in model.variables:
        v.assign(expected[f"var:{v.name}"])
    dist = strategy.experimental_distribute_values_from_function(
        lambda ctx: {k: v[ctx.replica_id_in_sync_group * half[k]:(ctx.replica_id_in_sync_group + 1) * half[k]]
                     for k, v in inputs.items()})

    @tf.function
    def step(batch):
        with tf.GradientTape() as tape:
            outs = harness.flatten(model(**batch))
            total = tf.add_n([tf.reduce_sum(o) for o in outs if o.dtype.is_floating])
        return outs, tape.gradient(total, model.trainable_variables)

    outs, grads = strategy.run(step, args=(dist,))
    out_err = max(float(np.max(np.abs(np.concatenate([t.numpy() for t in strategy.experimental_local_results(o)])
                                      - expected[f"out:{i}"]))) for i, o in enumerate(outs))
    grad_err = max(float(np.max(np.abs(strategy.reduce("SUM", g, axis=None).numpy() - expected[f"grad:{v.name}"])))
                   for v, g in zip(model.trainable_variables, grads))
    return {"names": sorted(v.name for v in model.variables), "tf1_names": sorted(n for n, *_ in meta["variables"]),
            "mirrored": all(isinstance(v, tf.distribute.DistributedValues) for v in model.variables),
            "out_err": out_err, "grad_err": grad_err}


oracle_dir, tmp_dir, *names = sys.argv[1:]
print(json.dumps({name: check(name, Path(oracle_dir), Path(tmp_dir)) for name in names}))
