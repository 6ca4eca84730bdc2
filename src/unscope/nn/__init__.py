"""unscope.nn: plain `tf.Module` layers that keep TF1 variable names.

What `unscope migrate --mode native` emits for `tf.layers` / `tf.contrib.layers` calls.
No variable store, no scopes, no global state: each layer takes `name`, its full TF1 scope
path, and creates `tf.Variable`s named exactly as TF1 named them; sharing is holding the
same object. Variables whose shapes depend on the input are created on the first call.

    import tensorflow as tf
    from unscope import nn

    class Block(nn.Module):
        def __init__(self, name="model/h0"):
            super().__init__(name=name)
            self.ln = nn.LayerNorm(name=f"{name}/ln_1/LayerNorm")
            self.fc = nn.Dense(64, activation=tf.nn.gelu, name=f"{name}/mlp/dense")

        def __call__(self, x):
            return self.fc(self.ln(x))

    block = Block()
    y = block(tf.zeros([2, 16]))
    [v.name for v in block.variables]   # ['model/h0/mlp/dense/bias:0', ...]

Training: `Adam`, `Momentum`, `RMSProp`, `Adagrad`, `GradientDescent` perform TF1's exact
updates with TF1's slot names (`nn.optimizers`), and `nn.schedules` has TF1's learning-rate
decays on `global_step` (`nn.create_global_step()`).

Only TensorFlow and the standard library are needed, and the files import one another
relatively, so `unscope migrate --mode native --vendor DIR` can copy this package into a
user's tree.
"""
from . import initializers
from .args import get_activation
from .batch_norm import BatchNormalization, ContribBatchNorm
from .contrib import ContribConv, ContribConv1D, ContribConv2D, ContribConv3D, FullyConnected
from .conv import Conv1D, Conv2D, Conv2DTranspose, Conv3D, SeparableConv2D
from .dense import Dense
from .dropout import Dropout
from .flatten import Flatten
from .layer_norm import LayerNorm
from .module import Module
from .optimizer import Optimizer
from .optimizers import Adagrad, Adam, GradientDescent, Momentum, RMSProp
from .regularizers import l1_l2_regularizer, l1_regularizer, l2_regularizer
from .pooling import (AveragePooling1D, AveragePooling2D, AveragePooling3D, MaxPooling1D,
                      MaxPooling2D, MaxPooling3D)
from .schedules import create_global_step
from .selection import variables_under
from .variables import glorot_uniform, variable

__all__ = [
    "Adagrad", "Adam", "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "BatchNormalization",
    "ContribBatchNorm", "ContribConv", "ContribConv1D", "ContribConv2D", "ContribConv3D",
    "Conv1D", "Conv2D", "Conv2DTranspose", "Conv3D", "Dense", "Dropout", "Flatten",
    "FullyConnected", "GradientDescent", "LayerNorm", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "Module",
    "Momentum", "Optimizer", "RMSProp", "SeparableConv2D", "create_global_step", "get_activation", "glorot_uniform", "initializers", "variable",
]
