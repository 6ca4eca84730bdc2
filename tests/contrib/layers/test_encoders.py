"""embed_sequence: EmbedSequence/embeddings, reuse by scope, unique lookup."""
import numpy as np
import pytest
import tensorflow as tf

from unscope.contrib import layers

from ..helpers import TOL, graph_run, names, tracked

IDS = np.array([[1, 2, 3], [3, 3, 0]], np.int32)


def test_names_reuse_and_values():
    def model(ids):
        a = layers.embed_sequence(ids, vocab_size=5, embed_dim=3, scope="shared")
        b = layers.embed_sequence(ids, scope="shared", reuse=True, unique=True)
        c = layers.embed_sequence(ids, vocab_size=5, embed_dim=2,
                                  regularizer=layers.l2_regularizer(0.5))
        return a, b, c

    (a, b, c), values, facts = graph_run(lambda: model(tf.constant(IDS)))
    assert facts["global"] == facts["model"] == ["shared/embeddings:0", "EmbedSequence/embeddings:0"]
    table = values["shared/embeddings:0"]
    np.testing.assert_allclose(a, table[IDS], **TOL)
    np.testing.assert_allclose(b, table[IDS], **TOL)
    assert c.shape == (2, 3, 2)
    np.testing.assert_allclose(facts["loss_values"],
                               [0.5 * np.sum(values["EmbedSequence/embeddings:0"] ** 2) / 2], rtol=1e-5)
    module, call = tracked(model, tf.constant(IDS))
    assert names(module.variables) == ["shared/embeddings:0", "EmbedSequence/embeddings:0"]
    np.testing.assert_allclose(call(tf.constant(IDS))[1].numpy(),
                               module.variables[0].numpy()[IDS], **TOL)


def test_sizes_required_unless_reusing():
    with tf.Graph().as_default():
        with pytest.raises(ValueError, match="Must specify vocab size"):
            layers.embed_sequence(tf.constant(IDS), vocab_size=5)
