"""Random TF1 modules (import spellings x constructs x layout): migration never raises, its
output parses, and migrating the output changes nothing.  Text only, no TensorFlow."""
import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from unscope.migrate import migrate_source

HEADERS = [
    "import tensorflow as tf\n",
    "import tensorflow.compat.v1 as tf\n",
    "import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\n",
    "from tensorflow.compat import v1 as tf\n",
    "try:\n    import tensorflow.compat.v1 as tf\nexcept ImportError:\n    import tensorflow as tf\n",
    "import numpy as np, tensorflow as tf  # both\n",
]
EXTRA_IMPORTS = [
    "", "import tensorflow.contrib.slim as slim\n", "from tensorflow.contrib import layers as contrib_layers\n",
    "from tensorflow.compat.v1 import variable_scope as vs, get_variable\n", "import tf_slim as slim\n",
    "from tensorflow import logging\n", "from tensorflow.compat.v1 import layers\n",
]
LINES = [
    "with tf.variable_scope('s', reuse=tf.AUTO_REUSE) as sc:\n    w = tf.get_variable('w', [2], initializer=tf.zeros_initializer())\n",
    "h = tf.layers.dense(x, 3, activation=tf.nn.relu)  # comment\n",
    "y = tf.reduce_sum(tf.log(x), reduction_indices=1, keep_dims=True)\n",
    "z = tf.nn.dropout(x, keep_prob=0.5)\n",
    "p = tf.placeholder(tf.float32, [None, 3])\n",
    "s = tf.Session()\n",
    "c = tf.contrib.layers.fully_connected(x, 4)\n",
    "d = tf.contrib.rnn.LSTMCell(3)\n",
    "e = tf.to_float(x) + tf.cast(x, tf.float32)\n",
    "losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)\n",
    "t = tf.make_template('t', lambda v: v * tf.get_variable('k', []))\n",
    "q = tf.transpose(x, [1, 0], 'name')\n",
    "with tf.name_scope(None, 'blk', [x]):\n    pass\n",
    "def f(layers=()):\n    return [l for l in layers]\n",
    "n = slim.conv2d(x, 8, [3, 3]) if 'slim' in dir() else None\n",
    "m = vs('a') if 'vs' in dir() else get_variable if 'get_variable' in dir() else None\n",
    "logging.info('x') if 'logging' in dir() else None\n",
    "k = layers.dense(x, 2) if 'layers' in dir() else None\n",
    "o = contrib_layers.layer_norm(x) if 'contrib_layers' in dir() else None\n",
    "v = tf.Variable(0, name='step', trainable=False)\n",
    "est = tf.estimator.Estimator\n",
    "r = tf.nn.rnn_cell.BasicLSTMCell(2)\n",
    "g = tf.train.AdamOptimizer(0.1).minimize(y)\n",
    "a = tf.where(x > 0, x, -x)\n",
    "def model(x, reuse=None):\n    with tf.variable_scope('m', reuse=reuse):\n        return tf.layers.conv2d(x, 3, 3)\n",
    "x = (tf.\n     log(x))\n",
    "API = tf\n",
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(HEADERS), st.sampled_from(EXTRA_IMPORTS), st.lists(st.sampled_from(LINES), max_size=8),
       st.booleans())
def test_migration_parses_and_is_stable(header, extra, lines, crlf):
    source = '"""doc"""\n' + header + extra + "\n" + "".join(lines)
    if crlf:
        source = source.replace("\n", "\r\n")
    result = migrate_source(source, path="m.py")
    assert result.error is None, result.error
    ast.parse(result.code)
    again = migrate_source(result.code, path="m.py")
    assert again.code == result.code and again.error is None
    if crlf:
        assert "\n" not in result.code.replace("\r\n", "")
    if not result.changed:
        assert result.code is source
