import tensorflow as tf
with tf.variable_scope("my_scope"):
    v1 = tf.get_variable("my_var", [1])
with tf.variable_scope("my_scope", reuse=True):
    v2 = tf.get_variable("my_var", [1])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(v1.name); print(v2.name); print(v1 is v2)
# output
import tensorflow as tf
from unscope import nn
v1 = nn.variable("my_scope/my_var", [1])
v2 = v1  # the same variable (reuse=True)
print(v1.name); print(v2.name); print(v1 is v2)
