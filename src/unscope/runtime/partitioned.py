"""Partitioned variables: ``name/part_0``, ``name/part_1``, ... as TF1 made them."""
from __future__ import annotations

import tensorflow as tf


class PartitionInfo:
    """What TF1 passed to initializers of one part (full shape and offset)."""

    def __init__(self, full_shape, var_offset):
        self.full_shape = list(full_shape)
        self.var_offset = list(var_offset)

    def single_offset(self, shape):
        dim = self.single_slice_dim(shape)
        return 0 if dim is None else self.var_offset[dim]

    def single_slice_dim(self, shape):
        for i, (full, part) in enumerate(zip(self.full_shape, shape)):
            if full != part:
                return i
        return None


class PartitionedVariable:
    """A variable stored as parts; converts to the concatenated tensor.

    Iterating yields the part variables (so ``tf.nn.embedding_lookup`` gets the list,
    as in TF1); ``tf.convert_to_tensor`` concatenates them along the partition axis.
    """

    def __init__(self, name, shape, dtype, variable_list, partitions):
        self._name = name
        self._shape = tf.TensorShape(shape)
        self._dtype = tf.as_dtype(dtype)
        self._variable_list = list(variable_list)
        self._partitions = list(partitions)
        axes = [i for i, p in enumerate(self._partitions) if p > 1]
        self._axis = axes[0] if axes else 0

    name = property(lambda self: self._name)
    dtype = property(lambda self: self._dtype)
    shape = property(lambda self: self._shape)

    def get_shape(self):
        return self._shape

    def __iter__(self):
        return iter(self._variable_list)

    def __len__(self):
        return len(self._variable_list)

    def _get_variable_list(self):
        return list(self._variable_list)

    def _get_partitions(self):
        return list(self._partitions)

    @property
    def axis(self) -> int:
        return self._axis

    def as_tensor(self):
        if len(self._variable_list) == 1:
            return tf.identity(self._variable_list[0])
        return tf.concat([tf.convert_to_tensor(v) for v in self._variable_list], axis=self._axis)

    def __repr__(self):
        return f"<unscope.PartitionedVariable {self._name!r} shape={self._shape} parts={len(self)}>"


def _to_tensor(value, dtype=None, name=None, as_ref=False):
    del name, as_ref
    t = value.as_tensor()
    if dtype is not None and not tf.as_dtype(dtype).is_compatible_with(t.dtype):
        raise ValueError(f"Incompatible type conversion requested to type '{tf.as_dtype(dtype).name}' "
                         f"for variable of type '{t.dtype.name}'")
    return t


tf.register_tensor_conversion_function(PartitionedVariable, _to_tensor)


def call_partitioner(partitioner, shape: tf.TensorShape, dtype) -> list[int]:
    if not shape.is_fully_defined():
        raise ValueError(f"Shape of a new partitioned variable must be fully defined, but instead was {shape}.")
    if shape.ndims < 1:
        raise ValueError(f"A partitioned Variable must have rank at least 1, shape: {shape}")
    slicing = partitioner(shape=shape, dtype=dtype)
    if not isinstance(slicing, (list, tuple)):
        raise ValueError(f"Partitioner must return a sequence, but saw: {slicing}")
    if len(slicing) != shape.ndims:
        raise ValueError(f"Partitioner returned a partition list that does not match the Variable's rank: {slicing} vs. {shape}")
    if any(p < 1 for p in slicing):
        raise ValueError(f"Partitioner returned zero partitions for some axes: {slicing}")
    if sum(p > 1 for p in slicing) > 1:
        raise ValueError(f"Can only slice a variable along one dimension: shape: {shape}, partitioning: {slicing}")
    return list(slicing)


def slice_dim_and_count(partitions) -> tuple[int, int]:
    for i, p in enumerate(partitions):
        if p > 1:
            return i, p
    return 0, 1


def iter_slices(full_shape, num_slices, slice_dim):
    """(offset, shape) of each part; the first ``dim % n`` parts are one longer."""
    excess = full_shape[slice_dim] % num_slices
    offset = [0] * len(full_shape)
    min_len = full_shape[slice_dim] // num_slices
    for i in range(num_slices):
        shape = list(full_shape)
        shape[slice_dim] = min_len + (1 if i < excess else 0)
        yield list(offset), shape
        offset[slice_dim] += shape[slice_dim]
