"""dense / dropout / flatten and the Layer base: differential against TF1 tf.layers."""
from __future__ import annotations


from . import harness

X = {"x": {"shape": [2, 3]}}
XB = {"x": {"shape": [2, 3], "batch_none": True}}

PROGRAMS = {
    "dense_default_names": dict(inputs=XB, body="""
out["a"] = L.dense(x, 4)
out["b"] = L.dense(x, 4, activation=tf.nn.relu)
out["c"] = L.dense(out["b"], 3, use_bias=False, name="proj")
"""),
    "dense_functional_reuse": dict(inputs=X, body="""
out["a"] = L.dense(x, 4, name="fc")
out["b"] = L.dense(x * 2.0, 4, name="fc", reuse=True)
with V.variable_scope("tower", reuse=V.AUTO_REUSE):
    out["c"] = L.dense(x, 2, name="head")
with V.variable_scope("tower", reuse=V.AUTO_REUSE):
    out["d"] = L.dense(x + 1.0, 2, name="head")
"""),
    "dense_same_name_twice_raises": dict(inputs=X, body="""
L.dense(x, 4, name="fc")
L.dense(x, 4, name="fc")
"""),
    "dense_reuse_missing_raises": dict(inputs=X, body="""
L.dense(x, 4, name="nothing_here", reuse=True)
"""),
    "dense_in_scopes": dict(inputs=X, body="""
with V.variable_scope("enc"):
    h = L.dense(x, 4)
    out["a"] = L.dense(h, 4)
with V.variable_scope("enc", reuse=True):
    out["b"] = L.dense(x, 4)
with V.variable_scope("dec") as dec:
    out["c"] = L.dense(x, 2)
with V.variable_scope(dec, reuse=True):
    out["d"] = L.dense(x, 2)
with V.variable_scope(None, default_name="block"):
    out["e"] = L.dense(x, 2)
with V.variable_scope(None, default_name="block"):
    out["f"] = L.dense(x, 2)
"""),
    "dense_default_name_after_user_scope": dict(inputs=X, body="""
with V.variable_scope("dense"):
    V.get_variable("w", [1])
out["a"] = L.dense(x, 2)
out["b"] = L.dense(x, 2)
"""),
    "dense_objects": dict(inputs=X, body="""
shared = L.Dense(4, name="shared")
out["a"] = shared(x)
out["b"] = shared(x * 2.0)
out["c"] = L.Dense(3)(x)
out["d"] = L.Dense(3)(x)
out["e"] = L.Dense(3, name="shared")(x)
with V.variable_scope("outer"):
    inner = L.Dense(2)
    out["f"] = inner(x)
out["g"] = inner(x)
"""),
    "dense_rank3": dict(inputs={"x": {"shape": [2, 5, 3], "batch_none": True}}, body="""
out["a"] = L.dense(x, 4, activation=tf.tanh)
"""),
    "dense_float64": dict(inputs={"x": {"shape": [2, 3], "dtype": "float64"}}, body="""
out["a"] = L.dense(x, 4)
"""),
    "dense_regularizers": dict(inputs=X, body="""
out["a"] = L.dense(x, 4, kernel_regularizer=lambda w: 0.1 * tf.reduce_sum(tf.square(w)),
                   bias_regularizer=lambda b: tf.reduce_sum(b),
                   bias_initializer=tf.compat.v1.ones_initializer())
out["b"] = L.dense(x, 4, name="fc", kernel_regularizer=lambda w: tf.reduce_sum(w))
out["c"] = L.dense(x, 4, name="fc", reuse=True, kernel_regularizer=lambda w: tf.reduce_sum(w))
"""),
    "dense_scope_regularizer": dict(inputs=X, body="""
with V.variable_scope("s", regularizer=lambda w: tf.reduce_sum(tf.abs(w))):
    out["a"] = L.dense(x, 2)
"""),
    # TF1 adds two losses for the kernel (scope's via get_variable, layer's on top); the
    # store keeps one regularizer per variable, their sum: same total, one loss fewer.
    "dense_scope_and_layer_regularizer": dict(inputs=X, store_reg_count=2, body="""
with V.variable_scope("s", regularizer=lambda w: tf.reduce_sum(w)):
    out["a"] = L.dense(x, 2, kernel_regularizer=lambda w: 2.0 * tf.reduce_sum(tf.square(w)))
"""),
    "dense_activity_regularizer": dict(inputs=XB, activity_losses=True, body="""
out["a"] = L.dense(x, 3, activity_regularizer=lambda a: tf.reduce_sum(tf.square(a)))
"""),
    "dense_scope_initializer": dict(inputs=X, deterministic_init=True, body="""
with V.variable_scope("s", initializer=tf.compat.v1.constant_initializer(0.5)):
    out["a"] = L.dense(x, 2)
    out["b"] = L.dense(x, 2, kernel_initializer=tf.compat.v1.constant_initializer(-1.0),
                       bias_initializer=tf.compat.v1.constant_initializer(0.25))
"""),
    "dense_string_arguments": dict(inputs=X, deterministic_init=True, body="""
out["a"] = L.dense(x, 2, activation="relu", kernel_initializer="ones")
out["b"] = L.dense(x, 2, activation="tanh", kernel_initializer="zeros", bias_initializer="ones")
"""),
    "dense_not_trainable": dict(inputs=X, body="""
out["a"] = L.dense(x, 2, trainable=False)
out["b"] = L.Dense(2, trainable=False)(x)
"""),
    "dense_scope_dtype_and_custom_getter": dict(inputs=X, body="""
def getter(getter, name, *args, **kwargs):
    return getter(name + "_g", *args, **kwargs)
with V.variable_scope("cg", custom_getter=getter):
    out["a"] = L.dense(x, 2)
"""),
    "dropout_inference": dict(inputs=XB, body="""
out["a"] = L.dropout(x, 0.5)
out["b"] = L.dropout(x, 0.5, training=False)
out["c"] = L.Dropout(0.3)(x)
out["d"] = L.dropout(x, 0.0, training=True)
"""),
    "dropout_training_seeded": dict(inputs={"x": {"shape": [4, 50]}}, random=True, body="""
out["a"] = L.dropout(x, 0.5, training=True, seed=3)
d = L.Dropout(0.25, seed=7)
out["b"] = d(x, training=True)
out["c"] = d(x, training=True)
out["n"] = L.dropout(x, 0.5, noise_shape=[4, 1], training=True, seed=11)
"""),
    "dropout_tensor_training": dict(inputs={"x": {"shape": [4, 50]}, "t": {"bool": True},
                                            "f": {"bool": False}}, random=True, body="""
out["a"] = L.dropout(x, 0.5, training=t, seed=5)
out["b"] = L.dropout(x, 0.5, training=f, seed=5)
"""),
    "flatten": dict(inputs={"x": {"shape": [2, 3, 4, 5], "batch_none": True}}, body="""
out["a"] = L.flatten(x)
out["b"] = L.flatten(x, data_format="channels_first")
out["c"] = L.Flatten()(x)
out["d"] = L.dense(L.flatten(x), 2)
"""),
    # Layer object names are per graph (TF1: first unnamed object "dense_1", scope "dense").
    "layer_object_names": dict(inputs=X, store=False, body="""
a, b, c = L.Dense(2), L.Dense(2), L.Dense(2, name="named")
out["a"] = a(x)
out["names"] = tf.constant([a.name, b.name, c.name, a.scope_name, L.MaxPooling1D(2, 2).name])
"""),
    "custom_layer_subclass": dict(inputs=X, body="""
class ScaleShift(L.Layer):
    def build(self, input_shape):
        self.w = self.add_weight("w", [int(input_shape[-1])],
                                 initializer=tf.compat.v1.constant_initializer(1.5),
                                 regularizer=lambda w: tf.reduce_sum(w))
        self.s = self.add_variable("s", [], initializer=tf.compat.v1.ones_initializer(),
                                   trainable=False)
        super().build(input_shape)

    def call(self, inputs):
        return inputs * self.w + self.s

layer = ScaleShift()
out["a"] = layer(x)
out["b"] = layer(x * 2.0)
out["c"] = ScaleShift(name="named")(x)
out["d"] = ScaleShift()(x, scope="by_call")
out["e"] = layer.apply(x)
"""),
    "flatten_rank1": dict(inputs={"x": {"shape": [3]}}, body="""
out["a"] = L.flatten(x)
"""),
}

oracle, test_graph_mode_matches_tf1, test_eager_matches_tf1, test_tf_function_matches_tf1 = \
    harness.differential_tests(PROGRAMS)
