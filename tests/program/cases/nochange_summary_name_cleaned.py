# finding: a summary name or family TF1 would clean ('total loss')
import tensorflow as tf

x = tf.placeholder(tf.float32, [None])
total = tf.reduce_sum(x)
summary = tf.summary.scalar("total loss", total)
with tf.Session() as sess:
    print(sess.run([total, summary], {x: [1.0, 2.0]}))
