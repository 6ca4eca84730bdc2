"""Migration rule `dropout` (see the class docstring)."""
import ast

from unscope.migrate.calls import has_star
from unscope.rules import Rule

_SIMPLE = (ast.Name, ast.Constant, ast.Attribute, ast.Call, ast.Subscript)


class Dropout(Rule):
    """``tf.nn.dropout(x, keep_prob)`` -> ``tf.nn.dropout(x, rate=1 - keep_prob)`` (TF 2's signature).

    h = tf.nn.dropout(h, keep_prob=0.9)          # before
    h = tf.nn.dropout(h, rate=1 - 0.9)           # after (TF1 computed exactly 1 - keep_prob)
    h = tf.nn.dropout(h, kp)                     # before
    h = tf.nn.dropout(h, 1 - kp)                 # after
    """

    DESCRIPTION = "tf.nn.dropout keep_prob -> rate = 1 - keep_prob"
    ORDER = 40

    def apply(self, ctx) -> None:
        for ref in ctx.refs:
            if ref.claimed or ref.call is None:
                continue
            info = ctx.tf1_path(ref, assume_tf1=ctx.was_tf1)
            if info is None or info[2] != "upgrade" or info[0] != ["nn", "dropout"]:
                continue
            if info[1] > 0 and ref.depth == 0:
                continue  # `from tensorflow.nn import dropout`: the import is rebound instead
            call = ref.call
            if has_star(call):
                continue
            keywords = {k.arg: k for k in call.keywords}
            if "keep_prob" in keywords and ("rate" in keywords or len(call.args) > 1):
                continue
            if "keep_prob" in keywords:
                kw = keywords["keep_prob"]
                start, end = ctx.source.span(kw)
                ctx.edit(start, end, "rate=1 - " + self._operand(ctx, kw.value))
            elif len(call.args) > 1:
                if "rate" in keywords:
                    continue
                arg = call.args[1]
                start, end = ctx.source.span(arg)
                ctx.edit(start, end, "1 - " + self._operand(ctx, arg))
            elif "rate" not in keywords:
                continue
            ref.claimed = True  # tf.nn.dropout is now a valid TF2 call

    @staticmethod
    def _operand(ctx, node) -> str:
        text = ctx.source.segment(node)
        if "#" in text or "\n" in text:
            text = " ".join(text.split())
        return text if isinstance(node, _SIMPLE) else f"({text})"
