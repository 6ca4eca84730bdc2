"""Checkpoints written once by TF1's Saver and checked in: conversion must keep reading them."""
import os

import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope.ckpt import CheckpointReadError

from tests.ckpt import models

GOLDEN = os.path.join(os.path.dirname(__file__), "golden")
PREFIX = os.path.join(GOLDEN, "tiny_adam", "model.ckpt")


@pytest.fixture(scope="module")
def expected():
    with np.load(os.path.join(GOLDEN, "tiny_adam", "expected.npz")) as data:
        return {key.replace(".", "/"): data[key] for key in data.files}


def test_golden_checkpoint_lists_what_tf1_saved():
    assert dict(tf.train.list_variables(PREFIX)) == {
        **{name: list(shape) for name, shape in models.SHAPES.items()},
        **{f"{name}/{slot}": list(shape) for name, shape in models.SHAPES.items() for slot in ("Adam", "Adam_1")},
        "global_step": [], "beta1_power": [], "beta2_power": []}


@pytest.mark.parametrize("make", [lambda: models.Net(3), lambda: models.Net(None), lambda: models.Net(2)])
def test_golden_into_native_modules(tmp_path, expected, make):
    model = make()
    report = unscope.convert_checkpoint(PREFIX, str(tmp_path / "out"), model, keep_global_step=True)
    got = models.values_of(model)
    for name in models.SHAPES:
        np.testing.assert_array_equal(got[name], expected[name], err_msg=name)
    np.testing.assert_allclose(model(models.IDS, models.X), expected["output"], rtol=1e-5, atol=1e-6)
    assert report.global_step == "global_step" and len(report.dropped) == 10


def test_golden_into_a_track_module(tmp_path, expected):
    model = unscope.track(models.tiny)
    model(models.IDS, models.X)
    unscope.convert_checkpoint(PREFIX, str(tmp_path / "out"), model)
    np.testing.assert_allclose(model(models.IDS, models.X), expected["output"], rtol=1e-5, atol=1e-6)
    fresh = unscope.track(models.tiny)
    fresh(models.IDS, models.X)
    tf.train.Checkpoint(model=fresh).read(str(tmp_path / "out")).assert_consumed()
    np.testing.assert_allclose(fresh(models.IDS, models.X), expected["output"], rtol=1e-5, atol=1e-6)


def test_golden_v1_checkpoint_is_a_clear_error(tmp_path):
    with pytest.raises(CheckpointReadError) as error:
        unscope.convert_checkpoint(os.path.join(GOLDEN, "v1", "model.ckpt"), str(tmp_path / "out"), models.Net())
    assert "V1-format checkpoint (one file, no .index) is not supported" in str(error.value)
    assert "write_version=tf.compat.v1.train.SaverDef.V2" in str(error.value)
    assert not os.path.exists(tmp_path / "out.index")
