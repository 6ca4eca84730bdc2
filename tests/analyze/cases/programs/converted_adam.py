# warns: 6:10 tf.variable_scope: native: static scope: becomes a tf.Module in native mode [model, reuse: create]
# warns: 7:13 tf.get_variable: native: becomes a tf.Variable owned by its tf.Module, with its TF1 name [model/w, reuse: create]
# warns: 12:9 tf.placeholder: native: an argument of the tf.function that runs it (input_signature from its dtype and shape), or of the function that makes the pipeline it feeds at each initializer run
# warns: 13:9 tf.placeholder: native: an argument of the tf.function that runs it (input_signature from its dtype and shape), or of the function that makes the pipeline it feeds at each initializer run
# warns: 15:12 tf.train.get_or_create_global_step: native: unscope.nn.create_global_step(), counted by apply_gradients
# warns: 16:16 tf.train.AdamOptimizer: native: the unscope.nn optimizer of the same name: TF1's update, slots named as TF1 named them
# warns: 16:16 tf.train.Optimizer.minimize: native: a tf.function train step with a tf.GradientTape and the unscope.nn optimizer
# warns: 17:13 tf.train.Saver: native: tf.train.Checkpoint (+ CheckpointManager); restore also reads TF1 checkpoints
# warns: 18:10 tf.Session: native: the program runs eagerly: the model built once, each distinct sess.run a tf.function
# warns: 19:9 tf.Session.run: native: a call of a tf.function whose arguments are the placeholders it feeds
# warns: 19:18 tf.global_variables_initializer: native: dropped: variables are initialized when their module builds
# warns: 21:24 tf.Session.run: native: a call of a tf.function whose arguments are the placeholders it feeds
# warns: 23:9 tf.train.Saver.save: native: CheckpointManager.save
import numpy as np
import tensorflow as tf


def model(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w", [3, 1])
        return tf.matmul(x, w)


def main():
    x = tf.placeholder(tf.float32, [None, 3])
    y = tf.placeholder(tf.float32, [None, 1])
    loss = tf.reduce_mean(tf.square(model(x) - y))
    step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=step)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            _, value = sess.run([train_op, loss], feed_dict={x: np.ones([2, 3]), y: np.ones([2, 1])})
            print(value)
        saver.save(sess, "/tmp/model.ckpt", global_step=step)


if __name__ == "__main__":
    main()
