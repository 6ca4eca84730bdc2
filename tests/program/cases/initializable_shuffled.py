import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).shuffle(8, seed=1).batch(4)
iterator = tf.data.make_initializable_iterator(dataset)
batch = iterator.get_next()
loss = tf.reduce_mean(tf.square(net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(2):
        sess.run(iterator.initializer)
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


class Net(nn.Module):
    def __init__(self, name="net"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


def make_dataset():
    """The pipeline TF1 made at each run of iterator.initializer, its shuffle seeds restarting there."""
    dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).shuffle(8, seed=1).batch(4)
    return dataset


dataset = make_dataset()  # for its element_spec
net = Net()
net(tf.zeros([d or 1 for d in dataset.element_spec.shape], dataset.element_spec.dtype))  # makes the variables now, as TF1's graph did
optimizer = nn.GradientDescent(0.1)
optimizer.build(net.trainable_variables)  # slots now, as TF1's minimize() made them


@tf.function(input_signature=[
    dataset.element_spec,
])
def train_step(batch):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(net(batch)))
    variables = net.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


for epoch in range(2):
    iterator = iter(make_dataset())
    for batch in iterator:
        value = train_step(batch).numpy()
    print(epoch, value)
