import sys

import numpy as np
import tensorflow as tf


def scorer(features):
    with tf.variable_scope("scorer"):
        return tf.layers.dense(features, 2, name="out")


def main():
    features = tf.placeholder(tf.float32, [None, 5], name="features")
    probabilities = tf.nn.softmax(scorer(features))
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, sys.argv[1])
        print(sess.run(probabilities, feed_dict={features: np.ones([3, 5], np.float32)}))


if __name__ == "__main__":
    main()
# output
import sys

import numpy as np
import tensorflow as tf
from unscope import nn
from unscope.program import restore


class Scorer(nn.Module):
    def __init__(self, name="scorer"):
        super().__init__(name=name)
        self.out = nn.Dense(2, name=f"{name}/out")

    def __call__(self, features):
        return self.out(features)


def main():
    scorer = Scorer()
    scorer(tf.zeros([1, 5], tf.float32))  # makes the variables now, as TF1's graph did

    @tf.function(input_signature=[
        tf.TensorSpec([None, 5], tf.float32, name="features"),
    ])
    def compute_probabilities(features):
        probabilities = tf.nn.softmax(scorer(features))
        return probabilities

    restore(sys.argv[1], model=scorer)
    print(compute_probabilities(np.ones([3, 5], np.float32)).numpy())


if __name__ == "__main__":
    main()
