"""``restore`` into a ``tf.compat.v1.train.Optimizer`` whose slots do not exist yet (TF2 makes
them on the first apply): it makes them first, as TF1's minimize() had, then fills them; a
checkpoint of the same objects written by ``CheckpointManager.save`` restores too."""
import numpy as np
import tensorflow as tf

from unscope import nn
from unscope.program import restore


class Accumulating(tf.compat.v1.train.Optimizer):
    def __init__(self, name="Accumulating"):
        super().__init__(False, name)

    def _create_slots(self, var_list):
        self._create_non_slot_variable(initial_value=1.0, name="power", colocate_with=var_list[0])
        for v in var_list:
            self._zeros_slot(v, "sum", self._name)

    def _resource_apply_dense(self, grad, var):
        total = self.get_slot(var, "sum")
        total.assign_add(grad)
        return var.assign_sub(0.1 * self._get_non_slot_variable("power") * total)

    def _finish(self, update_ops, name_scope):
        power = self._get_non_slot_variable("power")
        return tf.group(*update_ops, power.assign(power * 0.5))


class Net(nn.Module):
    def __init__(self):
        super().__init__(name="net")
        self.w = nn.variable("net/w", [2], initializer=tf.ones_initializer())


def _train(model, optimizer, step, times):
    for _ in range(times):
        optimizer.apply_gradients([(tf.constant([1.0, 2.0]), model.w)], global_step=step)


def test_slots_made_before_restore_then_filled(tmp_path):
    model, optimizer, step = Net(), Accumulating(), nn.create_global_step()
    _train(model, optimizer, step, 3)
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer, global_step=step)
    path = tf.train.CheckpointManager(checkpoint, str(tmp_path), max_to_keep=1).save()
    again, fresh, again_step = Net(), Accumulating(), nn.create_global_step()
    assert not fresh.variables()  # lazily made: nothing to restore into yet
    restore(path, model=again, optimizer=fresh, step=again_step)
    np.testing.assert_array_equal(fresh.get_slot(again.w, "sum").numpy(),
                                  optimizer.get_slot(model.w, "sum").numpy())
    power = optimizer._get_non_slot_variable("power").numpy()
    assert fresh._get_non_slot_variable("power").numpy() == power != 1.0  # moved, then restored
    _train(model, optimizer, step, 2)
    _train(again, fresh, again_step, 2)  # resumes: the same updates
    np.testing.assert_array_equal(again.w.numpy(), model.w.numpy())
    assert int(again_step.numpy()) == int(step.numpy()) == 5
