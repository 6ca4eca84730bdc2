# warns: 4:9 tf.data.Dataset.make_one_shot_iterator: manual: part of the program kept in TF1 form (line 6: see that finding)
# warns: 5:6 tf.Session: manual: part of the program kept in TF1 form (line 6: see that finding)
# warns: 6:11 tf.Session.run: manual: the Session program is kept in TF1 form: a fetch that is not a tensor, a variable or a train op - rewrite it by hand or keep it on tf.compat.v1
import tensorflow as tf

dataset = tf.data.Dataset.from_tensor_slices([1.0, 2.0, 3.0]).batch(2)
batch = dataset.make_one_shot_iterator().get_next()
with tf.Session() as sess:
    print(sess.run(batch))
