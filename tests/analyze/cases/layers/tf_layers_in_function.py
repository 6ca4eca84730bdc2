# warns: 4:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [mlp, reuse: create]
# warns: 5:13 tf.layers.dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [mlp/dense, reuse: create]
# warns: 6:13 tf.layers.dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [mlp/dense_1, reuse: create]
# warns: 7:13 tf.layers.batch_normalization: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [mlp/bn, reuse: create]
# warns: 8:13 tf.layers.dropout: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [mlp/dropout, reuse: create]
# warns: 9:16 tf.layers.dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [mlp/out, reuse: create]
import tensorflow as tf

def mlp(x, training):
    with tf.variable_scope("mlp"):
        h = tf.layers.dense(x, 64, activation=tf.nn.relu)
        h = tf.layers.dense(h, 64)
        h = tf.layers.batch_normalization(h, training=training, name="bn")
        h = tf.layers.dropout(h, 0.1, training=training)
        return tf.layers.dense(h, 1, name="out")
