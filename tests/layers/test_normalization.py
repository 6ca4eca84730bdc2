"""batch_normalization: differential against TF1 tf.layers (fused and not, updates, dtypes)."""
from __future__ import annotations


from . import harness

X4 = {"x": {"shape": [4, 3, 3, 2], "batch_none": True}}
STATS = ("moving_mean_initializer=tf.compat.v1.constant_initializer(0.3), "
         "moving_variance_initializer=tf.compat.v1.constant_initializer(2.0)")

PROGRAMS = {
    "bn_fused_training": dict(inputs=X4, body="""
out["a"] = L.batch_normalization(x, training=True)
out["b"] = L.batch_normalization(x * 3.0 + 1.0, training=True, momentum=0.9)
"""),
    "bn_fused_inference": dict(inputs=X4, body=f"""
out["a"] = L.batch_normalization(x, {STATS})
out["b"] = L.batch_normalization(x, training=False, epsilon=0.1, {STATS})
"""),
    "bn_fused_channels_first": dict(inputs={"x": {"shape": [4, 3, 5, 5]}}, body="""
out["a"] = L.batch_normalization(x, axis=1, training=True, momentum=0.5)
"""),
    "bn_fused_5d": dict(inputs={"x": {"shape": [2, 3, 3, 3, 2]}}, body="""
out["a"] = L.batch_normalization(x, training=True, momentum=0.5)
out["b"] = L.batch_normalization(x, axis=1, training=True, momentum=0.5)
out["c"] = L.batch_normalization(x, axis=2, training=True, momentum=0.5)
"""),
    "bn_2d_training_not_fused": dict(inputs={"x": {"shape": [5, 4]}}, body="""
out["a"] = L.batch_normalization(x, training=True, momentum=0.5)
out["b"] = L.batch_normalization(x, training=True, fused=True, momentum=0.5)
"""),
    "bn_2d_inference": dict(inputs={"x": {"shape": [5, 4], "batch_none": True}}, body=f"""
out["a"] = L.batch_normalization(x, training=False, {STATS})
"""),
    "bn_4d_fused_false": dict(inputs=X4, body="""
out["a"] = L.batch_normalization(x, training=True, fused=False, momentum=0.5)
"""),
    "bn_4d_other_axis": dict(inputs=X4, body="""
out["a"] = L.batch_normalization(x, axis=2, training=True, momentum=0.5)
out["b"] = L.batch_normalization(x, axis=[1, 3], training=True, momentum=0.5)
"""),
    "bn_tensor_training": dict(inputs={"x": {"shape": [4, 3, 3, 2]}, "t": {"bool": True},
                                       "f": {"bool": False}}, body=f"""
out["a"] = L.batch_normalization(x, training=t, momentum=0.5, {STATS})
out["b"] = L.batch_normalization(x, training=f, momentum=0.5, {STATS})
"""),
    "bn_tensor_training_not_fused": dict(inputs={"x": {"shape": [5, 4]}, "t": {"bool": True},
                                                 "f": {"bool": False}}, body=f"""
out["a"] = L.batch_normalization(x, training=t, momentum=0.5, {STATS})
out["b"] = L.batch_normalization(x, training=f, momentum=0.5, {STATS})
"""),
    "bn_float16": dict(inputs={"x": {"shape": [4, 3, 3, 2], "dtype": "float16"}},
                       tol=dict(rtol=2e-3, atol=2e-3), body="""
out["a"] = L.batch_normalization(x, training=True, momentum=0.5)
out["b"] = L.batch_normalization(tf.reshape(x, [4, 18]), training=True, momentum=0.5)
"""),
    "bn_float64": dict(inputs={"x": {"shape": [4, 3, 3, 2], "dtype": "float64"}}, body="""
out["a"] = L.batch_normalization(x, training=True, momentum=0.5)
"""),
    "bn_no_center_no_scale": dict(inputs=X4, body="""
out["a"] = L.batch_normalization(x, center=False, scale=False, training=True, momentum=0.5)
out["b"] = L.batch_normalization(tf.reshape(x, [4, 18]), center=False, training=True)
"""),
    "bn_regularizers_initializers": dict(inputs=X4, deterministic_init=True, body=f"""
out["a"] = L.batch_normalization(
    x, training=False, gamma_initializer=tf.compat.v1.constant_initializer(1.5),
    beta_initializer=tf.compat.v1.constant_initializer(-0.5), {STATS},
    gamma_regularizer=lambda g: tf.reduce_sum(tf.square(g)),
    beta_regularizer=lambda b: 0.5 * tf.reduce_sum(tf.abs(b)))
"""),
    "bn_functional_reuse_and_scopes": dict(inputs=X4, store_skip_outputs=["b"], body="""
out["a"] = L.batch_normalization(x, training=True, name="bn", momentum=0.5)
out["b"] = L.batch_normalization(x, training=False, name="bn", reuse=True)
with V.variable_scope("tower"):
    out["c"] = L.batch_normalization(x, training=True)
    out["d"] = L.batch_normalization(x, training=True, trainable=False)
"""),
    "bn_object_called_twice": dict(inputs=X4, store_skip_outputs=["b"], body="""
bn = L.BatchNormalization(momentum=0.5)
out["a"] = bn(x, training=True)
out["b"] = bn(x, training=False)
"""),
    "bn_scope_partitioner": dict(inputs={"x": {"shape": [5, 4]}}, body="""
with V.variable_scope("p", partitioner=tf.compat.v1.fixed_size_partitioner(2)):
    out["a"] = L.batch_normalization(x, training=False)
"""),
    "bn_bad_axis_raises": dict(inputs=X4, body="""
L.batch_normalization(x, axis=4)
"""),
}

oracle, test_graph_mode_matches_tf1, test_eager_matches_tf1, test_tf_function_matches_tf1 = \
    harness.differential_tests(PROGRAMS)
