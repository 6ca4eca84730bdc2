"""Argument normalisation and output lengths shared by convolution and pooling layers."""
from __future__ import annotations


def normalize_tuple(value, n, name):
    """An int or an n-sequence of ints -> an n-tuple (``kernel_size=3`` -> ``(3, 3)``)."""
    if isinstance(value, int):
        return (value,) * n
    try:
        result = tuple(value)
    except TypeError:
        raise ValueError(f"The `{name}` argument must be a tuple of {n} integers. "
                         f"Received: {value!r}") from None
    if len(result) != n or not all(isinstance(v, int) for v in result):
        raise ValueError(f"The `{name}` argument must be a tuple of {n} integers. Received: {value!r}")
    return result


def normalize_padding(value, allow_causal=False):
    padding = value.lower() if isinstance(value, str) else value
    allowed = ("valid", "same", "causal") if allow_causal else ("valid", "same")
    if padding not in allowed:
        raise ValueError(f"The `padding` argument must be one of {allowed}. Received: {value!r}")
    return padding


def normalize_data_format(value):
    data_format = "channels_last" if value is None else str(value).lower()
    if data_format not in ("channels_first", "channels_last"):
        raise ValueError('The `data_format` argument must be one of "channels_first", '
                         f'"channels_last". Received: {value!r}')
    return data_format


def tf_data_format(data_format, ndim):
    """``channels_last``, 4 -> ``NHWC``; ``channels_first``, 5 -> ``NCDHW``."""
    spatial = {3: "W", 4: "HW", 5: "DHW"}[ndim]
    return "NC" + spatial if data_format == "channels_first" else "N" + spatial + "C"


def conv_output_length(length, kernel, padding, stride, dilation=1):
    if length is None:
        return None
    dilated = kernel + (kernel - 1) * (dilation - 1)
    out = length if padding in ("same", "causal") else length - dilated + 1
    return (out + stride - 1) // stride


def deconv_output_length(length, kernel, padding, stride, dilation=1, output_padding=None):
    """Output length of a transposed convolution; ``output_padding`` (TF1 Keras layers'
    keyword) fixes it instead of the smallest length consistent with ``padding``."""
    if length is None:
        return None
    dilated = kernel + (kernel - 1) * (dilation - 1)
    if output_padding is not None:
        pad = dilated // 2 if padding == "same" else 0
        return (length - 1) * stride + dilated - 2 * pad + output_padding
    if padding == "valid":
        return length * stride + max(dilated - stride, 0)
    return length * stride
