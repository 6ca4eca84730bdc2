"""Run TF1 cases from tf1_cases.py in TF1 graph mode and dump what they computed.

    TF_USE_LEGACY_KERAS=1 python tf1_oracle.py OUT_DIR TABLE

For each case, OUT_DIR/<id>.npz holds x, the cotangent dy, y, the gradients, variable
names/shapes/trainability in creation order, the values after the run (moving averages
updated by UPDATE_OPS) and the summed REGULARIZATION_LOSSES; OUT_DIR/<id>/ckpt is a TF1
Saver checkpoint of the (randomised) weights the run started from.
"""
import os
import sys
import warnings
import zlib

import numpy as np

assert os.environ.get("TF_USE_LEGACY_KERAS") == "1", "needs TF_USE_LEGACY_KERAS=1 for tf.layers"
import tensorflow as tf  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tf1_cases  # noqa: E402

v1 = tf.compat.v1


def run_case(case, out_dir):
    rng = np.random.RandomState(zlib.crc32(case.id.encode()))
    x_value = rng.standard_normal(case.shape).astype(case.dtype)
    graph = tf.Graph()
    with graph.as_default():
        v1.set_random_seed(0)
        x = v1.placeholder(case.dtype, case.shape, name="x")
        y = case.tf1(tf, x)
        assert y.shape.is_fully_defined(), (case.id, y.shape)
        variables = v1.global_variables()
        trainable = v1.trainable_variables()
        dy_value = rng.standard_normal(y.shape.as_list()).astype(y.dtype.as_numpy_dtype)
        grads = tf.gradients(y, [x] + trainable, grad_ys=tf.constant(dy_value))
        reg = v1.losses.get_regularization_losses()
        reg_sum = tf.add_n(reg) if reg else tf.constant(0.0, y.dtype)
        updates = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
        with v1.Session(graph=graph) as sess:
            sess.run(v1.global_variables_initializer())
            for var in variables:  # random starting weights, positive where they must be
                shape, np_dtype = var.shape.as_list(), var.dtype.base_dtype.as_numpy_dtype
                short = var.op.name.rsplit("/", 1)[-1]
                value = rng.uniform(0.5, 1.5, shape) if short in ("gamma", "moving_variance") \
                    else 0.5 * rng.standard_normal(shape)
                var.load(value.astype(np_dtype), sess)
            if variables:
                os.makedirs(os.path.join(out_dir, case.id), exist_ok=True)
                v1.train.Saver(variables).save(sess, os.path.join(out_dir, case.id, "ckpt"),
                                               write_meta_graph=False)
            y_value, grad_values, reg_value, _ = sess.run([y, grads, reg_sum, updates],
                                                          {x: x_value})
            after = sess.run(variables)
    names = [v.op.name for v in variables]
    trainable_names = [v.op.name for v in trainable]
    np.savez(
        os.path.join(out_dir, case.id + ".npz"), x=x_value, dy=dy_value, y=y_value,
        dx=grad_values[0], names=np.array(names, dtype=object),
        shapes=np.array([repr(tuple(v.shape.as_list())) for v in variables], dtype=object),
        trainable=np.array([n in trainable_names for n in names]),
        grad_names=np.array(trainable_names, dtype=object),
        n_updates=len(updates), reg=reg_value,
        **{f"grad:{n}": g for n, g in zip(trainable_names, grad_values[1:])},
        **{f"after:{n}": a for n, a in zip(names, after)})


def main(out_dir, table):
    warnings.filterwarnings("ignore")
    v1.disable_eager_execution()
    for case in tf1_cases.TABLES[table]:
        run_case(case, out_dir)


if __name__ == "__main__":
    main(*sys.argv[1:3])
