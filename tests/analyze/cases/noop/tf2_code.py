import tensorflow as tf

class Dense(tf.Module):
    def __init__(self, n):
        super().__init__(name="dense")
        self.w = tf.Variable(tf.zeros([3, n]), name="w")

    @tf.function
    def __call__(self, x):
        with tf.name_scope("apply"):
            return tf.nn.relu(tf.matmul(x, self.w))
