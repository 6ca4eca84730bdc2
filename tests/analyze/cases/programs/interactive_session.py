# warns: 3:8 tf.InteractiveSession: manual: outside a Session program the program pass converts (`with tf.Session() as sess:` at module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 - move the training loop into such a program or port it by hand
# warns: 4:5 tf.placeholder: manual: outside a Session program the program pass converts (`with tf.Session() as sess:` at module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 - move the training loop into such a program or port it by hand
# warns: 5:7 tf.Session.run: manual: outside a Session program the program pass converts (`with tf.Session() as sess:` at module level, in the __main__ guard or in the function it calls); kept on tf.compat.v1 - move the training loop into such a program or port it by hand
import tensorflow as tf

sess = tf.InteractiveSession()
x = tf.placeholder(tf.float32, [2])
print(sess.run(x * 2.0, feed_dict={x: [1.0, 2.0]}))
sess.close()
