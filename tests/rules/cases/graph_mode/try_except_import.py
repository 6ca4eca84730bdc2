# warns: 5:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added after its import, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
try:
    import tensorflow.compat.v1 as tf
except ImportError:
    import tensorflow as tf
p = tf.placeholder(tf.float32, [None, 3])
# output
try:
    import tensorflow.compat.v1 as tf
    tf.disable_v2_behavior()
except ImportError:
    import tensorflow.compat.v1 as tf
p = tf.placeholder(tf.float32, [None, 3])
