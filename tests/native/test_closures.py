"""Nested functions that call a module (GPT-2's ``sample_sequence`` shape, written fresh in
2018 style): ``step`` calls ``lm`` with ``reuse=tf.AUTO_REUSE``, ``body`` calls ``step``, body
runs once directly and then as a ``tf.while_loop`` body, the past concatenated.  TF1 graph
mode is the oracle: variable names and shapes, the greedy tokens and the final past, with
every variable set to ``value_for`` its name; the class runs eagerly and under tf.function.
"""
from __future__ import annotations

import types

import numpy as np
import pytest
import tensorflow as tf

from tests.native.programs import value_for
from tests.native.support import class_for, load
from unscope.native import migrate_native

SOURCE = '''\
import tensorflow as tf


def lm(hparams, X, past=None, scope="lm", reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        wte = tf.get_variable("wte", [hparams.n_vocab, hparams.n_embd],
                              initializer=tf.random_normal_initializer(stddev=0.02))
        w = tf.get_variable("w", [hparams.n_embd, hparams.n_embd])
        h = tf.gather(wte, X)
        present = tf.tanh(tf.einsum("bte,ef->btf", h, w))
        seen = present if past is None else tf.concat([past, present], axis=-2)
        h = h + tf.reduce_mean(seen, axis=1, keepdims=True)
        return {"logits": tf.einsum("bte,ve->btv", h, wte), "present": present}


def sample(*, hparams, length, context, batch_size=None):
    def step(hparams, tokens, past=None):
        out = lm(hparams=hparams, X=tokens, past=past, reuse=tf.AUTO_REUSE)
        return {"logits": out["logits"][:, :, :hparams.n_vocab], "presents": out["present"]}

    with tf.name_scope("sample"):
        def body(past, prev, output):
            nxt = step(hparams, prev, past=past)
            logits = nxt["logits"][:, -1, :]
            samples = tf.argmax(logits, axis=-1, output_type=tf.int32)[:, tf.newaxis]
            return [
                nxt["presents"] if past is None else tf.concat([past, nxt["presents"]], axis=-2),
                samples,
                tf.concat([output, samples], axis=1),
            ]

        past, prev, output = body(None, context, context)

        def cond(*args):
            return True

        past, _, tokens = tf.while_loop(
            cond=cond, body=body, maximum_iterations=length - 1,
            loop_vars=[past, prev, output],
            shape_invariants=[
                tf.TensorShape([batch_size, None, hparams.n_embd]),
                tf.TensorShape([batch_size, None]),
                tf.TensorShape([batch_size, None]),
            ],
            back_prop=False,
        )
        return tokens, past
'''
HPARAMS = types.SimpleNamespace(n_vocab=11, n_embd=6)
CONTEXT = np.array([[3, 1, 4], [1, 5, 9]], dtype=np.int32)
LENGTH = 5


def _tf1(source):
    namespace = {"__name__": "tf1_closures"}
    with tf.Graph().as_default():
        exec(compile(source.replace("import tensorflow as tf", "import tensorflow.compat.v1 as tf"),
                     "<tf1>", "exec"), namespace)
        tokens, past = namespace["sample"](hparams=HPARAMS, length=LENGTH, context=tf.constant(CONTEXT))
        variables = tf.compat.v1.global_variables()
        with tf.compat.v1.Session() as sess:
            for v in variables:
                v.load(value_for(v.name, v.shape.as_list()), sess)
            got = sess.run([tokens, past])
    return {v.name: v.shape.as_list() for v in variables}, got


# step's hparams given through a helper: not pinned to the sampler's hparams, so lm takes it
# per call and makes its variables on the first (the direct call, before the loop)
UNPINNED = SOURCE.replace("nxt = step(hparams, prev, past=past)",
                          "nxt = step(same(hparams), prev, past=past)") + \
    "\n\ndef same(h):\n    return h\n"


@pytest.mark.parametrize("source, ctor, call", [
    (SOURCE, {"hparams": HPARAMS}, {}),
    (UNPINNED, {}, {"hparams": HPARAMS}),
], ids=["pinned", "unpinned"])
def test_closures_calling_a_module_equal_tf1(tmp_path, source, ctor, call):
    result = migrate_native(source, "<closures>")
    assert result.ok, result.error
    assert [f.message for f in result.findings] == []
    module = load(result.code, tmp_path, "closures")
    sampler = getattr(module, class_for(result, "sample"))(**ctor)
    context = tf.constant(CONTEXT)
    expected_names, (expected_tokens, expected_past) = _tf1(source)
    if not ctor:
        sampler(length=2, context=context, **call)   # lazy variables exist after the first call
    assert {v.name: v.shape.as_list() for v in sampler.variables} == expected_names
    for v in sampler.variables:
        v.assign(value_for(v.name, v.shape.as_list()))
    tokens, past = sampler(length=LENGTH, context=context, **call)
    assert expected_tokens.shape == (2, 3 + LENGTH)
    np.testing.assert_array_equal(tokens.numpy(), expected_tokens)
    np.testing.assert_allclose(past.numpy(), expected_past, rtol=1e-5, atol=1e-6)
    traced = tf.function(lambda c: sampler(length=LENGTH, context=c, **call))
    tokens, past = traced(context)
    np.testing.assert_array_equal(tokens.numpy(), expected_tokens)
    np.testing.assert_allclose(past.numpy(), expected_past, rtol=1e-5, atol=1e-6)
    assert {v.name for v in sampler.variables} == set(expected_names)   # none made by the loop


def test_a_closure_called_under_another_scope_stays_tf1():
    # TF1 makes a second set of variables (other/lm/...) there: one shared module would be wrong
    source = SOURCE.replace("        past, prev, output = body(None, context, context)\n",
                            "        past, prev, output = body(None, context, context)\n"
                            "        with tf.variable_scope(\"other\"):\n"
                            "            step(hparams, prev)\n")
    result = migrate_native(source, "<closures>")
    assert "class Sample" not in result.code
    assert any("another variable_scope" in f.message for f in result.findings), result.findings
