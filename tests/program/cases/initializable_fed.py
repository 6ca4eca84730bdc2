import numpy as np
import tensorflow as tf


def regressor(x):
    with tf.variable_scope("regressor"):
        return tf.layers.dense(x, 1, name="out")


features = np.ones([8, 3])
targets = np.zeros([8, 1])
features_ph = tf.placeholder(tf.float32, [None, 3])
targets_ph = tf.placeholder(tf.float32, [None, 1])
dataset = tf.data.Dataset.from_tensor_slices((features_ph, targets_ph))
dataset = dataset.batch(4)
iterator = dataset.make_initializable_iterator()
x, y = iterator.get_next()
loss = tf.reduce_mean(tf.square(regressor(x) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(2):
        sess.run(iterator.initializer, feed_dict={features_ph: features, targets_ph: targets})
        while True:
            try:
                _, value = sess.run([train_op, loss])
            except tf.errors.OutOfRangeError:
                break
        print(epoch, value)
# output
import numpy as np
import tensorflow as tf
from unscope import nn


class Regressor(nn.Module):
    def __init__(self, name="regressor"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


features = np.ones([8, 3])
targets = np.zeros([8, 1])


def make_dataset(features_ph, targets_ph):
    """The pipeline TF1 made at each run of iterator.initializer from the values fed to its placeholders."""
    features_ph = tf.convert_to_tensor(features_ph, tf.float32)  # as feed_dict converted it
    targets_ph = tf.convert_to_tensor(targets_ph, tf.float32)  # as feed_dict converted it
    dataset = tf.data.Dataset.from_tensor_slices((features_ph, targets_ph))
    dataset = dataset.batch(4)
    return dataset


dataset = make_dataset(tf.zeros([0, 3], tf.float32), tf.zeros([0, 1], tf.float32))  # empty: for its element_spec
regressor = Regressor()
regressor(tf.zeros([d or 1 for d in dataset.element_spec[0].shape], dataset.element_spec[0].dtype))  # makes the variables now, as TF1's graph did
optimizer = nn.GradientDescent(0.1)
optimizer.build(regressor.trainable_variables)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    *dataset.element_spec,
])
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(regressor(x) - y))
    variables = regressor.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


for epoch in range(2):
    iterator = iter(make_dataset(features, targets))
    for x, y in iterator:
        value = train_step(x, y).numpy()
    print(epoch, value)
