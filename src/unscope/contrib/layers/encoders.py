"""`embed_sequence` of ``tf.contrib.layers`` (``EmbedSequence/embeddings``).

    emb = embed_sequence(ids, vocab_size=1000, embed_dim=64, scope="shared")
    dec = embed_sequence(ids2, scope="shared", reuse=True)      # same table
"""
from __future__ import annotations

import tensorflow as tf

from unscope import runtime as rt
from unscope.contrib.framework.variables import model_variable

__all__ = ["embed_sequence"]


def _lookup_unique(params, ids):
    ids = tf.convert_to_tensor(ids)
    shape = tf.shape(ids)
    unique_ids, idx = tf.unique(tf.reshape(ids, [-1]))
    unique_embeddings = tf.compat.v1.nn.embedding_lookup(params, unique_ids)
    embeds = tf.reshape(tf.gather(unique_embeddings, idx),
                        tf.concat([shape, tf.shape(unique_embeddings)[1:]], 0))
    embeds.set_shape(ids.shape.concatenate(unique_embeddings.shape[1:]))
    return embeds


@tf.autograph.experimental.do_not_convert
def embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
                   regularizer=None, trainable=True, scope=None, reuse=None):
    """Look `ids` (``[batch, length]``) up in a ``[vocab_size, embed_dim]`` table.

    The sizes may be left out when `reuse` is true (the table exists already).
    """
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError("Must specify vocab size and embedding dimension when not reusing. "
                         "Got vocab_size=%s and embed_dim=%s" % (vocab_size, embed_dim))
    with rt.variable_scope(scope, "EmbedSequence", [ids], reuse=reuse):
        shape = [vocab_size, embed_dim]
        # TF1's own precedence: (reuse and vocab_size is None) or embed_dim is None.
        if (reuse and vocab_size is None) or embed_dim is None:
            shape = None
        embeddings = model_variable("embeddings", shape=shape, initializer=initializer,
                                    regularizer=regularizer, trainable=trainable)
        if unique:
            return _lookup_unique(embeddings, ids)
        return tf.compat.v1.nn.embedding_lookup(embeddings, ids)
