"""TF1 zoo: a hand-written optimizer (2018 style: a tf.train.Optimizer subclass for ref
variables) - momentum with a velocity slot per variable and a non-slot power accumulator that
shrinks every step's rate - training an embedding (sparse gradients) and a dense head.

    python user_optimizer_power.py CKPT_DIR STEPS [RESTORE_FROM]
"""
import os
import sys

import numpy as np
import tensorflow as tf


class PowerMomentum(tf.train.Optimizer):
    """Momentum whose learning rate is multiplied by ``decay`` after every step."""

    def __init__(self, learning_rate, momentum=0.9, decay=0.9, use_locking=False,
                 name="PowerMomentum"):
        super(PowerMomentum, self).__init__(use_locking, name)
        self._lr = learning_rate
        self._momentum = momentum
        self._decay = decay

    def _create_slots(self, var_list):
        first_var = min(var_list, key=lambda x: x.name)
        self._create_non_slot_variable(initial_value=1.0, name="decay_power",
                                       colocate_with=first_var)
        for v in var_list:
            self._zeros_slot(v, "velocity", self._name)

    def _prepare(self):
        self._lr_t = tf.convert_to_tensor(self._lr, name="learning_rate")
        self._momentum_t = tf.convert_to_tensor(self._momentum, name="momentum")

    def _decay_power(self):
        return self._get_non_slot_variable("decay_power", graph=tf.get_default_graph())

    def _apply_dense(self, grad, var):
        lr = tf.cast(self._lr_t, var.dtype.base_dtype) * self._decay_power()
        velocity = self.get_slot(var, "velocity")
        velocity_t = tf.assign(velocity, self._momentum_t * velocity + grad,
                               use_locking=self._use_locking)
        var_update = tf.assign_sub(var, lr * velocity_t, use_locking=self._use_locking)
        return tf.group(var_update, velocity_t)

    def _apply_sparse(self, grad, var):
        lr = tf.cast(self._lr_t, var.dtype.base_dtype) * self._decay_power()
        velocity = self.get_slot(var, "velocity")
        rows = tf.gather(velocity, grad.indices) * self._momentum_t + grad.values
        velocity_t = tf.scatter_update(velocity, grad.indices, rows,
                                       use_locking=self._use_locking)
        var_update = tf.scatter_sub(var, grad.indices, lr * rows,
                                    use_locking=self._use_locking)
        return tf.group(var_update, velocity_t)

    def _finish(self, update_ops, name_scope):
        with tf.control_dependencies(update_ops):
            power = self._decay_power()
            with tf.colocate_with(power):
                update_power = power.assign(power * self._decay, use_locking=self._use_locking)
        return tf.group(*update_ops + [update_power], name=name_scope)


def scorer(ids, features):
    with tf.variable_scope("scorer"):
        embedding = tf.get_variable("embedding", [12, 4])
        w = tf.get_variable("w", [4, 1])
        b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
        hidden = tf.tanh(tf.gather(embedding, ids) + features)
        return tf.matmul(hidden, w) + b


def main(argv):
    ckpt_dir, steps = argv[1], int(argv[2])
    ids = tf.placeholder(tf.int32, [None], name="ids")
    features = tf.placeholder(tf.float32, [None, 4], name="features")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    prediction = scorer(ids, features)
    loss = tf.reduce_mean(tf.square(prediction - y))
    global_step = tf.train.get_or_create_global_step()
    optimizer = PowerMomentum(0.2, momentum=0.8, decay=0.95)
    train_op = optimizer.minimize(loss, global_step=global_step)
    saver = tf.train.Saver()
    rng = np.random.RandomState(3)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        if len(argv) > 3:
            saver.restore(sess, argv[3])
        for _ in range(steps):
            idb = rng.randint(0, 12, size=8).astype(np.int32)
            fb = rng.randn(8, 4).astype(np.float32)
            yb = (fb.sum(axis=1, keepdims=True) + 0.1 * idb[:, None]).astype(np.float32)
            _, loss_value = sess.run([train_op, loss], {ids: idb, features: fb, y: yb})
            print("loss", loss_value)
        print("step", sess.run(global_step))
        saver.save(sess, os.path.join(ckpt_dir, "model"), global_step=global_step)


if __name__ == "__main__":
    main(sys.argv)
