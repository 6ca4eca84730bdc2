"""Migration rule `collections` (see the class docstring)."""
from unscope.rules import RenameRule


class Collections(RenameRule):
    """Graph collections -> the unscope runtime's collections (TF1's own in a TF1 graph).

    losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)            # before
    losses = unscope.get_collection(unscope.GraphKeys.REGULARIZATION_LOSSES)  # after
    params = tf.trainable_variables("model")                                 # before
    params = unscope.trainable_variables("model")                            # after
    """

    DESCRIPTION = "get_collection, add_to_collection(s), GraphKeys, *_variables() -> unscope.*"
    ORDER = 20
    RENAMES = {
        "tf.get_collection": "get_collection",
        "tf.get_collection_ref": "get_collection_ref",
        "tf.add_to_collection": "add_to_collection",
        "tf.add_to_collections": "add_to_collections",
        "tf.GraphKeys": "GraphKeys",
        "tf.trainable_variables": "trainable_variables",
        "tf.global_variables": "global_variables",
        "tf.all_variables": "global_variables",
        "tf.local_variables": "local_variables",
        "tf.model_variables": "model_variables",
    }
