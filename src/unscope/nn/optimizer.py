"""`Optimizer`: the base of `unscope.nn`'s TF1-exact optimizers (a plain `tf.Module`).

It follows `tf.compat.v1.train.Optimizer.apply_gradients` step by step: slots are created
on the first apply (for the variables that got a gradient), hyperparameters (a number, a
tensor, or a callable such as an `unscope.nn.schedules` schedule) are read once per apply,
every variable is updated with TF1's own kernels (`tf.raw_ops.ResourceApply*`), sparse
gradients (`tf.IndexedSlices`, from `tf.gather` / embedding lookups) are summed over
duplicate indices and applied as TF1 applied them, then the optimizer's own state
(Adam's `beta1_power`) is updated, then `global_step` is incremented.

Slot variables are named as TF1 named them (`model/w/Adam`, `model/w/Adam_1`) and held in
the dict attribute `tf1_variables`, keyed by TF1 name, so under
`tf.train.Checkpoint(optimizer=opt)` the slot `model/w/Adam` is stored as
`optimizer/tf1_variables/model.Sw.SAdam/.ATTRIBUTES/VARIABLE_VALUE` (the same layout as
`unscope.track` modules use for their variables).

Needs only TensorFlow and the standard library (vendored with `unscope.nn`).
"""
from __future__ import annotations

import re

import tensorflow as tf

from .module import identifier
from .variables import get_initializer

__all__ = ["Optimizer"]


class _SlotIndex:
    """Slots by primary variable; a plain object, so `tf.Module` neither tracks nor wraps it."""

    def __init__(self):
        self.by_ref = {}  # var.ref() -> {kind: slot variable}
        self.primaries = {}  # var.ref() -> the primary variable


class Optimizer(tf.Module):
    """TF1's `Optimizer` flow on TF2 variables; subclasses say what a slot is and how to update.

        opt = unscope.nn.Adam(0.001)
        with tf.GradientTape() as tape:
            loss = loss_fn()
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables), global_step=step)

    Subclasses set `slot_kinds` (in TF1's creation order: the first slot is named
    `<var>/<name>`, the next ones `<var>/<name>_1`, ...) and implement `_slot_initial`,
    `_apply_dense` and `_apply_sparse` (and `_create_non_slots` / `_finish` for state of their
    own). `hyper` is the dict `_prepare` returns: each hyperparameter as a tensor.
    """

    slot_kinds = ()
    sums_duplicate_indices = True  # TF1's default; GradientDescent scatter-adds them as they are

    def __init__(self, learning_rate, use_locking=False, name="Optimizer"):
        if not name:
            raise ValueError("Must specify the optimizer name")
        super().__init__(name=identifier(name))
        self._tf1_name = str(name)
        self._use_locking = bool(use_locking)
        self._hyper = {"learning_rate": learning_rate}
        self._index = _SlotIndex()
        self.tf1_variables = {}

    @property
    def tf1_name(self):
        """The `name=` TF1 slot names are made of ("Adam" in `model/w/Adam`)."""
        return self._tf1_name

    # -- public API --------------------------------------------------------------------------

    def minimize(self, loss, var_list, global_step=None, tape=None):
        """Compute gradients of `loss` (a callable, or a tensor with `tape`) and apply them.

            loss = opt.minimize(lambda: tf.reduce_mean(tf.square(model(x) - y)),
                                model.trainable_variables, global_step=step)

        Returns the loss value.
        """
        var_list = list(var_list() if callable(var_list) else var_list)
        if callable(loss):
            with tf.GradientTape() as tape:
                value = loss()
        elif tape is None:
            raise ValueError("`tape` is required when a `Tensor` loss is passed; pass the loss "
                             "as a callable: opt.minimize(lambda: loss_fn(), var_list)")
        else:
            value = loss
        grads = tape.gradient(value, var_list)
        self.apply_gradients(zip(grads, var_list), global_step=global_step)
        return value

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        """Apply `(gradient, variable)` pairs as TF1 did; then increment `global_step` by one.

        Gradients may be tensors, `tf.IndexedSlices` or None (that variable is skipped).
        """
        del name  # kept for TF1's signature; eagerly there is no op to name
        pairs = []
        for grad, var in tuple(grads_and_vars):
            if grad is not None and not isinstance(grad, tf.IndexedSlices):
                grad = tf.convert_to_tensor(grad)
            if not isinstance(var, tf.Variable):
                raise TypeError(f"apply_gradients: {var!r} is not a tf.Variable")
            pairs.append((grad, var))
        if not pairs:
            raise ValueError("No variables provided.")
        var_list = [var for grad, var in pairs if grad is not None]
        if not var_list:
            raise ValueError("No gradients provided for any variable: %s."
                             % ([str(var) for _, var in pairs],))
        self.build(var_list)
        hyper = self._prepare()
        for grad, var in pairs:
            if grad is None:
                continue
            if isinstance(grad, tf.IndexedSlices):
                if var.constraint is not None:
                    raise RuntimeError("Cannot use a constraint function on a sparse variable.")
                values, indices = grad.values, grad.indices
                if self.sums_duplicate_indices:
                    values, indices = self._deduplicate(values, indices)
                self._apply_sparse(values, var, indices, hyper)
            else:
                self._apply_dense(grad, var, hyper)
                if var.constraint is not None:
                    var.assign(var.constraint(var))
        self._finish(hyper)
        if global_step is not None:
            global_step.assign_add(tf.constant(1, global_step.dtype))

    def build(self, var_list):
        """Create the slots of `var_list` now (TF1 made them on the first apply).

        Needed before restoring a checkpoint into the optimizer by object; `unscope.restore`
        calls it for the model's trainable variables.
        """
        var_list = list(var_list)
        if var_list and not self.tf1_variables:
            self._create_non_slots(var_list)
        for var in var_list:
            if var.ref() in self._index.by_ref:
                continue
            slots = {}
            for i, kind in enumerate(self.slot_kinds):
                slots[kind] = self._make_slot(var, kind, self._slot_name(var, i))
            self._index.by_ref[var.ref()] = slots
            self._index.primaries[var.ref()] = var

    def get_slot(self, var, name):
        """The slot `name` ("m", "v", "momentum", ...) of `var`, or None (TF1's `get_slot`).

        The kinds are `slot_kinds`.  (There is deliberately no `get_slot_names`: TensorFlow's
        checkpointing would take the optimizer for a Keras one and save slots its own way.)
        """
        return self._index.by_ref.get(var.ref(), {}).get(name)

    def slots(self):
        """`(primary variable, kind, slot variable)` for every slot, in creation order."""
        return [(self._index.primaries[ref], kind, slot)
                for ref, slots in self._index.by_ref.items() for kind, slot in slots.items()]

    def non_slot_variables(self):
        """The optimizer's own variables (Adam's `beta1_power`, `beta2_power`)."""
        in_slots = {id(slot) for _, _, slot in self.slots()}
        return [v for v in self.tf1_variables.values() if id(v) not in in_slots]

    # -- what subclasses build on --------------------------------------------------------------

    def _prepare(self):
        """Each hyperparameter as a tensor; callables (schedules) are called now, once."""
        hyper = {}
        for key, value in self._hyper.items():
            value = value() if callable(value) else value
            hyper[key] = tf.convert_to_tensor(value, name=key)
        return hyper

    def _create_non_slots(self, var_list):
        pass

    def _finish(self, hyper):
        pass

    def _slot_initial(self, kind):
        return "zeros"

    def _apply_dense(self, grad, var, hyper):
        raise NotImplementedError

    def _apply_sparse(self, grad, var, indices, hyper):
        raise NotImplementedError

    # -- helpers -------------------------------------------------------------------------------

    def _slot_name(self, var, i):
        suffix = self._tf1_name if i == 0 else f"{self._tf1_name}_{i}"
        return f"{_tf1_name(var)}/{suffix}"

    def _make_slot(self, var, kind, name):
        if name in self.tf1_variables:
            raise ValueError(f"slot {name!r} exists already: two variables named "
                             f"{_tf1_name(var)!r}; give each variable a distinct name")
        dtype = var.dtype.base_dtype
        initializer = get_initializer(self._slot_initial(kind))
        shape = var.shape.as_list()
        slot = _state_variable(name, lambda: initializer(shape, dtype=dtype), var)
        self.tf1_variables[name] = slot
        return slot

    def _add_non_slot(self, name, initial_value, colocate_with):
        if name not in self.tf1_variables:
            self.tf1_variables[name] = _state_variable(
                name, lambda: tf.constant(initial_value), colocate_with)
        return self.tf1_variables[name]

    @staticmethod
    def _deduplicate(values, indices):
        """Sum the values of repeated indices (TF1's `_deduplicate_indexed_slices`)."""
        unique, positions = tf.unique(indices)
        summed = tf.math.unsorted_segment_sum(values, positions, tf.shape(unique)[0])
        return summed, unique

    @staticmethod
    def _cast(hyper, key, var):
        return tf.cast(hyper[key], var.dtype.base_dtype)


def _state_variable(name, make_value, colocate_with):
    """A non-trainable variable named exactly `name`, made eagerly even inside a `tf.function`.

    `init_scope` lifts creation out of the function's graph; without lifting (TensorFlow's
    `experimental_enable_variable_lifting=False`) `tf.function` does not count it as a
    variable the function made, so a train step creating slots on its first call is traced
    once, not twice.
    """
    with tf.init_scope(), tf.name_scope(""), tf.device(colocate_with.device):
        return tf.Variable(make_value, name=name, trainable=False,
                           experimental_enable_variable_lifting=False)


def _tf1_name(var):
    return re.sub(r":\d+$", "", var.name)
