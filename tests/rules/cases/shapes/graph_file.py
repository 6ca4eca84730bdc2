# warns: 3:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added after its import, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
import tensorflow.compat.v1 as tf

x = tf.placeholder(tf.float32, [None, 3])
n = x.shape[-1].value
sess = tf.Session()
# output
import tensorflow.compat.v1 as tf
tf.disable_v2_behavior()

x = tf.placeholder(tf.float32, [None, 3])
n = tf.dimension_value(x.shape[-1])
sess = tf.Session()
