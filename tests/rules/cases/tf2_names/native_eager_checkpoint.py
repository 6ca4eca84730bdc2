# flags: --mode native
# warns: 12:5 tf.add_to_collection: compat: user-managed collections are kept by the compat runtime; tagged stays in TF1 form
import numpy as np
import tensorflow as tf


def model(x):
    with tf.variable_scope("model"):
        return tf.layers.dense(x, 1, name="out")


def tagged(x):
    h = tf.layers.dense(x, 2, name="tagged")
    tf.add_to_collection("features", h)
    return h


x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
loss = tf.reduce_mean(tf.square(model(x) - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
saver = tf.train.Saver()
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(2):
        _, value = sess.run([train_op, loss], {x: np.ones([4, 3]), y: np.zeros([4, 1])})
        print(value)
    saver.save(sess, "/tmp/model")
# output
import numpy as np
import tensorflow as tf
from unscope import nn
import unscope


class Model(nn.Module):
    def __init__(self, name="model"):
        super().__init__(name=name)
        self.out = nn.Dense(1, name=f"{name}/out")

    def __call__(self, x):
        return self.out(x)


def tagged(x):
    h = unscope.layers.dense(x, 2, name="tagged")
    unscope.add_to_collection("features", h)
    return h


model = Model()
model(tf.zeros([1, 3], tf.float32))  # makes the variables now, as TF1's graph did
optimizer = nn.GradientDescent(0.1)
optimizer.build(model.trainable_variables)  # slots now, as TF1's minimize() made them
checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)


@tf.function(input_signature=[
    tf.TensorSpec([None, 3], tf.float32),
    tf.TensorSpec([None, 1], tf.float32),
])
def train_step(x, y):
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.square(model(x) - y))
    variables = model.trainable_variables
    grads = tape.gradient(loss, variables)
    optimizer.apply_gradients(zip(grads, variables))
    return loss


for _ in range(2):
    value = train_step(np.ones([4, 3]), np.zeros([4, 1])).numpy()
    print(value)
checkpoint.write('/tmp/model')
