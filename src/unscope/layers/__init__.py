"""TF1 ``tf.layers`` (``tf.compat.v1.layers``) on unscope's ``variable_scope``/``get_variable``.

Same signatures, defaults and variable names as TF1 (``dense/kernel``, ``conv2d_1/bias``,
``batch_normalization/moving_mean``), in a TF1 graph, in eager mode and under
``tf.function`` (inside ``unscope.track``), without Keras::

    import unscope

    @unscope.track
    def model(images, training):
        h = unscope.layers.conv2d(images, 32, 3, padding="same", activation=tf.nn.relu)
        h = unscope.layers.batch_normalization(h, training=training)
        h = unscope.layers.max_pooling2d(h, 2, 2)
        return unscope.layers.dense(unscope.layers.flatten(h), 10)
"""
from unscope.layers.base import InputSpec, Layer
from unscope.layers.convolutional import (
    Conv1D,
    Conv2D,
    Conv2DTranspose,
    Conv3D,
    Conv3DTranspose,
    SeparableConv1D,
    SeparableConv2D,
    conv1d,
    conv2d,
    conv2d_transpose,
    conv3d,
    conv3d_transpose,
    separable_conv1d,
    separable_conv2d,
)
from unscope.layers.core import Dense, Dropout, Flatten, dense, dropout, flatten
from unscope.layers.normalization import BatchNormalization, batch_normalization
from unscope.layers.pooling import (
    AveragePooling1D,
    AveragePooling2D,
    AveragePooling3D,
    MaxPooling1D,
    MaxPooling2D,
    MaxPooling3D,
    average_pooling1d,
    average_pooling2d,
    average_pooling3d,
    max_pooling1d,
    max_pooling2d,
    max_pooling3d,
)

# TF1's aliases (tf.layers.Convolution2D, ...); tf.compat.v1.layers exported only the names above.
Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
SeparableConvolution2D = SeparableConv2D
Convolution2DTranspose = Deconvolution2D = Deconv2D = Conv2DTranspose
Convolution3DTranspose = Deconvolution3D = Deconv3D = Conv3DTranspose
convolution1d = conv1d
convolution2d = conv2d
convolution3d = conv3d
separable_convolution2d = separable_conv2d
convolution2d_transpose = deconvolution2d = deconv2d = conv2d_transpose
convolution3d_transpose = deconvolution3d = deconv3d = conv3d_transpose
AvgPool2D = AveragePooling2D
MaxPool2D = MaxPooling2D
avg_pool2d = average_pooling2d
max_pool2d = max_pooling2d

__all__ = [
    "AveragePooling1D", "AveragePooling2D", "AveragePooling3D", "BatchNormalization", "Conv1D",
    "Conv2D", "Conv2DTranspose", "Conv3D", "Conv3DTranspose", "Dense", "Dropout", "Flatten",
    "InputSpec", "Layer", "MaxPooling1D", "MaxPooling2D", "MaxPooling3D", "SeparableConv1D",
    "SeparableConv2D", "average_pooling1d", "average_pooling2d", "average_pooling3d",
    "batch_normalization", "conv1d", "conv2d", "conv2d_transpose", "conv3d", "conv3d_transpose",
    "dense", "dropout", "flatten", "max_pooling1d", "max_pooling2d", "max_pooling3d",
    "separable_conv1d", "separable_conv2d",
]
