"""A tiny language of TF1 variable-scope programs, run against TF1 itself or unscope.

A program is a list of ops (nested tuples); ``run`` interprets it with an ``api``
object (``tf.compat.v1`` or ``unscope``) and returns an event log: every variable
returned (name, shape, dtype), every scope entered (name, reuse), and the error that
stopped the program (type and first sentence).  Equal logs mean equal TF1 semantics.
"""
from __future__ import annotations

import tensorflow as tf

import unscope

DTYPES = {"f32": tf.float32, "f64": tf.float64, "i32": tf.int32}


def _reuse(code, api):
    return {None: None, "T": True, "F": False, "A": api.AUTO_REUSE}[code]


def _first_sentence(exc: Exception) -> str:
    text = str(exc).split("\n")[0]
    cut = text.find(". ")
    return text if cut < 0 else text[: cut + 1]


def run(program, api, name_scope=tf.name_scope):
    log = []
    captured = []

    def reg(v):
        return tf.reduce_sum(tf.cast(v, tf.float32)) * 0.0 + 1.0

    def go(ops):
        for op in ops:
            kind = op[0]
            if kind == "var":
                _, name, shape, dtype, with_reg = op
                v = api.get_variable(name, shape=shape, dtype=DTYPES[dtype] if dtype else None,
                                     regularizer=reg if with_reg else None)
                log.append(("var", v.name, tuple(v.shape.as_list()), v.dtype.base_dtype.name))
            elif kind == "scope":
                _, name, default, reuse, body = op
                with api.variable_scope(name, default_name=default, reuse=_reuse(reuse, api)) as s:
                    captured.append(s)
                    log.append(("scope", s.name, repr(s.reuse)))
                    go(body)
            elif kind == "reenter":
                _, idx, reuse, body = op
                if idx < len(captured):
                    with api.variable_scope(captured[idx], reuse=_reuse(reuse, api)) as s:
                        log.append(("reenter", s.name, repr(s.reuse)))
                        go(body)
            elif kind == "reuse_vars":
                api.get_variable_scope().reuse_variables()
                log.append(("reuse_vars", api.get_variable_scope().name))
            elif kind == "name_scope":
                _, name, body = op
                with name_scope(name):
                    go(body)
            elif kind == "dense":
                _, name, units, reuse = op
                x = tf.ones([2, 3])
                y = api.layers.dense(x, units, name=name, reuse=_reuse(reuse, api) if reuse else None)
                log.append(("dense", tuple(y.shape.as_list())))
            elif kind == "template":
                _, name, calls, body = op
                t = api.make_template(name, lambda: go(body))
                for _ in range(calls):
                    t()
                    log.append(("template", t.variable_scope.name))
            else:  # pragma: no cover - a bug in the generator
                raise AssertionError(op)

    try:
        go(program)
    except (ValueError, TypeError, RuntimeError) as exc:
        log.append(("error", type(exc).__name__, _first_sentence(exc)))
    losses = api.get_collection(api.GraphKeys.REGULARIZATION_LOSSES)
    log.append(("losses", len(losses)))
    log.append(("globals", tuple(v.name for v in api.global_variables())))
    return log


def normalize(log):
    """Logs compared across processes go through JSON: tuples become lists."""
    import json

    return json.loads(json.dumps(log))


def run_tf1(program):
    """The oracle: TF1 graph mode, in this process, in a fresh graph."""
    with tf.Graph().as_default():
        return run(program, tf.compat.v1, name_scope=tf.compat.v1.name_scope)


def run_unscope_graph(program):
    """unscope in a TF1 graph (delegation)."""
    with tf.Graph().as_default():
        return run(program, unscope, name_scope=tf.compat.v1.name_scope)


def run_unscope_eager(program, calls=2):
    """unscope through ``track``, eagerly; every call must give the same log."""
    module = unscope.track(lambda: run(program, unscope))
    logs = [module() for _ in range(calls)]
    return logs, module


def run_unscope_function(program):
    module = unscope.track(lambda: run(program, unscope))
    box = []

    @tf.function
    def step():
        box.append(module())
        return tf.constant(0)

    step()
    return box[0], module
