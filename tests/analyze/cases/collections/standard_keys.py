# warns: 4:18 tf.get_collection: native: UPDATE_OPS: native mode reads the owning module's variables / losses instead
# warns: 5:11 tf.get_collection: native: REGULARIZATION_LOSSES: native mode reads the owning module's variables / losses instead
# warns: 7:60 tf.trainable_variables: native: trainable_variables: native mode reads the owning module's variables / losses instead
import tensorflow as tf

def train_op(loss, opt):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    reg = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
    with tf.control_dependencies(update_ops):
        return opt.minimize(loss + tf.add_n(reg), var_list=tf.trainable_variables())
