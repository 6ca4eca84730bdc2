import tensorflow as tf


def train(loss, step):
    opt = tf.train.AdamOptimizer(1e-3)
    tf.summary.scalar("loss", loss)
    init = tf.truncated_normal_initializer(stddev=0.02)
    tf.logging.info("step %d", step)
    ok = tf.where(loss > 0, loss, -loss)
    return opt.minimize(loss, global_step=tf.train.get_or_create_global_step()), init, ok
# output
import tensorflow as tf


def train(loss, step):
    opt = tf.compat.v1.train.AdamOptimizer(1e-3)
    tf.compat.v1.summary.scalar("loss", loss)
    init = tf.compat.v1.truncated_normal_initializer(stddev=0.02)
    tf.compat.v1.logging.info("step %d", step)
    ok = tf.compat.v1.where(loss > 0, loss, -loss)
    return opt.minimize(loss, global_step=tf.compat.v1.train.get_or_create_global_step()), init, ok
