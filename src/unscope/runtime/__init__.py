"""The unscope runtime: TF1 variable-scope semantics on public TF2 APIs.

In a TF1 graph every function here is ``tf.compat.v1``'s own; in eager mode and under
``tf.function`` they use unscope's variable store, owned by ``unscope.track`` modules.
"""
from unscope.runtime.collections import (
    GraphKeys,
    add_to_collection,
    add_to_collections,
    get_collection,
    get_collection_ref,
    global_variables,
    local_variables,
    model_variables,
    trainable_variables,
)
from unscope.runtime.getter import get_local_variable
from unscope.runtime.getter import get_variable_api as get_variable
from unscope.runtime.mode import is_tf1_graph
from unscope.runtime.partitioned import PartitionedVariable
from unscope.runtime.scope import AUTO_REUSE, VariableScope, get_variable_scope, variable_scope
from unscope.runtime.store import reset_default_store
from unscope.runtime.template import Template, make_template
from unscope.runtime.track import Tracked, track


def no_regularizer(_):
    """Use this to turn off a scope's regularizer for one variable (TF1 ``no_regularizer``)."""
    return None


__all__ = [
    "AUTO_REUSE", "GraphKeys", "PartitionedVariable", "Template", "Tracked", "VariableScope",
    "add_to_collection", "add_to_collections", "get_collection", "get_collection_ref",
    "get_local_variable", "get_variable", "get_variable_scope", "global_variables",
    "is_tf1_graph", "local_variables", "make_template", "model_variables", "no_regularizer",
    "reset_default_store", "track", "trainable_variables", "variable_scope",
]
