# flags: --mode native
# warns: 9:5 tf.placeholder: manual: graph-mode code (placeholders / Session) kept on tf.compat.v1 (disable_v2_behavior() added after its import, as TF1 ran graphs); to run eagerly, drop the Session and call the model through unscope.track
# warns: 13:6 tf.train.MonitoredSession: manual: the program is kept in TF1 form: it runs MonitoredSession (hooks, its own saver), which this version does not convert to TF2 - write the training loop with tf.function by hand
import tensorflow as tf


def model(x):
    with tf.variable_scope("model"):
        return tf.layers.dense(x, 1, name="out")


x = tf.placeholder(tf.float32, [None, 3])
loss = tf.reduce_mean(model(x))
step = tf.train.get_or_create_global_step()
checkpoint = tf.train.Checkpoint(step=step)
with tf.train.MonitoredSession() as sess:
    print(sess.run(loss, {x: [[1.0, 2.0, 3.0]]}))
    checkpoint.save("/tmp/ckpt", session=sess)
# output
import tensorflow as tf
tf.compat.v1.disable_v2_behavior()
from unscope import nn
import unscope


class Model(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


# model: public, kept as TF1 code for callers elsewhere; Model above is its native form
def model(x):
    with unscope.variable_scope("model"):
        return unscope.layers.dense(x, 1, name="out")


x = tf.compat.v1.placeholder(tf.float32, [None, 3])
loss = tf.reduce_mean(Model()(x))
step = tf.compat.v1.train.get_or_create_global_step()
checkpoint = tf.compat.v1.train.Checkpoint(step=step)
with tf.compat.v1.train.MonitoredSession() as sess:
    print(sess.run(loss, {x: [[1.0, 2.0, 3.0]]}))
    checkpoint.save("/tmp/ckpt", session=sess)
