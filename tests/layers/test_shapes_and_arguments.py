"""compute_output_shape of every layer class, activity_regularizer, and the arguments TF1's
tf.layers took through Keras (output_padding, dilation_rate, dtype, _reuse): vs TF1.

Shapes are compared as their printed TensorShape (``(None, 6, 4)``), beside the static shape
of a real call, so a wrong shape rule and a wrong call both show.
"""
from __future__ import annotations

from . import harness

X1 = {"x": {"shape": [2, 9, 3]}}
X2 = {"x": {"shape": [2, 8, 7, 3]}}
X3 = {"x": {"shape": [2, 5, 6, 4, 2]}}

SHAPE_OF = """
def shape_of(layer, *shapes):
    return tf.constant([str(layer.compute_output_shape(tf.TensorShape(s))) for s in shapes])
"""

PROGRAMS = {
    "output_shape_core": dict(inputs={"x": {"shape": [2, 5, 3]}},
                              body=SHAPE_OF + """
out["dense"] = shape_of(L.Dense(4), [None, 3], [2, 5, 3], [None, None, 7])
out["dropout"] = shape_of(L.Dropout(0.5), [None, 3], [2, None, 3])
out["flatten"] = shape_of(L.Flatten(), [None, 5, 3], [2, None, 3], [None, 4],
                          [None, 2, 3, 4])
out["flatten_cf"] = shape_of(L.Flatten(data_format="channels_first"), [None, 5, 3])
out["bn"] = shape_of(L.BatchNormalization(), [None, 5, 3], [4, 3, 3, 2])
out["call"] = tf.constant(str(L.dense(x, 4).shape))
"""),
    "output_shape_conv": dict(inputs=X2, body=SHAPE_OF + """
out["c1"] = shape_of(L.Conv1D(4, 3), [None, 9, 3], [2, None, 3])
out["c1s"] = shape_of(L.Conv1D(4, 3, strides=2, padding="same", dilation_rate=1), [None, 9, 3])
out["c1c"] = shape_of(L.Conv1D(4, 3, padding="causal", dilation_rate=2), [None, 9, 3])
out["c1f"] = shape_of(L.Conv1D(4, 3, data_format="channels_first"), [None, 3, 9])
out["c2"] = shape_of(L.Conv2D(4, 3), [None, 8, 7, 3], [2, None, 7, 3])
out["c2d"] = shape_of(L.Conv2D(4, (3, 2), strides=(2, 1), dilation_rate=1), [None, 8, 7, 3])
out["c2r"] = shape_of(L.Conv2D(4, 3, dilation_rate=2, padding="valid"), [None, 8, 7, 3])
out["c2f"] = shape_of(L.Conv2D(4, 3, strides=2, padding="same", data_format="channels_first"),
                      [None, 3, 8, 7])
out["c3"] = shape_of(L.Conv3D(2, (3, 3, 1), strides=(1, 2, 1), padding="same"), [None, 5, 6, 4, 2])
out["s1"] = shape_of(L.SeparableConv1D(4, 3, strides=2), [None, 9, 3])
out["s2"] = shape_of(L.SeparableConv2D(5, 3, depth_multiplier=2, padding="same", strides=2),
                     [None, 8, 7, 3])
out["t2"] = shape_of(L.Conv2DTranspose(4, 3, strides=2), [None, 8, 7, 3], [2, None, 7, 3])
out["t2s"] = shape_of(L.Conv2DTranspose(4, 3, strides=2, padding="same",
                                        data_format="channels_first"), [None, 3, 8, 7])
out["t3"] = shape_of(L.Conv3DTranspose(2, 2, strides=2), [None, 5, 6, 4, 2])
out["call"] = tf.constant([str(L.conv2d(x, 4, 3, strides=2).shape),
                           str(L.conv2d_transpose(x, 2, 3, strides=2).shape)])
"""),
    "output_shape_pooling": dict(inputs=X2, body=SHAPE_OF + """
out["p1"] = shape_of(L.MaxPooling1D(2, 2), [None, 9, 3], [2, None, 3])
out["p1f"] = shape_of(L.AveragePooling1D(3, 2, padding="same", data_format="channels_first"),
                      [None, 3, 9])
out["p2"] = shape_of(L.MaxPooling2D(2, 2), [None, 7, 8, 3])
out["p2s"] = shape_of(L.AveragePooling2D((3, 2), (2, 1), padding="same"), [None, 7, 8, 3])
out["p2f"] = shape_of(L.MaxPooling2D(3, 2, data_format="channels_first"), [None, 3, 7, 8])
out["p3"] = shape_of(L.AveragePooling3D((2, 3, 1), 1, padding="same"), [None, 5, 6, 4, 2])
out["p3f"] = shape_of(L.MaxPooling3D(2, 2, data_format="channels_first"), [None, 2, 5, 6, 4])
out["call"] = tf.constant(str(L.max_pooling2d(x, 3, 2).shape))
"""),
    "output_shape_dense_undefined_last_raises": dict(inputs=X1, body="""
L.Dense(2).compute_output_shape(tf.TensorShape([None, None]))
"""),
    "output_shape_conv_negative_raises": dict(inputs=X1, body="""
L.Conv2D(2, 5).compute_output_shape(tf.TensorShape([None, 3, 3, 1]))
"""),
    "output_shape_custom_layer_raises": dict(inputs=X1, store=False, body="""
class Plain(L.Layer):
    def call(self, inputs):
        return inputs
Plain().compute_output_shape(tf.TensorShape([None, 3]))
"""),
    "conv2d_transpose_output_padding": dict(inputs=X2, body=SHAPE_OF + """
layer = L.Conv2DTranspose(3, 3, strides=2, output_padding=1)
out["a"] = layer(x)
out["b"] = L.Conv2DTranspose(2, 3, strides=(2, 3), output_padding=(1, 2))(x)
out["c"] = L.Conv2DTranspose(2, 3, strides=2, padding="same", output_padding=0,
                             data_format="channels_first")(tf.transpose(x, [0, 3, 1, 2]))
out["s"] = shape_of(layer, [None, 8, 7, 3], [2, None, None, 3])
"""),
    "conv2d_transpose_dilation": dict(inputs=X2, body=SHAPE_OF + """
layer = L.Conv2DTranspose(2, 3, dilation_rate=2)
out["a"] = layer(x)
out["b"] = L.Conv2DTranspose(2, 2, dilation_rate=(2, 2), padding="same")(x)
out["s"] = shape_of(layer, [None, 8, 7, 3])
"""),
    "conv3d_transpose_output_padding": dict(inputs=X3, body=SHAPE_OF + """
layer = L.Conv3DTranspose(2, 2, strides=(2, 2, 3), output_padding=(1, 0, 2))
out["a"] = layer(x)
out["s"] = shape_of(layer, [None, 5, 6, 4, 2])
"""),
    "output_padding_not_below_strides_raises": dict(inputs=X2, body="""
L.Conv2DTranspose(2, 3, strides=2, output_padding=2)
"""),
    # activity_regularizer: one loss per call, named per call, in REGULARIZATION_LOSSES and
    # the layer's losses, divided by the (dynamic) batch size.
    "activity_regularizer_per_call": dict(inputs={"x": {"shape": [3, 4], "batch_none": True}},
                                          activity_losses=True, body="""
d = L.Dense(3, activity_regularizer=lambda a: tf.reduce_sum(tf.square(a)))
out["a"] = d(x)
out["b"] = d(x * 2.0)
with V.variable_scope("s"):
    out["c"] = L.dense(x, 2, activity_regularizer=lambda a: tf.reduce_sum(tf.abs(a)),
                       kernel_regularizer=lambda w: tf.reduce_sum(w))
out["n"] = tf.constant(len(d.losses))
out["l"] = tf.add_n(d.losses)
"""),
    "activity_regularizer_conv_and_names": dict(inputs=X2, activity_losses=True, body="""
out["a"] = L.conv2d(x, 2, 3, activity_regularizer=lambda a: 0.5 * tf.reduce_sum(tf.square(a)))
out["b"] = L.separable_conv2d(x, 2, 3, activity_regularizer=lambda a: tf.reduce_sum(a))
out["c"] = L.conv2d_transpose(x, 2, 1, activity_regularizer=lambda a: tf.reduce_mean(a),
                              name="up")
"""),
    "layer_dtype_argument": dict(inputs={"x": {"shape": [2, 3], "dtype": "float64"}}, body="""
out["a"] = L.Dense(2, dtype="float64")(x)
out["b"] = L.Conv1D(2, 1, dtype="float64")(tf.reshape(x, [2, 3, 1]))
"""),
    "layer_reuse_keyword": dict(inputs={"x": {"shape": [2, 3]}}, body="""
out["a"] = L.dense(x, 4, name="fc")
out["b"] = L.Dense(4, name="fc", _reuse=True)(x * 2.0)
with V.variable_scope("s"):
    out["c"] = L.Conv1D(2, 1, name="c")(tf.reshape(x, [2, 3, 1]))
with V.variable_scope("s", reuse=True):
    out["d"] = L.Conv1D(2, 1, name="c")(tf.reshape(x, [2, 3, 1]) + 1.0)
"""),
    "input_spec_min_ndim_raises": dict(inputs={"x": {"shape": [3]}}, body="""
L.Dense(2, name="fc")(x)
"""),
    "input_spec_ndim_raises": dict(inputs=X1, body="""
L.SeparableConv2D(2, 1, name="sep")(x)
"""),
    "input_spec_axis_raises": dict(inputs=X1, body="""
c = L.Conv1D(2, 1, name="c")
c(x)
c(tf.concat([x, x], axis=-1))
"""),
}

oracle, test_graph_mode_matches_tf1, test_eager_matches_tf1, test_tf_function_matches_tf1 = \
    harness.differential_tests(PROGRAMS)
