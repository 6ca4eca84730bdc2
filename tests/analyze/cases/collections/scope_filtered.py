# warns: 4:14 tf.get_collection: manual: selects variables by name (scope= filter); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
# warns: 5:14 tf.trainable_variables: manual: selects variables by name (scope= filter); migration keeps TF1 variable names, so it keeps working - review it if you rename scopes
import tensorflow as tf

def split_vars():
    d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
    g_vars = tf.trainable_variables("generator")
    return d_vars, g_vars
