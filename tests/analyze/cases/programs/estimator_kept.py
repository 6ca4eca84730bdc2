# warns: 5:14 tf.layers.dense: native: tf.layers is gone with Keras 3; native mode uses an unscope.nn layer object keeping TF1 names [dense, reuse: create]
# warns: 7:16 tf.train.GradientDescentOptimizer: manual: part of the program kept in TF1 form (line 13: see that finding)
# warns: 7:16 tf.train.Optimizer.minimize: manual: part of the program kept in TF1 form (line 13: see that finding)
# warns: 9:12 tf.estimator.EstimatorSpec: manual: part of the program kept in TF1 form (line 13: see that finding)
# warns: 13:17 tf.estimator.Estimator: manual: the program is kept in TF1 form: it runs an Estimator (model_fn, input_fn), which this version does not convert to TF2 - write the training loop with tf.function by hand
import tensorflow as tf


def model_fn(features, labels, mode):
    logits = tf.layers.dense(features["x"], 1)
    loss = tf.losses.mean_squared_error(labels, logits)
    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(
        loss, global_step=tf.train.get_global_step())
    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)


if __name__ == "__main__":
    estimator = tf.estimator.Estimator(model_fn, model_dir="/tmp/est")
