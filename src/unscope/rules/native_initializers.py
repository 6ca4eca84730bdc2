"""Migration rule `native_initializers` (see the class docstring)."""
from unscope.rules import Rule

# canonical TF1 API -> unscope.nn.initializers name; the arguments are TF1's, in TF1's order.
INITIALIZERS = {
    "tf.random_normal_initializer": "random_normal",
    "tf.initializers.random_normal": "random_normal",
    "tf.random_uniform_initializer": "random_uniform",
    "tf.initializers.random_uniform": "random_uniform",
    "tf.truncated_normal_initializer": "truncated_normal",
    "tf.initializers.truncated_normal": "truncated_normal",
    "tf.uniform_unit_scaling_initializer": "uniform_unit_scaling",
    "tf.initializers.uniform_unit_scaling": "uniform_unit_scaling",
    "tf.variance_scaling_initializer": "variance_scaling",
    "tf.initializers.variance_scaling": "variance_scaling",
    "tf.glorot_uniform_initializer": "glorot_uniform",
    "tf.initializers.glorot_uniform": "glorot_uniform",
    "tf.glorot_normal_initializer": "glorot_normal",
    "tf.initializers.glorot_normal": "glorot_normal",
    "tf.initializers.he_normal": "he_normal",
    "tf.initializers.he_uniform": "he_uniform",
    "tf.initializers.lecun_normal": "lecun_normal",
    "tf.initializers.lecun_uniform": "lecun_uniform",
    "tf.orthogonal_initializer": "orthogonal",
    "tf.initializers.orthogonal": "orthogonal",
    "tf.initializers.identity": "identity",
    "tf.contrib.layers.xavier_initializer": "xavier",
    "tf.contrib.layers.xavier_initializer_conv2d": "xavier",
    "tf.contrib.layers.variance_scaling_initializer": "contrib_variance_scaling",
    "slim.xavier_initializer": "xavier",
    "slim.xavier_initializer_conv2d": "xavier",
    "slim.variance_scaling_initializer": "contrib_variance_scaling",
    "slim.initializers.xavier_initializer": "xavier",
    "slim.initializers.variance_scaling_initializer": "contrib_variance_scaling",
}
_LAST = frozenset(api.rpartition(".")[2] for api in INITIALIZERS)


def nn_binding(table) -> str | None:
    """The name native output binds `unscope.nn` to (`from unscope import nn`, or a vendored
    copy, `import unscope_nn as nn`), or None when nothing in the file was made native."""
    for name, bound in table.aliases().items():
        if bound == "unscope.nn" or bound.rpartition(".")[2] == "unscope_nn":
            return name
    return None


class NativeInitializers(Rule):
    """Native output draws initial values with TF1's exact initializers, honouring seeds.

        w = nn.variable(f"{name}/w", [4, 8], initializer=tf.truncated_normal_initializer(stddev=0.02))  # before
        w = nn.variable(f"{name}/w", [4, 8], initializer=nn.initializers.truncated_normal(stddev=0.02))  # after

    Keras 3's ``tf.initializers.*`` ignore ``tf.random.set_seed`` (every run starts from other
    values) and TF2 core has no truncated-normal, variance-scaling or orthogonal initializer;
    ``unscope.nn.initializers`` has TF1's, with TF1's arguments, on seeded TF core random ops.
    Only files that native mode changed (they import ``unscope.nn``) are touched; elsewhere
    the ``tf.compat.v1`` twins stay.
    """

    DESCRIPTION = "native mode: TF1 random initializers -> nn.initializers (exact, seed-honouring)"
    MODES = ("native",)
    ORDER = 25

    def apply(self, ctx) -> None:
        nn = nn_binding(ctx.table)
        if nn is None:
            return
        for ref in ctx.refs:
            if ref.claimed or not (ref.words & _LAST):
                continue
            hit = ctx.match(ref, INITIALIZERS)
            if hit is None or hit[0] == 0:
                continue  # `from tensorflow... import xavier_initializer`: the import rules handle it
            depth, api = hit
            ctx.replace_text(ref, depth, f"{nn}.initializers.{INITIALIZERS[api]}")
