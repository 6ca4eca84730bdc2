"""Re-reading what was written and comparing it, byte for byte, with the variables."""
from __future__ import annotations

import numpy as np
import tensorflow as tf

from unscope.ckpt.errors import CheckpointReadError, CheckpointWriteError
from unscope.ckpt.source import OBJECT_GRAPH_KEY, Source

_CHUNK = 1 << 20  # elements compared at a time: numpy temporaries stay ~1 MiB


def variable_keys(prefix: str, roots: dict) -> dict[int, str]:
    """``{id(variable): checkpoint key}`` for the variables reachable from ``roots``.

    ``roots`` are the keyword arguments of ``tf.train.Checkpoint`` (``{"model": model}``);
    objects are matched by their place in the object graph, as ``restore`` matches them.
    """
    from tensorflow.core.protobuf import trackable_object_graph_pb2

    reader = tf.train.load_checkpoint(prefix)
    graph = trackable_object_graph_pb2.TrackableObjectGraph()
    graph.ParseFromString(reader.get_tensor(OBJECT_GRAPH_KEY))
    matched = tf.train.CheckpointView(prefix).match(tf.train.Checkpoint(**roots))
    keys = {}
    for node_id, obj in matched.items():
        for attribute in graph.nodes[node_id].attributes:
            if attribute.name == "VARIABLE_VALUE":
                keys[id(obj)] = attribute.checkpoint_key
    return keys


def same_values(written: tf.Tensor, value: tf.Tensor) -> bool:
    """True if both hold the same bytes (NaNs included); compared in chunks."""
    a, b = np.asarray(written), np.asarray(value)  # views of the TF buffers on CPU, no copies
    if a.shape != b.shape or a.dtype != b.dtype:
        return False
    if a.dtype == object:
        return bool(np.array_equal(a, b))
    a, b = np.ascontiguousarray(a).reshape(-1), np.ascontiguousarray(b).reshape(-1)
    unit = np.uint64 if a.nbytes % 8 == 0 else np.uint8
    a, b = a.view(np.uint8).view(unit), b.view(np.uint8).view(unit)
    return all(np.array_equal(a[i:i + _CHUNK], b[i:i + _CHUNK]) for i in range(0, a.size, _CHUNK))


def verify(prefix: str, expected: list[tuple[str, tf.DType, str, object]], batches, dst: str) -> None:
    """Read ``(key, dtype, slice_spec, variable)`` from ``prefix``; raise unless all equal.

    ``prefix`` is the temporary copy of ``dst`` (named in the errors).
    """
    try:
        source = Source(prefix)
    except CheckpointReadError as exc:
        raise CheckpointWriteError(f"{dst}: the written checkpoint does not read back: {exc}") from exc
    for batch in batches(expected):
        try:
            tensors = source.read([(key, dtype, spec) for key, dtype, spec, _ in batch])
        except CheckpointReadError as exc:
            raise CheckpointWriteError(f"{dst}: the written checkpoint does not read back: {exc}") from exc
        for tensor, (key, _, spec, variable) in zip(tensors, batch):
            with tf.device("/cpu:0"):
                value = tf.identity(variable.read_value())
            if not same_values(tensor, value):
                where = f" slice {spec!r}" if spec else ""
                raise CheckpointWriteError(f"{dst}: the written checkpoint differs from the model at "
                                           f"{key!r}{where}; nothing was moved into place")
        del tensors
