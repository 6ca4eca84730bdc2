import tensorflow as tf


class Dense(tf.Module):
    def __init__(self, n):
        super().__init__()
        self.w = tf.Variable(tf.random.normal([3, n]), name="w")

    @tf.function
    def __call__(self, x):
        return tf.nn.relu(tf.matmul(x, self.w))
