# warns: 3:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added after its import, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.reduce_sum(x * 2.0, axis=1)
# output
import tensorflow as tf
tf.compat.v1.disable_v2_behavior()

x = tf.compat.v1.placeholder(tf.float32, [None, 3], name="x")
y = tf.reduce_sum(x * 2.0, axis=1)
