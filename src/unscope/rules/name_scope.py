"""Migration rule `name_scope` (see the class docstring)."""
import ast

from unscope.rules import Rule


class NameScope(Rule):
    """``tf.name_scope(name)`` stays ``tf.name_scope`` (TF 2's takes only the name).

    with tf.name_scope("loss"):                                  # unchanged
    with tf.name_scope(None, "loss", [x]):                       # before
    with tf.compat.v1.name_scope(None, "loss", [x]):             # after
    """

    DESCRIPTION = "tf.name_scope(name) keeps TF 2's name_scope; other forms -> tf.compat.v1"
    ORDER = 40

    def apply(self, ctx) -> None:
        for ref in ctx.refs:
            if ref.claimed or ref.call is None:
                continue
            info = ctx.tf1_path(ref)
            if info is None or info[2] != "upgrade" or info[0] != ["name_scope"] or info[1] > 0:
                continue
            call = ref.call
            args = list(call.args) + [k.value for k in call.keywords if k.arg == "name"]
            if len(args) != 1 or len(call.args) + len(call.keywords) != 1:
                continue
            arg = args[0]
            if isinstance(arg, ast.Starred) or (isinstance(arg, ast.Constant) and arg.value is None):
                continue
            ref.claimed = True  # same meaning in TF 2
