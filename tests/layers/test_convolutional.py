"""conv1d/2d/3d, separable and transposed convolutions: differential against TF1 tf.layers."""
from __future__ import annotations


from . import harness

X1 = {"x": {"shape": [2, 9, 3], "batch_none": True}}
X2 = {"x": {"shape": [2, 8, 7, 3], "batch_none": True}}
X2F = {"x": {"shape": [2, 3, 8, 7]}}
X3 = {"x": {"shape": [2, 5, 6, 4, 2], "batch_none": True}}

PROGRAMS = {
    "conv1d": dict(inputs=X1, body="""
out["a"] = L.conv1d(x, 4, 3)
out["b"] = L.conv1d(x, 2, 2, strides=2, padding="same", activation=tf.nn.relu)
out["c"] = L.conv1d(x, 2, 3, padding="causal", dilation_rate=2)
out["d"] = L.Conv1D(5, 1, use_bias=False)(x)
"""),
    "conv1d_channels_first": dict(inputs={"x": {"shape": [2, 3, 9]}}, body="""
out["a"] = L.conv1d(x, 4, 3, data_format="channels_first")
out["b"] = L.conv1d(x, 2, 2, padding="SAME", data_format="channels_first")
"""),
    "conv2d": dict(inputs=X2, body="""
out["a"] = L.conv2d(x, 4, 3)
out["b"] = L.conv2d(x, 4, (3, 2), strides=(2, 1), padding="same", activation=tf.nn.relu)
out["c"] = L.conv2d(x, 2, 3, dilation_rate=2, padding="same")
out["d"] = L.conv2d(out["a"], 3, 1, name="head")
out["e"] = L.conv2d(out["a"], 3, 1, name="head", reuse=True)
"""),
    "conv2d_channels_first": dict(inputs=X2F, body="""
out["a"] = L.conv2d(x, 4, 3, data_format="channels_first")
out["b"] = L.conv2d(x, 2, 3, strides=2, padding="same", data_format="channels_first")
"""),
    "conv2d_object_and_regularizer": dict(inputs=X2, body="""
c = L.Conv2D(4, 3, padding="same", kernel_regularizer=lambda w: 0.01 * tf.reduce_sum(tf.square(w)))
out["a"] = c(x)
out["b"] = c(x * 0.5)
with V.variable_scope("block"):
    out["c"] = L.conv2d(x, 2, 1, bias_regularizer=lambda b: tf.reduce_sum(b),
                        bias_initializer=tf.compat.v1.constant_initializer(0.1))
"""),
    "conv2d_then_dense": dict(inputs=X2, body="""
h = L.conv2d(x, 4, 3, strides=2, activation=tf.nn.relu)
h = L.conv2d(h, 4, 3, padding="same")
out["a"] = L.dense(L.flatten(h), 5)
"""),
    "conv3d": dict(inputs=X3, body="""
out["a"] = L.conv3d(x, 3, 2)
out["b"] = L.conv3d(x, 2, (3, 3, 1), strides=(1, 2, 1), padding="same")
"""),
    "conv3d_channels_first": dict(inputs={"x": {"shape": [2, 2, 5, 6, 4]}}, body="""
out["a"] = L.conv3d(x, 3, 2, data_format="channels_first")
"""),
    "separable_conv2d": dict(inputs=X2, body="""
out["a"] = L.separable_conv2d(x, 4, 3)
out["b"] = L.separable_conv2d(x, 5, 3, depth_multiplier=2, padding="same", strides=2)
out["c"] = L.separable_conv2d(x, 2, 3, dilation_rate=2, use_bias=False, name="sep")
out["d"] = L.SeparableConv2D(2, 1, activation=tf.nn.relu,
                             depthwise_regularizer=lambda w: tf.reduce_sum(w),
                             pointwise_regularizer=lambda w: tf.reduce_sum(tf.abs(w)))(x)
"""),
    "separable_conv2d_channels_first": dict(inputs=X2F, body="""
out["a"] = L.separable_conv2d(x, 4, 3, data_format="channels_first")
"""),
    "separable_conv1d": dict(inputs=X1, body="""
out["a"] = L.separable_conv1d(x, 4, 3)
out["b"] = L.separable_conv1d(x, 2, 2, depth_multiplier=3, strides=2, padding="same")
"""),
    "conv2d_transpose": dict(inputs=X2, body="""
out["a"] = L.conv2d_transpose(x, 4, 3)
out["b"] = L.conv2d_transpose(x, 2, 3, strides=2, padding="same", activation=tf.nn.relu)
out["c"] = L.conv2d_transpose(x, 2, (2, 3), strides=(2, 3), padding="valid", use_bias=False)
out["d"] = L.Conv2DTranspose(3, 1, name="up")(x)
"""),
    "conv2d_transpose_channels_first": dict(inputs=X2F, body="""
out["a"] = L.conv2d_transpose(x, 4, 3, strides=2, data_format="channels_first")
"""),
    "conv3d_transpose": dict(inputs=X3, body="""
out["a"] = L.conv3d_transpose(x, 2, 2, strides=2)
out["b"] = L.conv3d_transpose(x, 3, 3, padding="same")
"""),
    "conv_scope_initializer": dict(inputs=X2, deterministic_init=True, body="""
with V.variable_scope("init", initializer=tf.compat.v1.constant_initializer(0.1)):
    out["a"] = L.conv2d(x, 2, 3)
    out["b"] = L.separable_conv2d(x, 2, 3)
    out["c"] = L.conv2d_transpose(x, 2, 3, kernel_initializer=tf.compat.v1.ones_initializer())
"""),
    "conv_not_trainable": dict(inputs=X2, body="""
out["a"] = L.conv2d(x, 2, 3, trainable=False)
"""),
    "conv_unknown_channels_raises": dict(inputs={"x": {"shape": [2, 4, 4, 3]}}, store=False, body="""
y = tf.compat.v1.placeholder_with_default(x, [None, None, None, None])
L.conv2d(y, 2, 3)
"""),
}

oracle, test_graph_mode_matches_tf1, test_eager_matches_tf1, test_tf_function_matches_tf1 = \
    harness.differential_tests(PROGRAMS)
