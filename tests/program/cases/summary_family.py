import tensorflow as tf

x = tf.placeholder(tf.float32, [None])
total = tf.reduce_sum(x)
summary = tf.summary.scalar("total", total, family="sums")
with tf.Session() as sess:
    total_value, summary_value = sess.run([total, summary], {x: [1.0, 2.0]})
    print(total_value, len(summary_value))
# output
import tensorflow as tf


@tf.function(input_signature=[
    tf.TensorSpec([None], tf.float32),
])
def compute_total_summary(x):
    total = tf.reduce_sum(x)
    summary = tf.raw_ops.ScalarSummary(tags="sums/sums/total", values=total)
    return total, summary


total_value, summary_value = [value.numpy() for value in compute_total_summary([1.0, 2.0])]
print(total_value, len(summary_value))
