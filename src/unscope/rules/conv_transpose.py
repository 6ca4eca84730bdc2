"""Migration rule `conv_transpose` (see the class docstring)."""
from unscope.migrate.context import unscope_target
from unscope.rules import Rule

# TF1 transposed convolutions whose TF 2.21 result loses the batch dimension of a constant
# output_shape when the input's batch dimension is unknown (tests/runtime/test_static_shapes.py)
RENAMES = {
    "tf.nn.conv2d_transpose": "conv2d_transpose",
    "tf.nn.conv1d_transpose": "conv1d_transpose",
    "tf.nn.atrous_conv2d_transpose": "atrous_conv2d_transpose",
}


class ConvTranspose(Rule):
    """``tf.nn.conv2d_transpose`` -> ``unscope.conv2d_transpose`` (TF 1.15's static output shape).

        y = tf.nn.conv2d_transpose(x, w, [4, 8, 8, 3], [1, 2, 2, 1], "SAME")        # before
        y = unscope.conv2d_transpose(x, w, [4, 8, 8, 3], [1, 2, 2, 1], "SAME")      # after

    Same TF1 signature; the result's static shape is set from ``output_shape`` where that is
    known before run time, as TF 1.15 did, so ``tf.reshape(y, y.get_shape())`` keeps working.
    Compat mode only: native output depends on TensorFlow alone.
    """

    DESCRIPTION = "tf.nn.conv2d_transpose / conv1d / atrous -> unscope's, keeping the static output shape"
    MODES = ("compat",)
    ORDER = 45

    def apply(self, ctx) -> None:
        for ref in ctx.refs:
            if ref.claimed or not ({"conv2d_transpose", "conv1d_transpose", "atrous_conv2d_transpose"}
                                   & ref.words):
                continue
            hit = ctx.match(ref, RENAMES)
            if hit is not None:
                depth, api = hit
                ctx.replace(ref, depth, unscope_target(RENAMES[api]))
