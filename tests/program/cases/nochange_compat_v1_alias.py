# finding: converted only when TensorFlow is imported as `import tensorflow as tf`
import tensorflow.compat.v1 as tf


def model(x):
    with tf.variable_scope("model"):
        return tf.layers.dense(x, 1, name="out")


def main():
    x = tf.placeholder(tf.float32, [None, 2])
    out = model(x)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        print(sess.run(out, feed_dict={x: [[1.0, 2.0]]}))


if __name__ == "__main__":
    main()
