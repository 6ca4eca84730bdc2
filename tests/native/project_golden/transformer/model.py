"""The transformer: blocks of attention and a feed-forward net (TF1, 2018 style)."""
import tensorflow as tf

from transformer import layers
from transformer.layers import layer_norm
from transformer.layers import LayerNorm
from .util import gelu, width
from unscope import nn
import unscope


class Block(nn.Module):
    def __init__(self, n_head, scope):
        super().__init__(name=scope)
        self.n_head = n_head
        self.ln_1 = LayerNorm(f"{scope}/ln_1")
        self.attn = layers.Attention(scope=f"{scope}/attn")
        self.ln_2 = LayerNorm(f"{scope}/ln_2")
        self.fc = layers.Dense(f"{scope}/fc")
        self.mlp_proj = layers.Dense(f"{scope}/mlp_proj")

    def __call__(self, x):
        d = width(x)
        x = x + self.attn(self.ln_1(x), self.n_head)
        h = gelu(self.fc(self.ln_2(x), 4 * d))
        return x + self.mlp_proj(h, d)


# block: public, kept as TF1 code for callers elsewhere; Block above is its native form
def block(x, n_head, scope):
    with unscope.variable_scope(scope):
        d = width(x)
        x = x + layers.attention(layer_norm(x, "ln_1"), n_head)
        h = gelu(layers.dense(layer_norm(x, "ln_2"), 4 * d, "fc"))
        return x + layers.dense(h, d, "mlp_proj")


class Transformer(nn.Module):
    def __init__(self, n_layer=2, n_head=2, scope="model"):
        super().__init__(name=scope)
        self.n_layer = n_layer
        self.h = [Block(n_head, f"{scope}/h{i}") for i in range(n_layer)]
        self.ln_f = LayerNorm(f"{scope}/ln_f")

    def __call__(self, x):
        for i in range(self.n_layer):
            x = self.h[i](x)
        return self.ln_f(x)


# transformer: imported by other files, kept as TF1 code for them (their scopes name its variables); Transformer above is its native form
def transformer(x, n_layer=2, n_head=2, scope="model"):
    with unscope.variable_scope(scope):
        for i in range(n_layer):
            x = block(x, n_head, "h%d" % i)
        return layer_norm(x, "ln_f")
