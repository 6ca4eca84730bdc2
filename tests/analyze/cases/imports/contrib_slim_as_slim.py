# warns: 4:12 slim.conv2d: native: slim layers need TF1 variable scopes; native mode uses an unscope.nn layer object keeping TF1 names [conv1, reuse: create]
import tensorflow.contrib.slim as slim

def f(x):
    return slim.conv2d(x, 8, [3, 3], scope="conv1")
