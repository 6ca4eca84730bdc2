# warns: 5:10 slim.arg_scope: compat: arg_scope defaults are applied at run time by unscope.slim / unscope.contrib
# warns: 6:13 slim.conv2d: native: slim layers need TF1 variable scopes; native mode uses an unscope.nn layer object keeping TF1 names [conv1, reuse: create]
# warns: 7:13 slim.repeat: native: slim layers need TF1 variable scopes; native mode uses an unscope.nn layer object keeping TF1 names [conv2, reuse: create]
# warns: 8:16 slim.fully_connected: native: slim layers need TF1 variable scopes; native mode uses an unscope.nn layer object keeping TF1 names [logits, reuse: create]
# warns: 8:37 slim.flatten: native: slim layers need TF1 variable scopes; native mode uses an unscope.nn layer object keeping TF1 names [Flatten, reuse: create]
import tensorflow as tf
import tensorflow.contrib.slim as slim

def net(x, is_training=True):
    with slim.arg_scope([slim.conv2d, slim.fully_connected], normalizer_fn=slim.batch_norm):
        x = slim.conv2d(x, 32, [3, 3], scope="conv1")
        x = slim.repeat(x, 2, slim.conv2d, 64, [3, 3], scope="conv2")
        return slim.fully_connected(slim.flatten(x), 10, scope="logits")
