# warns: 31:12 tf.concat_v2: manual: tf.concat_v2 is not in TensorFlow 2.21.0 (neither TF2 nor tf.compat.v1); left unchanged
# warns: 36:16 tf.image_summary: manual: tf.image_summary is not in TensorFlow 2.21.0 (neither TF2 nor tf.compat.v1); left unchanged
# warns: 43:16 tf.image_summary: manual: tf.image_summary is not in TensorFlow 2.21.0 (neither TF2 nor tf.compat.v1); left unchanged
import tensorflow as tf

try:
    image_summary = tf.image_summary
    SummaryWriter = tf.train.SummaryWriter
except:
    image_summary = tf.summary.image
    SummaryWriter = tf.summary.FileWriter

try:
    merge_summary = tf.merge_summary
except (ImportError, AttributeError):
    merge_summary = tf.summary.merge

if "concat_v2" in dir(tf):
    def concat(tensors, axis):
        return tf.concat_v2(tensors, axis)
else:
    def concat(tensors, axis):
        return tf.concat(tensors, axis)


def deconv(x, w, shape):
    try:
        return tf.nn.conv2d_transpose(x, w, output_shape=shape, strides=[1, 2, 2, 1])
    except AttributeError:  # TF < 0.7
        return tf.nn.deconv2d(x, w, output_shape=shape, strides=[1, 2, 2, 1])


if hasattr(tf, "concat"):
    both = tf.concat_v2   # tested for another name: still a finding


def image_op():
    try:
        return tf.image_summary  # `except Exception` may hide more than the name: a finding
    except Exception:
        return None


def image_op_or_error():
    try:
        return tf.image_summary  # the handler only raises: TF 2 fails here, a finding
    except AttributeError:
        raise ImportError("needs TensorFlow 0.12")
# output
import tensorflow as tf
import unscope

try:
    image_summary = tf.image_summary
    SummaryWriter = tf.train.SummaryWriter
except:
    image_summary = tf.compat.v1.summary.image
    SummaryWriter = tf.compat.v1.summary.FileWriter

try:
    merge_summary = tf.merge_summary
except (ImportError, AttributeError):
    merge_summary = tf.compat.v1.summary.merge

if "concat_v2" in dir(tf):
    def concat(tensors, axis):
        return tf.concat_v2(tensors, axis)
else:
    def concat(tensors, axis):
        return tf.concat(tensors, axis)


def deconv(x, w, shape):
    try:
        return unscope.conv2d_transpose(x, w, output_shape=shape, strides=[1, 2, 2, 1])
    except AttributeError:  # TF < 0.7
        return tf.nn.deconv2d(x, w, output_shape=shape, strides=[1, 2, 2, 1])


if hasattr(tf, "concat"):
    both = tf.concat_v2   # tested for another name: still a finding


def image_op():
    try:
        return tf.image_summary  # `except Exception` may hide more than the name: a finding
    except Exception:
        return None


def image_op_or_error():
    try:
        return tf.image_summary  # the handler only raises: TF 2 fails here, a finding
    except AttributeError:
        raise ImportError("needs TensorFlow 0.12")
