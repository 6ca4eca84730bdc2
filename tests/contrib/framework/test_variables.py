"""model_variable / variable / get_variables*: collections and lookups, graph and store mode."""
import pytest
import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib import framework, layers

from ..helpers import GK, names, v1


def _build():
    with rt.variable_scope("tower"):
        framework.model_variable("w", shape=[2, 3])
        framework.variable("local", shape=[2], collections=[GK.LOCAL_VARIABLES], trainable=False)
        framework.variable("plain", shape=[1])
        layers.fully_connected(tf.zeros([1, 2]), 3, scope="fc")
    layers.fully_connected(tf.zeros([1, 2]), 3, scope="head")
    return {
        "global": names(framework.get_variables()),
        "tower": names(framework.get_variables("tower")),
        "model": names(framework.get_model_variables()),
        "local": names(framework.get_local_variables()),
        "trainable_tower": names(framework.get_trainable_variables("tower")),
        "by_suffix": names(framework.get_variables_by_suffix("biases")),
        "by_name": names(framework.get_variables_by_name("weights")),
        "by_name_scoped": names(framework.get_variables_by_name("weights", scope="tower")),
        "restore": names(framework.get_variables_to_restore(include=["tower"], exclude=["tower/fc"])),
        "unique": framework.get_unique_variable("tower/w").name,
    }


EXPECTED = {
    "global": ["tower/w:0", "tower/plain:0", "tower/fc/weights:0", "tower/fc/biases:0",
               "head/weights:0", "head/biases:0"],
    "tower": ["tower/w:0", "tower/plain:0", "tower/fc/weights:0", "tower/fc/biases:0"],
    "model": ["tower/w:0", "tower/fc/weights:0", "tower/fc/biases:0", "head/weights:0",
              "head/biases:0"],
    "local": ["tower/local:0"],
    "trainable_tower": ["tower/w:0", "tower/plain:0", "tower/fc/weights:0", "tower/fc/biases:0"],
    "by_suffix": ["tower/fc/biases:0", "head/biases:0"],
    "by_name": ["tower/fc/weights:0", "head/weights:0"],
    "by_name_scoped": ["tower/fc/weights:0"],
    "restore": ["tower/w:0", "tower/plain:0"],
    "unique": "tower/w:0",
}


def test_graph_mode():
    with tf.Graph().as_default():
        assert _build() == EXPECTED
        with pytest.raises(ValueError, match="Couldn't find"):
            framework.get_unique_variable("nothing")
        with pytest.raises(TypeError):
            framework.get_variables_to_restore(include="tower")


def test_store_mode_inside_a_tracked_call():
    seen = {}
    module = rt.track(lambda: seen.update(_build()))
    module()
    assert seen == EXPECTED
    seen.clear()
    module()
    assert seen == EXPECTED


def test_add_model_variable_once_and_full_name():
    with tf.Graph().as_default():
        v = v1.get_variable("v", [1])
        framework.add_model_variable(v)
        framework.add_model_variable(v)
        assert names(framework.get_model_variables()) == ["v:0"]
        assert framework.get_variable_full_name(v) == "v"
        with rt.variable_scope("p", partitioner=v1.fixed_size_partitioner(2)):
            part = v1.get_variable("big", [4, 2])
        assert [framework.get_variable_full_name(p) for p in part] == ["p/big", "p/big"]
