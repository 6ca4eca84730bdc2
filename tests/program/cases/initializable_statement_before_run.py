import numpy as np
import tensorflow as tf


def net(x):
    with tf.variable_scope("net"):
        return tf.layers.dense(x, 1, name="out")


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).batch(4)
iterator = dataset.make_initializable_iterator()
batch = iterator.get_next()
loss = tf.reduce_mean(tf.square(net(batch)))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(iterator.initializer)
    step = 0
    while True:
        try:
            step += 1
            sess.run(train_op)
        except tf.errors.OutOfRangeError:
            break
    print(step)
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


dataset = tf.data.Dataset.from_tensor_slices(np.ones([8, 2], np.float32)).batch(4)
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


iterator = iter(dataset)
step = 0
while True:
    try:
        step += 1
        train_step(next(iterator))
    except StopIteration:
        break
print(step)
