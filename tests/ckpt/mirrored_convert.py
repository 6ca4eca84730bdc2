"""Run in its own process (logical devices are fixed before TensorFlow starts): convert a TF1
checkpoint into a track module built under MirroredStrategy over two logical CPUs."""
import sys

import numpy as np
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)

import unscope  # noqa: E402

from tests.ckpt import models  # noqa: E402


def main(work: str) -> None:
    values, output = models.make_tf1_checkpoint(f"{work}/tf1/model.ckpt")
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    with strategy.scope():
        model = unscope.track(models.tiny)
        strategy.run(model, args=(models.IDS, models.X))
    assert all(len(v.values) == 2 for v in model.variables), "not mirrored"
    report = unscope.convert_checkpoint(f"{work}/tf1/model.ckpt", f"{work}/tf2/model", model)
    assert not report.problems
    for variable in model.variables:  # every replica holds the converted value
        first, second = (v.numpy() for v in variable.values)
        np.testing.assert_array_equal(first, second)
    for name, value in models.values_of(model).items():
        np.testing.assert_array_equal(value, values[name])
    fresh = unscope.track(models.tiny)  # restores without the strategy, too
    fresh(models.IDS, models.X)
    tf.train.Checkpoint(model=fresh).read(f"{work}/tf2/model").assert_consumed()
    np.testing.assert_allclose(fresh(models.IDS, models.X), output, rtol=1e-5, atol=1e-6)
    print("mirrored conversion ok")


if __name__ == "__main__":
    main(sys.argv[1])
