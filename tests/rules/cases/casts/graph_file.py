# warns: 4:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1; to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

x = tf.placeholder(tf.int32, [None])
y = tf.to_float(x)
