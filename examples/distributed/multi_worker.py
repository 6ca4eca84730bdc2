"""Train a TF1-style model on unscope under MultiWorkerMirroredStrategy.

Run two workers on this machine (each in its own process):

    python examples/distributed/multi_worker.py --index 0 --ports 23456,23457 &
    python examples/distributed/multi_worker.py --index 1 --ports 23456,23457

Each prints one JSON line: the TF1 variable names and a checksum of the weights after
training, which must be identical on both workers.
"""
from __future__ import annotations

import argparse
import json
import os


def model_fn(x):
    import tensorflow as tf

    import unscope

    with unscope.variable_scope("net"):
        h = x
        for i, width in enumerate([8, 1]):
            with unscope.variable_scope(f"h{i}"):
                w = unscope.get_variable("w", [h.shape[-1], width])
                b = unscope.get_variable("b", [width], initializer=tf.compat.v1.zeros_initializer())
                h = tf.tanh(h @ w + b)
    return h


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=int, required=True)
    parser.add_argument("--ports", required=True, help="comma-separated ports, one per worker")
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args()
    workers = [f"127.0.0.1:{p}" for p in args.ports.split(",")]
    os.environ["TF_CONFIG"] = json.dumps({"cluster": {"worker": workers},
                                          "task": {"type": "worker", "index": args.index}})
    import numpy as np
    import tensorflow as tf

    import unscope

    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    tf.random.set_seed(1)
    x = tf.constant(np.linspace(-1, 1, 4 * 3, dtype=np.float32).reshape(4, 3) * (args.index + 1))
    with strategy.scope():
        model = unscope.track(model_fn)
        model(x[:1])  # build: variables are created once, mirrored across workers

    @tf.function
    def grads(inputs):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(model(inputs) - 0.5))
        return tape.gradient(loss, model.trainable_variables)

    for _ in range(args.steps):
        per_replica = strategy.run(grads, args=(x,))
        summed = [strategy.reduce("SUM", g, axis=None) for g in per_replica]
        for v, g in zip(model.trainable_variables, summed):
            v.assign_sub(0.1 * g)
    checksum = float(sum(float(tf.reduce_sum(tf.abs(v))) for v in model.variables))
    print(json.dumps({"worker": args.index, "names": [v.name for v in model.variables],
                      "checksum": round(checksum, 6),
                      "mirrored": all(isinstance(v, tf.distribute.DistributedValues)
                                      for v in model.variables)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
