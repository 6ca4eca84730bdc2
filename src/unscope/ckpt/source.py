"""Opening a checkpoint and reading it tensor by tensor.

Tensors are read with the ``RestoreV2`` op straight into TensorFlow buffers: reading through
``CheckpointReader.get_tensor`` makes numpy copies (three times the tensor's size at peak,
measured), ``RestoreV2`` makes one.  Files are looked at with ``tf.io.gfile``, so a source may
be anywhere TensorFlow reads (``gs://...``).
"""
from __future__ import annotations

import os
import re

import numpy as np
import tensorflow as tf

from unscope.ckpt.errors import CheckpointReadError

OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"
_FILE_SUFFIX = re.compile(r"\.(index|meta|data-\d{5}-of-\d{5})$")
_SHARD = re.compile(r"\.data-(\d{5})-of-(\d{5})$")


def _glob(pattern: str) -> list[str]:
    try:
        return sorted(tf.io.gfile.glob(pattern))
    except tf.errors.OpError:
        return []


def resolve_prefix(path: str | os.PathLike) -> str:
    """The checkpoint prefix for ``path``: a prefix, one of its files, or a directory."""
    path = os.fspath(path)
    if tf.io.gfile.isdir(path):
        latest = tf.train.latest_checkpoint(path)
        if latest:
            return latest
        indexes = _glob(os.path.join(path, "*.index"))
        if len(indexes) == 1:
            return indexes[0][: -len(".index")]
        found = f"{len(indexes)} checkpoints" if indexes else "no checkpoint"
        raise CheckpointReadError(f"{path}: is a directory with {found} and no 'checkpoint' "
                                  f"state file; pass a checkpoint prefix such as {path}/model.ckpt")
    match = _FILE_SUFFIX.search(path)
    if match and not tf.io.gfile.exists(path + ".index"):
        return path[: match.start()]
    return path


class Source:
    """A checkpoint opened for reading: names, shapes and dtypes, then tensors on demand.

    >>> src = Source("train/model.ckpt-1000")
    >>> src.shapes["model/h0/w"]
    (768, 768)
    >>> [w] = src.read([("model/h0/w", tf.float32, "")])
    """

    def __init__(self, path: str | os.PathLike):
        self.prefix = resolve_prefix(path)
        self._check_files()
        try:
            reader = tf.train.load_checkpoint(self.prefix)
            shapes = reader.get_variable_to_shape_map()
            dtypes = reader.get_variable_to_dtype_map()
        except tf.errors.OpError as exc:
            raise CheckpointReadError(f"{self.prefix}.index: corrupted or not a checkpoint index "
                                      f"({first_line(exc)})") from exc
        del reader  # tensors are read with RestoreV2; the reader's maps are all we need
        self.object_graph = OBJECT_GRAPH_KEY in shapes
        shapes.pop(OBJECT_GRAPH_KEY, None)
        self.shapes = {name: tuple(shape) for name, shape in shapes.items()}
        self.dtypes = {name: tf.as_dtype(dtypes[name]) for name in self.shapes}
        self._check_size()

    def _check_files(self) -> None:
        prefix = self.prefix
        if not tf.io.gfile.exists(prefix + ".index"):
            if tf.io.gfile.exists(prefix) and not tf.io.gfile.isdir(prefix) and _reads_as_v1(prefix):
                raise CheckpointReadError(
                    f"{prefix}: V1-format checkpoint (one file, no .index) is not supported; re-save it "
                    "as V2 under TF1: tf.compat.v1.train.Saver(write_version=tf.compat.v1.train."
                    "SaverDef.V2).save(sess, NEW_PREFIX)")
            near = [p[: -len(".index")] for p in _glob(prefix + "*.index")]
            hint = f"; did you mean {near[-1]}?" if near else ""
            raise CheckpointReadError(f"{prefix}: no checkpoint here ({prefix}.index not found){hint}")
        shards = {}
        for path in _glob(prefix + ".data-*"):
            match = _SHARD.search(path)
            if match:
                shards[tuple(int(g) for g in match.groups())] = path
        if not shards:
            raise CheckpointReadError(f"{prefix}: data file missing (no {prefix}.data-00000-of-NNNNN)")
        total = max(of for _, of in shards)
        missing = [i for i in range(total) if (i, total) not in shards]
        if missing:
            raise CheckpointReadError(f"{prefix}: data file missing "
                                      f"({prefix}.data-{missing[0]:05d}-of-{total:05d} not found)")
        self._data_files = [shards[(i, total)] for i in range(total)]

    def _check_size(self) -> None:
        """Catch a truncated data file before reading: it must hold every tensor's bytes.

        This finds truncation anywhere, also in tensors that are dropped and never read.
        """
        need = sum(int(np.prod(shape, dtype=np.int64)) * self.dtypes[name].size
                   for name, shape in self.shapes.items() if self.dtypes[name] != tf.string)
        have = sum(tf.io.gfile.stat(p).length for p in self._data_files)
        if have < need:
            raise CheckpointReadError(f"{self.prefix}: truncated data: the data files hold {have} bytes, "
                                      f"the index describes {need}")

    def read(self, requests: list[tuple[str, tf.DType, str]]) -> list[tf.Tensor]:
        """Read ``(name, dtype, slice_spec)`` requests (``""`` for the whole tensor) in one op."""
        if not requests:
            return []
        names, dtypes, slices = zip(*requests)
        try:
            with tf.device("/cpu:0"):
                return list(tf.raw_ops.RestoreV2(prefix=self.prefix, tensor_names=list(names),
                                                 shape_and_slices=list(slices), dtypes=list(dtypes)))
        except tf.errors.OpError as exc:
            if len(requests) > 1:  # find the tensor that fails, to name it
                for request in requests:
                    self.read([request])
            raise CheckpointReadError(f"{self.prefix}: cannot read tensor {names[0]!r}: "
                                      f"corrupted or truncated data ({first_line(exc)})") from exc


def _reads_as_v1(path: str) -> bool:
    try:
        tf.train.load_checkpoint(path)
        return True
    except (tf.errors.OpError, ValueError):
        return False


def first_line(exc: BaseException) -> str:
    """The useful part of an error's message: its first line, without TF's op decorations."""
    text = (getattr(exc, "message", None) or str(exc)).strip()
    text = re.sub(r"\{\{function_node [^}]*\}\}\s*", "", text)
    text = re.sub(r"\s*\[Op:\w+\]", "", text)
    return text.splitlines()[0] if text else type(exc).__name__


def slice_spec(full_shape, offset: list[int], shape: list[int]) -> str:
    """TF's shape-and-slice string: ``"10 3 4,3:-"`` is rows 4..6 of a [10, 3] tensor."""
    dims = " ".join(str(d) for d in full_shape)
    parts = ["-" if (o == 0 and s == f) else f"{o},{s}" for o, s, f in zip(offset, shape, full_shape)]
    return f"{dims} {':'.join(parts)}"
