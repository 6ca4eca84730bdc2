"""The TF1 training script of benchmarks/train_step_speed.py: GPT-2-style model, Adam, Session loop."""
import numpy as np
import tensorflow as tf

from gpt2_tf1 import CTX, VOCAB, model

BATCH = 8


def main():
    ids = tf.placeholder(tf.int32, [8, 128])
    labels = tf.placeholder(tf.int32, [8, 128])
    logits = model(ids)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=tf.reshape(labels, [-1]), logits=logits))
    step = tf.train.get_or_create_global_step()
    train_op = tf.train.AdamOptimizer(1e-4).minimize(loss, global_step=step)
    rng = np.random.RandomState(0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(3):
            batch = rng.randint(0, VOCAB, size=(BATCH, CTX + 1)).astype(np.int32)
            _, value = sess.run([train_op, loss], feed_dict={ids: batch[:, :-1], labels: batch[:, 1:]})
            print(value)


if __name__ == "__main__":
    main()
