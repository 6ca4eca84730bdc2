"""Checkpoint conversion: TF1 name-based checkpoints <-> TF2 object checkpoints.

>>> import unscope
>>> report = unscope.convert_checkpoint("tf1/model.ckpt", "tf2/model", model)
>>> print(report.summary())

Modules: ``source`` (reading), ``variables`` (the model's TF1 names), ``rules`` (rename/drop),
``namemap`` (planning), ``slots`` (optimizer state), ``staging`` (temporary write, atomic
move), ``check`` (re-read and compare), ``convert`` (the two directions), ``restore`` (into
TF2 objects, to resume training), ``report``, ``modelspec`` (``FILE.py:ATTR``).
"""
from unscope.ckpt.convert import convert_checkpoint, write_tf1_checkpoint
from unscope.ckpt.errors import (CheckpointReadError, CheckpointWriteError, ConversionError,
                                 ConversionRefused, Problem, RulesError)
from unscope.ckpt.modelspec import ModelBuildError, ModelSpecError, load_model
from unscope.ckpt.report import ConversionReport
from unscope.ckpt.restore import restore
from unscope.ckpt.rules import Rules, load_rules

__all__ = [
    "CheckpointReadError", "CheckpointWriteError", "ConversionError", "ConversionRefused",
    "ConversionReport", "ModelBuildError", "ModelSpecError", "Problem", "Rules", "RulesError",
    "convert_checkpoint", "load_model", "load_rules", "restore", "write_tf1_checkpoint",
]
