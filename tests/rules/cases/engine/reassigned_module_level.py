# warns: 1:1 import: manual: `layers` is imported from TensorFlow and reassigned in this module; its uses were left unchanged
import tensorflow.compat.v1 as tf
from tensorflow.compat.v1 import layers

layers = [1, 2]
w = tf.get_variable("w", [])
# output
import tensorflow as tf
from tensorflow.compat.v1 import layers
import unscope

layers = [1, 2]
w = unscope.get_variable("w", [])
