# warns: 4:5 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime
# warns: 5:12 tf.get_collection: compat: custom collection kept by the compat runtime
# warns: 6:11 tf.get_collection_ref: compat: user-managed collections are kept by the compat runtime
# warns: 7:23 tf.GraphKeys.SUMMARIES: compat: collection key used directly; kept by the compat runtime
import tensorflow as tf

def f(x):
    tf.add_to_collection("activations", x)
    acts = tf.get_collection("activations")
    ref = tf.get_collection_ref(tf.GraphKeys.SUMMARIES)
    return acts, ref, tf.GraphKeys.SUMMARIES
