import sys

import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


def main():
    checkpoint = sys.argv[1]
    optimizer = "sgd"
    x = tf.placeholder(tf.float32, [None, 2])
    loss = tf.reduce_mean(net(x))
    train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        saver.restore(sess, checkpoint)
        sess.run(train_op, feed_dict={x: [[1.0, 2.0]]})
        print(optimizer, sess.run(loss, feed_dict={x: [[1.0, 2.0]]}))
        saver.save(sess, checkpoint)


if __name__ == "__main__":
    main()
# output
import sys

import tensorflow as tf
from unscope import nn
from unscope.program import restore


class Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


def main():
    checkpoint = sys.argv[1]
    optimizer = "sgd"
    net = Net()
    net(tf.zeros([1, 2], tf.float32))  # makes the variables now, as TF1's graph did
    optimizer_2 = nn.GradientDescent(0.5)
    optimizer_2.build(net.trainable_variables)  # slots now, as TF1's minimize() made them
    checkpoint_2 = tf.train.Checkpoint(model=net, optimizer=optimizer_2)

    @tf.function(input_signature=[
        tf.TensorSpec([None, 2], tf.float32),
    ])
    def train_step(x):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(net(x))
        variables = net.trainable_variables
        grads = tape.gradient(loss, variables)
        optimizer_2.apply_gradients(zip(grads, variables))

    @tf.function(input_signature=[
        tf.TensorSpec([None, 2], tf.float32),
    ])
    def compute_loss(x):
        loss = tf.reduce_mean(net(x))
        return loss

    restore(checkpoint, model=net, optimizer=optimizer_2)
    train_step([[1.0, 2.0]])
    print(optimizer, compute_loss([[1.0, 2.0]]).numpy())
    checkpoint_2.write(checkpoint)


if __name__ == "__main__":
    main()
