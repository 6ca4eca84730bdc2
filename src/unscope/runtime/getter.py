"""``get_variable``: TF1's lookup-or-create, on unscope's store in eager/tf.function."""
from __future__ import annotations

import inspect

import tensorflow as tf

_no_autograph = tf.autograph.experimental.do_not_convert

from unscope.runtime import capture as _capture
from unscope.runtime import initializers as _init
from unscope.runtime import names as _names
from unscope.runtime import partitioned as _part
from unscope.runtime.scope import AUTO_REUSE, current_binding

GraphKeys = tf.compat.v1.GraphKeys
_AUTO = tf.VariableSynchronization.AUTO
_NONE = tf.VariableAggregation.NONE

_DEFAULT_STORE_HINT = (
    " (unscope: outside `unscope.track` the eager default store keeps TF1 graph semantics "
    "for the whole process, so building a model twice creates its variables twice; wrap the "
    "model function with `model = unscope.track(fn)` and call `model(...)`, so that every call "
    "reuses the variables of the first, or call `unscope.reset_default_store()`.)")


def _already_exists(binding, name):
    msg = (f"Variable {name} already exists, disallowed. Did you mean to set reuse=True or "
           "reuse=tf.AUTO_REUSE in VarScope?")
    return ValueError(msg + (_DEFAULT_STORE_HINT if binding.default else ""))


def _does_not_exist(name):
    return ValueError(f"Variable {name} does not exist, or was not created with tf.get_variable(). "
                      "Did you mean to set reuse=tf.AUTO_REUSE in VarScope?")


@_no_autograph
def get_variable(binding, name, shape=None, dtype=tf.float32, initializer=None, regularizer=None,
                 reuse=None, trainable=None, collections=None, caching_device=None,
                 partitioner=None, validate_shape=True, use_resource=None, custom_getter=None,
                 constraint=None, synchronization=_AUTO, aggregation=_NONE):
    """Store-level get_variable (TF1 ``_VariableStore.get_variable``) for a full name."""
    if custom_getter is not None and not callable(custom_getter):
        raise ValueError(f"Passed a custom_getter which is not callable: {custom_getter}")
    try:
        dtype = tf.as_dtype(dtype).base_dtype
    except TypeError:
        pass
    if synchronization == tf.VariableSynchronization.ON_READ:
        if trainable:
            raise ValueError("Synchronization value can be set to VariableSynchronization.ON_READ "
                             f"only for non-trainable variables. You have specified trainable=True "
                             f"and synchronization=VariableSynchronization.ON_READ for variable {name}.")
        trainable = False
    elif trainable is None:
        trainable = True

    def true_getter(name, shape=None, dtype=tf.float32, initializer=None, regularizer=None,
                    reuse=None, trainable=None, collections=None, caching_device=None,
                    partitioner=None, validate_shape=True, use_resource=None, constraint=None,
                    synchronization=_AUTO, aggregation=_NONE):
        if trainable is None:
            trainable = synchronization != tf.VariableSynchronization.ON_READ
        is_scalar = shape is not None and isinstance(shape, (list, tuple)) and not shape
        if partitioner is not None and not is_scalar:
            if not callable(partitioner):
                raise ValueError(f"Partitioner must be callable, but received: {partitioner}")
            return _get_partitioned(binding, name, shape, dtype, initializer, regularizer, reuse,
                                    trainable, collections, partitioner, validate_shape,
                                    constraint, synchronization, aggregation)
        if reuse is True and partitioner is None and name in binding.store.partitioned:
            return _get_partitioned(binding, name, shape, dtype, initializer, regularizer, reuse,
                                    trainable, collections, None, validate_shape, constraint,
                                    synchronization, aggregation)
        if f"{name}/part_0" in binding.store.variables:
            raise ValueError("No partitioner was provided, but a partitioned version of the variable "
                             f"was found: {name}/part_0. Perhaps a variable of the same name was "
                             "already created with partitioning?")
        return _get_single(binding, name, shape, dtype, initializer, regularizer, reuse, trainable,
                           collections, validate_shape, constraint, synchronization, aggregation)

    kwargs = dict(name=name, shape=shape, dtype=dtype, initializer=initializer,
                  regularizer=regularizer, reuse=reuse, trainable=trainable,
                  collections=collections, caching_device=caching_device,
                  partitioner=partitioner, validate_shape=validate_shape,
                  use_resource=use_resource, synchronization=synchronization,
                  aggregation=aggregation)
    if custom_getter is None:
        return true_getter(**kwargs, constraint=constraint)
    if _takes_constraint(custom_getter):
        kwargs["constraint"] = constraint
    return custom_getter(getter=true_getter, **kwargs)


def _takes_constraint(fn) -> bool:
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False
    return "constraint" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _get_single(binding, name, shape, dtype, initializer, regularizer, reuse, trainable,
                collections, validate_shape, constraint, synchronization, aggregation,
                partition_info=None):
    from_value = initializer is not None and not callable(initializer)
    if shape is not None and from_value:
        raise ValueError("If initializer is a constant, do not specify shape.")
    dtype = tf.as_dtype(dtype)
    shape = tf.TensorShape(shape)
    store, frame = binding.store, binding.frame
    found = store.variables.get(name)
    if found is None:
        with store.lock:  # threads of one call share its store (TF1: one graph)
            found = store.variables.get(name)
            if found is None:
                return _create_single(binding, name, shape, dtype, initializer, regularizer,
                                      reuse, trainable, collections, validate_shape, constraint,
                                      synchronization, aggregation, partition_info)
    # The default store's frame is persistent: there an existing name is never first.
    first_in_call = name not in frame.claimed
    if reuse is False and not first_in_call:
        raise _already_exists(binding, name)
    if not shape.is_compatible_with(found.shape):
        raise ValueError(f"Trying to share variable {name}, but specified shape {shape} and "
                         f"found shape {found.shape}.")
    if not dtype.is_compatible_with(found.dtype):
        raise ValueError(f"Trying to share variable {name}, but specified dtype {dtype.name} and "
                         f"found dtype {found.dtype.name}.")
    if first_in_call:
        frame.claimed.add(name)
        # TF1 would have created it here in this graph build: its loss belongs to this call.
        if reuse is not True and regularizer is not None:
            _add_loss(frame, regularizer, found, name)
    return found


def _create_single(binding, name, shape, dtype, initializer, regularizer, reuse, trainable,
                   collections, validate_shape, constraint, synchronization, aggregation,
                   partition_info):
    store, frame = binding.store, binding.frame
    if reuse is True:
        raise _does_not_exist(name)
    init, var_dtype = _init.initial_value(name, initializer, shape, dtype, partition_info)
    if collections is None:
        collections = [GraphKeys.GLOBAL_VARIABLES]
    collections = list(collections)
    if trainable and GraphKeys.TRAINABLE_VARIABLES not in collections:
        collections.append(GraphKeys.TRAINABLE_VARIABLES)
    _names.check_variable_name(name)
    with _capture.creating(), tf.init_scope(), tf.compat.v1.name_scope(None):
        variable = tf.Variable(
            initial_value=init, name=name, trainable=trainable, dtype=var_dtype,
            validate_shape=validate_shape, constraint=constraint,
            synchronization=synchronization, aggregation=aggregation)
    store.add(name, variable, collections, regularizer)
    frame.claimed.add(name)
    if regularizer is not None:
        _add_loss(frame, regularizer, variable, name)
    return variable


def _add_loss(frame, regularizer, variable, name):
    loss = regularizer(variable)
    if loss is not None:
        frame.collections.setdefault(GraphKeys.REGULARIZATION_LOSSES, []).append(loss)
        # TF1 named the loss under the variable: `<var>/Regularizer/...`; scope filters
        # (get_collection(REGULARIZATION_LOSSES, scope)) match on that name.
        frame.names[id(loss)] = f"{name}/Regularizer/"


def _get_partitioned(binding, name, shape, dtype, initializer, regularizer, reuse, trainable,
                     collections, partitioner, validate_shape, constraint, synchronization,
                     aggregation):
    store, frame = binding.store, binding.frame
    from_tensor = isinstance(initializer, tf.Tensor)
    if name in store.variables:
        raise ValueError("A partitioner was provided, but an unpartitioned version of the variable "
                         f"was found: {name}.  Perhaps a variable of the same name was already "
                         "created without partitioning?")
    dtype = tf.as_dtype(dtype)
    shape = tf.TensorShape(shape)
    if from_tensor:
        shape = shape.merge_with(initializer.shape)
    partitions = None
    if not reuse or partitioner:
        partitions = _part.call_partitioner(partitioner, shape, dtype)
    existing = store.partitioned.get(name)
    if existing is not None:
        first_in_call = name not in frame.claimed_partitioned
        if reuse is False and not first_in_call:
            raise ValueError(f"Partitioned variable with name {name} already exists. Did you mean to "
                             "set reuse=True or reuse=tf.AUTO_REUSE in VarScope?")
        if not shape.is_compatible_with(existing.get_shape()):
            raise ValueError(f"Trying to reuse partitioned variable {name}, but specified shape {shape} "
                             f"and found shape {existing.get_shape()}.")
        if not dtype.is_compatible_with(existing.dtype):
            raise ValueError(f"Trying to reuse partitioned variable {name}, but specified dtype "
                             f"{dtype.name} and found dtype {existing.dtype.name}.")
        if partitions is not None and existing._get_partitions() != partitions:
            raise ValueError(f"Trying to reuse partitioned variable {name}, but specified partitions "
                             f"{partitions} and found partitions {existing._get_partitions()}.")
        if first_in_call:
            frame.claimed_partitioned.add(name)
            for i, part in enumerate(existing):
                part_name = f"{name}/part_{i}"
                frame.claimed.add(part_name)
                if reuse is not True and regularizer is not None:
                    _add_loss(frame, regularizer, part, part_name)
        return existing
    if reuse is True:
        raise ValueError(f"PartitionedVariable {name} does not exist, or was not created with "
                         "tf.get_variable(). Did you mean to set reuse=False or "
                         "reuse=tf.AUTO_REUSE in VarScope?")
    slice_dim, num_slices = _part.slice_dim_and_count(partitions)
    parts = []
    for i, (offset, part_shape) in enumerate(_part.iter_slices(shape.as_list(), num_slices, slice_dim)):
        info = _part.PartitionInfo(shape.as_list(), offset)
        part_name = f"{name}/part_{i}"
        if initializer is None or callable(initializer):
            init, init_shape = initializer, part_shape
        else:
            if from_tensor:
                init = tf.slice(initializer, offset, part_shape)
            else:
                with tf.init_scope():
                    init = tf.slice(tf.convert_to_tensor(initializer, dtype=dtype), offset, part_shape)
            dtype = init.dtype.base_dtype
            init_shape = None
        parts.append(_get_single(binding, part_name, init_shape, dtype, init, regularizer, reuse,
                                 trainable, collections, validate_shape, constraint,
                                 synchronization, aggregation, partition_info=info))
    result = _part.PartitionedVariable(name, shape, dtype, parts, partitions)
    store.partitioned[name] = result
    frame.claimed_partitioned.add(name)
    return result


@_no_autograph
def get_variable_api(name, shape=None, dtype=None, initializer=None, regularizer=None,
                     trainable=None, collections=None, caching_device=None, partitioner=None,
                     validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                     synchronization=_AUTO, aggregation=_NONE):
    """Gets an existing variable with these parameters or creates a new one (TF1 semantics).

    >>> with unscope.variable_scope("layer"):
    ...     w = unscope.get_variable("w", [3, 4], initializer=tf.zeros_initializer())
    >>> w.name
    'layer/w:0'
    """
    binding = current_binding()
    if binding is None:
        return tf.compat.v1.get_variable(
            name, shape=shape, dtype=dtype, initializer=initializer, regularizer=regularizer,
            trainable=trainable, collections=collections, caching_device=caching_device,
            partitioner=partitioner, validate_shape=validate_shape, use_resource=use_resource,
            custom_getter=custom_getter, constraint=constraint, synchronization=synchronization,
            aggregation=aggregation)
    return binding.scopes.current.get_variable(
        binding, name, shape=shape, dtype=dtype, initializer=initializer,
        regularizer=regularizer, trainable=trainable, collections=collections,
        caching_device=caching_device, partitioner=partitioner, validate_shape=validate_shape,
        use_resource=use_resource, custom_getter=custom_getter, constraint=constraint,
        synchronization=synchronization, aggregation=aggregation)


@_no_autograph
def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                       trainable=False, collections=None, caching_device=None, partitioner=None,
                       validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                       synchronization=_AUTO, aggregation=_NONE):
    """TF1 ``get_local_variable``: in LOCAL_VARIABLES, not trainable."""
    collections = list(collections or []) + [GraphKeys.LOCAL_VARIABLES]
    return get_variable_api(name, shape=shape, dtype=dtype, initializer=initializer,
                            regularizer=regularizer, trainable=trainable, collections=collections,
                            caching_device=caching_device, partitioner=partitioner,
                            validate_shape=validate_shape, use_resource=use_resource,
                            custom_getter=custom_getter, constraint=constraint,
                            synchronization=synchronization, aggregation=aggregation)
