"""`variables_under`: TF1's variable selection by scope, over modules that own their variables.

TF1 training code picked variables from the graph's collections:

    g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
    g_opt = tf.train.AdamOptimizer(2e-4).minimize(g_loss, var_list=g_vars)

Eagerly there is no graph collection (it holds `[]`). With native modules the same list is

    g_vars = variables_under([generator, discriminator], "generator")

TF1's filter is kept: `scope` is a regular expression matched (`re.match`) at the start of
each variable's name, so "gen" also selects "generator/w:0", as it did in TF1. Order is TF1's:
creation order, for variables made by `unscope.nn` (`nn.variable` numbers them); others keep
the modules' order, each module's variables in its own order. A variable held by two modules
(sharing) is listed once. Needs only the standard library besides `unscope.nn` (vendored with
`--vendor`).
"""
from __future__ import annotations

import re

from .variables import CREATION_ORDER_ATTR

__all__ = ["variables_under"]


def variables_under(modules, scope=None, trainable=True):
    """The variables of `modules` (one `tf.Module` or several) whose TF1 name `scope` matches.

    `trainable=True`: `tf.trainable_variables()` / `GraphKeys.TRAINABLE_VARIABLES`;
    `False`: every variable, as `tf.global_variables()` / `GraphKeys.GLOBAL_VARIABLES`.
    """
    if not isinstance(modules, (list, tuple)):
        modules = [modules]
    out, seen = [], set()
    for module in modules:
        for v in (module.trainable_variables if trainable else module.variables):
            if id(v) in seen:
                continue
            seen.add(id(v))
            if scope is None or re.match(scope, v.name):
                out.append(v)
    if all(hasattr(v, CREATION_ORDER_ATTR) for v in out):
        out.sort(key=lambda v: getattr(v, CREATION_ORDER_ATTR))
    return out
