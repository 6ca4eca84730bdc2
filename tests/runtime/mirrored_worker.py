"""Subprocess body for test_distribute: two logical CPUs, MirroredStrategy."""
import json

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

import unscope  # noqa: E402


def model_fn(x):
    with unscope.variable_scope("tower", reuse=unscope.AUTO_REUSE,
                                regularizer=lambda v: 0.01 * tf.reduce_sum(v * v)):
        w = unscope.get_variable("w", [3, 2], initializer=tf.compat.v1.constant_initializer(0.5))
        return tf.reduce_sum(tf.tanh(x @ w))


x = tf.constant(np.arange(8 * 3, dtype=np.float32).reshape(8, 3) / 10)
strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
with strategy.scope():
    model = unscope.track(model_fn)
    model(x[:1])
dist_x = strategy.experimental_distribute_values_from_function(
    lambda ctx: x[ctx.replica_id_in_sync_group * 4:(ctx.replica_id_in_sync_group + 1) * 4])


@tf.function
def step(inputs):
    with tf.GradientTape() as tape:
        loss = model(inputs) + tf.add_n(model.regularization_losses)
    return loss, tape.gradient(loss, model.trainable_variables)


loss, grads = strategy.run(step, args=(dist_x,))
total_loss = strategy.reduce("SUM", loss, axis=None)
total_grad = strategy.reduce("SUM", grads[0], axis=None)

single = unscope.track(model_fn)
with tf.GradientTape() as tape:
    ref = single(x[:4]) + single(x[4:]) + 2 * tf.add_n(single.regularization_losses)
ref_grad = tape.gradient(ref, single.trainable_variables)[0]
print(json.dumps({
    "names": [v.name for v in model.variables],
    "mirrored": all(isinstance(v, tf.distribute.DistributedValues) for v in model.variables),
    "replicas": strategy.num_replicas_in_sync,
    "loss": float(total_loss), "ref_loss": float(ref),
    "grad_err": float(tf.reduce_max(tf.abs(total_grad - ref_grad))),
}))
