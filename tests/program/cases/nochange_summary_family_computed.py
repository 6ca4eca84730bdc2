# finding: tf.summary.scalar with other than a literal name, a value and a literal family=
import tensorflow as tf

FAMILY = "sums"
x = tf.placeholder(tf.float32, [None])
total = tf.reduce_sum(x)
summary = tf.summary.scalar("total", total, family=FAMILY)
with tf.Session() as sess:
    print(sess.run([total, summary], {x: [1.0, 2.0]}))
