"""Migration rule `make_template` (see the class docstring)."""
from unscope.rules import RenameRule


class MakeTemplate(RenameRule):
    """``tf.make_template`` -> ``unscope.make_template`` (variables created once, then shared).

    scale = tf.make_template("scale", scale_fn)       # before
    scale = unscope.make_template("scale", scale_fn)  # after
    """

    DESCRIPTION = "tf.make_template -> unscope.make_template"
    ORDER = 20
    RENAMES = {"tf.make_template": "make_template"}
