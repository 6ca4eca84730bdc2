# finding: tf.summary.scalar with other than a literal name and a value
import tensorflow as tf

x = tf.placeholder(tf.float32, [None])
total = tf.reduce_sum(x)
summary = tf.summary.scalar("total", total, family="sums")
with tf.Session() as sess:
    print(sess.run([total, summary], {x: [1.0, 2.0]}))
