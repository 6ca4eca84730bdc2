"""TF1's optimizers as `tf.Module`s: the same update, slots and slot names as `tf.compat.v1.train`.

    step = unscope.nn.create_global_step()
    lr = unscope.nn.schedules.exponential_decay(0.1, step, 1000, 0.96, staircase=True)
    opt = unscope.nn.Momentum(lr, momentum=0.9)

    @tf.function
    def train_step(x, y):
        return opt.minimize(lambda: loss_fn(x, y), model.trainable_variables, global_step=step)

Each class takes TF1's arguments with TF1's defaults. Dense updates run TF1's own kernels
(`tf.raw_ops.ResourceApplyAdam`, ...), sparse ones TF1's sparse kernels or, for Adam, TF1's
composition of ops (every row of `m`, `v` and the variable moves, as in TF1). Why not Keras:
Keras' `SGD(momentum=)` scales the velocity by the learning rate of the step it was made in
(TF1 by the current one: they part under a decaying rate), Keras' `RMSprop` starts its mean
square at 0 (TF1 at 1) and puts epsilon elsewhere, Keras' `Adagrad` adds an epsilon, and none
of them names slots as TF1 did, so TF1 checkpoints would not restore.
"""
from __future__ import annotations

import tensorflow as tf

from .optimizer import Optimizer

__all__ = ["Adagrad", "Adam", "GradientDescent", "Momentum", "RMSProp"]


class GradientDescent(Optimizer):
    """`tf.compat.v1.train.GradientDescentOptimizer`: `var -= learning_rate * grad`."""

    sums_duplicate_indices = False  # TF1 scatter-adds every row as it comes

    def __init__(self, learning_rate, use_locking=False, name="GradientDescent"):
        super().__init__(learning_rate, use_locking, name)

    def _apply_dense(self, grad, var, hyper):
        tf.raw_ops.ResourceApplyGradientDescent(
            var=var.handle, alpha=self._cast(hyper, "learning_rate", var), delta=grad,
            use_locking=self._use_locking)

    def _apply_sparse(self, grad, var, indices, hyper):
        tf.raw_ops.ResourceScatterAdd(resource=var.handle, indices=indices,
                                      updates=-grad * self._cast(hyper, "learning_rate", var))


class Momentum(Optimizer):
    """`tf.compat.v1.train.MomentumOptimizer`.

    `accum = momentum * accum + grad; var -= learning_rate * accum` (Nesterov:
    `var -= learning_rate * (grad + momentum * accum)`), with the *current* learning rate.
    Slot: `<var>/Momentum`.
    """

    slot_kinds = ("momentum",)

    def __init__(self, learning_rate, momentum, use_locking=False, name="Momentum",
                 use_nesterov=False):
        super().__init__(learning_rate, use_locking, name)
        self._hyper["momentum"] = momentum
        self._use_nesterov = bool(use_nesterov)

    def _apply_dense(self, grad, var, hyper):
        tf.raw_ops.ResourceApplyMomentum(
            var=var.handle, accum=self.get_slot(var, "momentum").handle,
            lr=self._cast(hyper, "learning_rate", var), grad=grad,
            momentum=self._cast(hyper, "momentum", var), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov)

    def _apply_sparse(self, grad, var, indices, hyper):
        tf.raw_ops.ResourceSparseApplyMomentum(
            var=var.handle, accum=self.get_slot(var, "momentum").handle,
            lr=self._cast(hyper, "learning_rate", var), grad=grad, indices=indices,
            momentum=self._cast(hyper, "momentum", var), use_locking=self._use_locking,
            use_nesterov=self._use_nesterov)


class Adam(Optimizer):
    """`tf.compat.v1.train.AdamOptimizer` (epsilon "hat": added to `sqrt(v)`, after the bias
    correction folded into the learning rate).

    Slots `<var>/Adam` (m) and `<var>/Adam_1` (v); the optimizer's own `beta1_power` and
    `beta2_power` start at `beta1`, `beta2` and are multiplied by them after each apply.
    """

    slot_kinds = ("m", "v")

    def __init__(self, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-8,
                 use_locking=False, name="Adam"):
        super().__init__(learning_rate, use_locking, name)
        self._hyper.update(beta1=beta1, beta2=beta2, epsilon=epsilon)

    def _create_non_slots(self, var_list):
        first = min(var_list, key=lambda v: v.name)
        for key, name in (("beta1", "beta1_power"), ("beta2", "beta2_power")):
            value = self._hyper[key]
            self._add_non_slot(name, value() if callable(value) else value, first)

    def _beta_powers(self, var):
        return (tf.cast(self.tf1_variables["beta1_power"], var.dtype.base_dtype),
                tf.cast(self.tf1_variables["beta2_power"], var.dtype.base_dtype))

    def _apply_dense(self, grad, var, hyper):
        beta1_power, beta2_power = self._beta_powers(var)
        tf.raw_ops.ResourceApplyAdam(
            var=var.handle, m=self.get_slot(var, "m").handle, v=self.get_slot(var, "v").handle,
            beta1_power=beta1_power, beta2_power=beta2_power,
            lr=self._cast(hyper, "learning_rate", var), beta1=self._cast(hyper, "beta1", var),
            beta2=self._cast(hyper, "beta2", var), epsilon=self._cast(hyper, "epsilon", var),
            grad=grad, use_locking=self._use_locking)

    def _apply_sparse(self, grad, var, indices, hyper):
        # TF1's AdamOptimizer._apply_sparse_shared, op for op.
        beta1_power, beta2_power = self._beta_powers(var)
        lr_t = self._cast(hyper, "learning_rate", var)
        beta1_t, beta2_t = self._cast(hyper, "beta1", var), self._cast(hyper, "beta2", var)
        epsilon_t = self._cast(hyper, "epsilon", var)
        lr = lr_t * tf.sqrt(1 - beta2_power) / (1 - beta1_power)
        m, v = self.get_slot(var, "m"), self.get_slot(var, "v")
        m.assign(m * beta1_t)
        tf.raw_ops.ResourceScatterAdd(resource=m.handle, indices=indices, updates=grad * (1 - beta1_t))
        m_t = m.value()
        v.assign(v * beta2_t)
        tf.raw_ops.ResourceScatterAdd(resource=v.handle, indices=indices,
                                      updates=(grad * grad) * (1 - beta2_t))
        v_t = v.value()
        var.assign_sub(lr * m_t / (tf.sqrt(v_t) + epsilon_t))

    def _finish(self, hyper):
        for key, name in (("beta1", "beta1_power"), ("beta2", "beta2_power")):
            power = self.tf1_variables[name]
            power.assign(power * hyper[key])


class RMSProp(Optimizer):
    """`tf.compat.v1.train.RMSPropOptimizer`.

    `ms` starts at 1.0 (`<var>/RMSProp`); centered adds `mg` (`<var>/RMSProp_1`); the momentum
    slot is always made, also for `momentum=0` (`<var>/RMSProp_1`, or `_2` when centered).
    """

    def __init__(self, learning_rate, decay=0.9, momentum=0.0, epsilon=1e-10, use_locking=False,
                 centered=False, name="RMSProp"):
        super().__init__(learning_rate, use_locking, name)
        self._hyper.update(decay=decay, momentum=momentum, epsilon=epsilon)
        self._centered = bool(centered)

    @property
    def slot_kinds(self):
        return ("rms", "mg", "momentum") if self._centered else ("rms", "momentum")

    def _slot_initial(self, kind):
        return "ones" if kind == "rms" else "zeros"

    def _args(self, var, hyper):
        return dict(var=var.handle, ms=self.get_slot(var, "rms").handle,
                    mom=self.get_slot(var, "momentum").handle,
                    lr=self._cast(hyper, "learning_rate", var), rho=self._cast(hyper, "decay", var),
                    momentum=self._cast(hyper, "momentum", var),
                    epsilon=self._cast(hyper, "epsilon", var), use_locking=self._use_locking)

    def _apply_dense(self, grad, var, hyper):
        if self._centered:
            tf.raw_ops.ResourceApplyCenteredRMSProp(mg=self.get_slot(var, "mg").handle, grad=grad,
                                                    **self._args(var, hyper))
        else:
            tf.raw_ops.ResourceApplyRMSProp(grad=grad, **self._args(var, hyper))

    def _apply_sparse(self, grad, var, indices, hyper):
        if self._centered:
            tf.raw_ops.ResourceSparseApplyCenteredRMSProp(
                mg=self.get_slot(var, "mg").handle, grad=grad, indices=indices, **self._args(var, hyper))
        else:
            tf.raw_ops.ResourceSparseApplyRMSProp(grad=grad, indices=indices, **self._args(var, hyper))


class Adagrad(Optimizer):
    """`tf.compat.v1.train.AdagradOptimizer`: `acc += grad**2; var -= lr * grad / sqrt(acc)`.

    Slot `<var>/Adagrad`, starting at `initial_accumulator_value` (0.1); no epsilon.
    """

    slot_kinds = ("accumulator",)

    def __init__(self, learning_rate, initial_accumulator_value=0.1, use_locking=False,
                 name="Adagrad"):
        if initial_accumulator_value <= 0.0:
            raise ValueError("initial_accumulator_value must be positive: %s"
                             % initial_accumulator_value)
        super().__init__(learning_rate, use_locking, name)
        self._initial_accumulator_value = initial_accumulator_value

    def _slot_initial(self, kind):
        value = self._initial_accumulator_value
        return lambda shape, dtype: tf.fill(shape, tf.constant(value, dtype))

    def _apply_dense(self, grad, var, hyper):
        tf.raw_ops.ResourceApplyAdagrad(
            var=var.handle, accum=self.get_slot(var, "accumulator").handle,
            lr=self._cast(hyper, "learning_rate", var), grad=grad, use_locking=self._use_locking)

    def _apply_sparse(self, grad, var, indices, hyper):
        tf.raw_ops.ResourceSparseApplyAdagrad(
            var=var.handle, accum=self.get_slot(var, "accumulator").handle,
            lr=self._cast(hyper, "learning_rate", var), grad=grad, indices=indices,
            use_locking=self._use_locking)
