"""Programs run by both tf_slim (the TF1 oracle, in a subprocess) and unscope.slim.

Each case is ``fn(slim, tf, x, training) -> tensor``.  `run_all` builds every case,
sets every variable to `value_for(name)`, runs it twice (UPDATE_OPS with it in a TF1
graph) and records names, trainability, update-op counts, losses, outputs and the final
variable values.
"""
from __future__ import annotations

import numpy as np

try:
    from .helpers import value_for as _value_for
except ImportError:  # run as a script by the oracle subprocess
    from helpers import value_for as _value_for


def value_for(name, shape):
    # positive, so that moving variances stay valid in inference
    return np.abs(_value_for(name, shape)) + 0.5


def c_fc(slim, tf, x, training):
    y = slim.fully_connected(tf.reshape(x, [2, -1]), 6, weights_regularizer=slim.l2_regularizer(0.3),
                             biases_regularizer=slim.l1_regularizer(0.2))
    return slim.fully_connected(y, 3, activation_fn=None, scope="logits")


def c_fc3d_ln(slim, tf, x, training):
    return slim.fully_connected(tf.reshape(x, [2, 4, -1]), 5, normalizer_fn=slim.layer_norm)


def c_conv(slim, tf, x, training):
    y = slim.conv2d(x, 4, [3, 3], stride=2, weights_regularizer=slim.l2_regularizer(0.1))
    y = slim.conv2d(y, 4, 3, rate=2, activation_fn=tf.nn.tanh)
    y = slim.conv2d(y, 2, [1, 1], normalizer_fn=slim.batch_norm,
                    normalizer_params={"is_training": training, "scale": True})
    return slim.flatten(y)


def c_conv_nd(slim, tf, x, training):
    a = slim.conv1d(tf.reshape(x, [2, 36, 4]), 3, 2, stride=2)
    b = slim.conv3d(tf.reshape(x, [2, 3, 3, 4, 4]), 2, [2, 2, 2], padding="VALID")
    c = slim.convolution(x, 2, [2, 2], biases_initializer=None, trainable=False)
    return tf.concat([tf.reshape(t, [2, -1]) for t in (a, b, c)], 1)


def c_transpose_separable(slim, tf, x, training):
    a = slim.conv2d_transpose(x, 3, [3, 3], stride=2)
    b = slim.conv2d_transpose(x, 2, [2, 3], stride=[2, 1], padding="VALID", activation_fn=None,
                              weights_regularizer=slim.l2_regularizer(0.1))
    c = slim.separable_conv2d(x, 5, [3, 3], depth_multiplier=2, rate=2,
                              weights_regularizer=slim.l2_regularizer(0.2))
    d = slim.separable_conv2d(x, None, 3, stride=2, normalizer_fn=slim.layer_norm)
    e = slim.separable_conv2d(x, 2, [2, 2], stride=2, padding="VALID", scope="sep")
    return tf.concat([tf.reshape(t, [2, -1]) for t in (a, b, c, d, e)], 1)


def c_bn4(slim, tf, x, training):
    return slim.batch_norm(x, is_training=training, scale=True, decay=0.9)


def c_bn4_unfused(slim, tf, x, training):
    return slim.batch_norm(x, is_training=training, fused=False, center=False)


def c_bn2(slim, tf, x, training):
    return slim.batch_norm(tf.reshape(x, [8, -1]), is_training=training, decay=0.5)


def c_bn2_unfused(slim, tf, x, training):
    return slim.batch_norm(tf.reshape(x, [8, -1]), is_training=training, decay=0.5, fused=False,
                           scale=True)


def c_bn3(slim, tf, x, training):
    return slim.batch_norm(tf.reshape(x, [2, 4, -1]), is_training=training, decay=0.7, scale=True,
                           param_regularizers={"gamma": slim.l2_regularizer(0.5)})


def c_bn_inplace(slim, tf, x, training):
    a = slim.batch_norm(x, is_training=training, updates_collections=None, decay=0.8)
    b = slim.batch_norm(x, is_training=training, updates_collections=None, decay=0.8, fused=False,
                        param_regularizers={"beta": slim.l2_regularizer(1.0)})
    return a + b


def c_bn_weights_zero_debias(slim, tf, x, training):
    a = slim.batch_norm(x, is_training=training, batch_weights=tf.constant([1.0, 2.0]), decay=0.5)
    b = slim.batch_norm(x, is_training=training, zero_debias_moving_mean=True, decay=0.5)
    return a + b


def c_bn_tensor_training(slim, tf, x, training):
    t = tf.compat.v1.placeholder_with_default(training, [])
    a = slim.batch_norm(x, is_training=t, decay=0.5, scale=True)
    b = slim.batch_norm(tf.reshape(x, [8, -1]), is_training=t, decay=0.5)
    c = slim.batch_norm(x, is_training=t, decay=0.5, updates_collections=None, scope="none")
    d = slim.batch_norm(x, is_training=t, decay=0.5, fused=False, scope="nf")
    return tf.concat([tf.reshape(v, [2, -1]) for v in (a, b, c, d)], 1)


def c_layer_norm(slim, tf, x, training):
    a = slim.layer_norm(x)
    b = slim.layer_norm(x, begin_norm_axis=-1, begin_params_axis=-1, scope="ln2")
    c = slim.layer_norm(x, begin_norm_axis=2, begin_params_axis=2, center=False)
    return tf.concat([tf.reshape(v, [2, -1]) for v in (a, b, c)], 1)


def c_arg_scope_repeat_stack(slim, tf, x, training):
    with slim.arg_scope([slim.conv2d, slim.fully_connected], activation_fn=tf.nn.elu,
                        weights_regularizer=slim.l2_regularizer(0.01)):
        with slim.arg_scope([slim.conv2d], padding="VALID", stride=1) as sc:
            y = slim.repeat(x, 2, slim.conv2d, 3, [2, 2], scope="conv1")
        with slim.arg_scope(sc):
            y = slim.conv2d(y, 3, [2, 2])
        y = slim.max_pool2d(y, [2, 2], stride=1)
        y = slim.avg_pool2d(y, 2, stride=1, padding="SAME")
        return slim.stack(slim.flatten(y), slim.fully_connected, [5, 4], scope="fc")


def c_reuse_and_defaults(slim, tf, x, training):
    flat = tf.reshape(x, [2, -1])
    a = slim.fully_connected(flat, 3, scope="shared")
    b = slim.fully_connected(flat * 2.0, 3, scope="shared", reuse=True)
    c = slim.fully_connected(flat, 3)
    d = slim.fully_connected(flat, 3)
    e = slim.bias_add(c, scope="bias")
    return tf.concat([a, b, c, d, e], 1)


def c_misc(slim, tf, x, training):
    outs = [slim.dropout(x, keep_prob=0.5, is_training=False),
            slim.one_hot_encoding(tf.constant([0, 2]), 3),
            slim.max_pool3d(tf.reshape(x, [2, 3, 3, 4, 4]), 2, stride=1),
            slim.avg_pool3d(tf.reshape(x, [2, 3, 3, 4, 4]), [1, 2, 2], stride=[1, 1, 1], padding="SAME"),
            slim.pool(x, [2, 2], "MAX", stride=2),
            slim.bias_add(x, regularizer=slim.l1_l2_regularizer(0.1, 0.2), activation_fn=tf.nn.relu)]
    return tf.concat([tf.reshape(t, [2, -1]) for t in outs], 1)


def c_trainable_false(slim, tf, x, training):
    a = slim.fully_connected(tf.reshape(x, [2, -1]), 3, trainable=False)
    b = slim.batch_norm(a, trainable=False, scale=True, is_training=training)
    return slim.layer_norm(b, trainable=False)


CASES = {name[2:]: fn for name, fn in sorted(globals().items()) if name.startswith("c_")}
X = (np.random.RandomState(0).randn(2, 6, 6, 4) * 3 + 1).astype(np.float32)


def run_all(slim, tf, mode, track=None):
    """Results by "case/train|infer"; mode is "graph" (TF1 graph) or "eager"/"function"."""
    v1 = tf.compat.v1
    results = {}
    for cname, fn in CASES.items():
        for training in (True, False):
            key = f"{cname}/{'train' if training else 'infer'}"
            if mode == "graph":
                with tf.Graph().as_default():
                    x = v1.placeholder(tf.float32, X.shape)
                    y = fn(slim, tf, x, training)
                    gv = v1.global_variables()
                    trainable = v1.trainable_variables()
                    upd = v1.get_collection(v1.GraphKeys.UPDATE_OPS)
                    regs = v1.get_collection(v1.GraphKeys.REGULARIZATION_LOSSES)
                    info = {"vars": [(v.name, v.shape.as_list(), any(v is t for t in trainable))
                                     for v in gv], "update_ops": len(upd)}
                    with v1.Session() as sess:
                        for v in gv:
                            v.load(value_for(v.name, v.shape.as_list()), sess)
                        with tf.control_dependencies(upd):
                            y = tf.identity(y)
                        out = [sess.run(y, {x: X}), sess.run(y, {x: X * 0.5})]
                        info["losses"] = sorted(float(r) for r in sess.run(regs))
                        info["values"] = {v.name: sess.run(v) for v in gv}
            else:
                module = track(lambda x, fn=fn, training=training: fn(slim, tf, x, training))
                call = tf.function(module) if mode == "function" else module
                call(tf.constant(X))
                for v in module.variables:
                    v.assign(value_for(v.name, v.shape.as_list()))
                out = [call(tf.constant(X)).numpy(), call(tf.constant(X * 0.5)).numpy()]
                info = {"vars": [(v.name, v.shape.as_list(), v.trainable) for v in module.variables],
                        "update_ops": 0,
                        "losses": sorted(float(r) for r in module.regularization_losses),
                        "values": {v.name: v.numpy() for v in module.variables}}
            info["out"] = out
            results[key] = info
    return results
