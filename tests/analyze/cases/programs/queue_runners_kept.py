# warns: 3:1 tf.train.string_input_producer: manual: the Session program is kept in TF1 form: tf.train.string_input_producer in the graph code outside a model function - rewrite it by hand or keep it on tf.compat.v1
# warns: 5:6 tf.Session: manual: part of the program kept in TF1 form (line 3: see that finding)
# warns: 6:13 tf.train.Coordinator: manual: part of the program kept in TF1 form (line 3: see that finding)
# warns: 7:15 tf.train.start_queue_runners: manual: part of the program kept in TF1 form (line 3: see that finding)
# warns: 8:11 tf.Session.run: manual: part of the program kept in TF1 form (line 3: see that finding)
import tensorflow as tf

files = tf.train.string_input_producer(["a.csv", "b.csv"])
_, line = tf.TextLineReader().read(files)
with tf.Session() as sess:
    coord = tf.train.Coordinator()
    threads = tf.train.start_queue_runners(sess=sess, coord=coord)
    print(sess.run(line))
    coord.request_stop()
    coord.join(threads)
