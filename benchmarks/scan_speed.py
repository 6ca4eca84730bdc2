"""How fast is `unscope scan -j 2` next to a bare `ast.parse` of the same files?

    .venv/bin/python benchmarks/scan_speed.py                 # generated tree, ~24k lines
    .venv/bin/python benchmarks/scan_speed.py --tree DIR      # any tree of TF1 code

The generated tree mixes the TF1 styles scan meets in the wild (GPT-2 style get_variable
code, DCGAN style reuse=, tf.layers, slim/contrib with arg_scope, make_template, collections,
plain numpy/input-pipeline helpers). Each measurement is the best of --repeat runs:

- ast.parse floor: read + decode + ``ast.parse`` of every file, one process, one core;
- scan (library): ``unscope.scan(tree, jobs=J)``: discovery, .gitignore, parse, analysis, pool;
- scan (CLI): ``python -m unscope scan -j J --format json tree`` as a subprocess, wall time,
  including interpreter start-up.

Target (issue 3): scan -j 2 at >= 25 % of the ast.parse floor's lines/s.
"""
from __future__ import annotations

import argparse
import ast
import os
import random
import subprocess
import sys
import tempfile
import time

_GPT = '''\
import numpy as np
import tensorflow as tf
from tensorflow.contrib.training import HParams


def default_hparams_{k}():
    return HParams(n_vocab=0, n_ctx=1024, n_embd=768, n_head=12, n_layer=12)


def shape_list_{k}(x):
    """Deal with dynamic shape in tensorflow cleanly."""
    static = x.shape.as_list()
    dynamic = tf.shape(x)
    return [dynamic[i] if s is None else s for i, s in enumerate(static)]


def softmax_{k}(x, axis=-1):
    x = x - tf.reduce_max(x, axis=axis, keepdims=True)
    ex = tf.exp(x)
    return ex / tf.reduce_sum(ex, axis=axis, keepdims=True)


def gelu_{k}(x):
    return 0.5 * x * (1 + tf.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3))))


def norm_{k}(x, scope, *, axis=-1, epsilon=1e-5):
    """Normalize to mean = 0, std = 1, then do a diagonal affine transform."""
    with tf.variable_scope(scope):
        n_state = x.shape[-1].value
        g = tf.get_variable('g', [n_state], initializer=tf.constant_initializer(1))
        b = tf.get_variable('b', [n_state], initializer=tf.constant_initializer(0))
        u = tf.reduce_mean(x, axis=axis, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=axis, keepdims=True)
        x = (x - u) * tf.rsqrt(s + epsilon)
        x = x * g + b
        return x


def conv1d_{k}(x, scope, nf, *, w_init_stdev=0.02):
    with tf.variable_scope(scope):
        *start, nx = shape_list_{k}(x)
        w = tf.get_variable('w', [1, nx, nf], initializer=tf.random_normal_initializer(stddev=w_init_stdev))
        b = tf.get_variable('b', [nf], initializer=tf.constant_initializer(0))
        c = tf.reshape(tf.matmul(tf.reshape(x, [-1, nx]), tf.reshape(w, [-1, nf])) + b, start + [nf])
        return c


def attn_{k}(x, scope, n_state, *, past, hparams):
    assert x.shape.ndims == 3
    assert n_state % hparams.n_head == 0

    def split_heads(x):
        return tf.transpose(split_states_{k}(x, hparams.n_head), [0, 2, 1, 3])

    def merge_heads(x):
        return merge_states_{k}(tf.transpose(x, [0, 2, 1, 3]))

    def multihead_attn(q, k, v):
        w = tf.matmul(q, k, transpose_b=True)
        w = w * tf.rsqrt(tf.cast(v.shape[-1].value, w.dtype))
        w = softmax_{k}(w)
        a = tf.matmul(w, v)
        return a

    with tf.variable_scope(scope):
        c = conv1d_{k}(x, 'c_attn', n_state * 3)
        q, k, v = map(split_heads, tf.split(c, 3, axis=2))
        present = tf.stack([k, v], axis=1)
        if past is not None:
            pk, pv = tf.unstack(past, axis=1)
            k = tf.concat([pk, k], axis=-2)
            v = tf.concat([pv, v], axis=-2)
        a = multihead_attn(q, k, v)
        a = merge_heads(a)
        a = conv1d_{k}(a, 'c_proj', n_state)
        return a, present


def split_states_{k}(x, n):
    *start, m = shape_list_{k}(x)
    return tf.reshape(x, start + [n, m // n])


def merge_states_{k}(x):
    *start, a, b = shape_list_{k}(x)
    return tf.reshape(x, start + [a * b])


def mlp_{k}(x, scope, n_state, *, hparams):
    with tf.variable_scope(scope):
        nx = x.shape[-1].value
        h = gelu_{k}(conv1d_{k}(x, 'c_fc', n_state))
        h2 = conv1d_{k}(h, 'c_proj', nx)
        return h2


def block_{k}(x, scope, *, past, hparams):
    with tf.variable_scope(scope):
        nx = x.shape[-1].value
        a, present = attn_{k}(norm_{k}(x, 'ln_1'), 'attn', nx, past=past, hparams=hparams)
        x = x + a
        m = mlp_{k}(norm_{k}(x, 'ln_2'), 'mlp', nx * 4, hparams=hparams)
        x = x + m
        return x, present


def model_{k}(hparams, X, past=None, scope='model', reuse=tf.AUTO_REUSE):
    with tf.variable_scope(scope, reuse=reuse):
        results = {{}}
        batch, sequence = shape_list_{k}(X)
        wpe = tf.get_variable('wpe', [hparams.n_ctx, hparams.n_embd],
                              initializer=tf.random_normal_initializer(stddev=0.01))
        wte = tf.get_variable('wte', [hparams.n_vocab, hparams.n_embd],
                              initializer=tf.random_normal_initializer(stddev=0.02))
        past_length = 0 if past is None else tf.shape(past)[-2]
        h = tf.gather(wte, X) + tf.gather(wpe, past_length + tf.range(sequence))
        presents = []
        pasts = tf.unstack(past, axis=1) if past is not None else [None] * hparams.n_layer
        assert len(pasts) == hparams.n_layer
        for layer, past in enumerate(pasts):
            h, present = block_{k}(h, 'h%d' % layer, past=past, hparams=hparams)
            presents.append(present)
        results['present'] = tf.stack(presents, axis=1)
        h = norm_{k}(h, 'ln_f')
        h_flat = tf.reshape(h, [batch * sequence, hparams.n_embd])
        logits = tf.matmul(h_flat, wte, transpose_b=True)
        results['logits'] = tf.reshape(logits, [batch, sequence, hparams.n_vocab])
        return results
'''

_GAN = '''\
import math
import numpy as np
import tensorflow as tf


def batch_norm_{k}(x, train=True, epsilon=1e-5, momentum=0.9, name="batch_norm"):
    return tf.contrib.layers.batch_norm(x, decay=momentum, updates_collections=None,
                                        epsilon=epsilon, scale=True, is_training=train, scope=name)


def conv2d_{k}(input_, output_dim, k_h=5, k_w=5, d_h=2, d_w=2, stddev=0.02, name="conv2d"):
    with tf.variable_scope(name):
        w = tf.get_variable('w', [k_h, k_w, input_.get_shape()[-1], output_dim],
                            initializer=tf.truncated_normal_initializer(stddev=stddev))
        conv = tf.nn.conv2d(input_, w, strides=[1, d_h, d_w, 1], padding='SAME')
        biases = tf.get_variable('biases', [output_dim], initializer=tf.constant_initializer(0.0))
        conv = tf.reshape(tf.nn.bias_add(conv, biases), conv.get_shape())
        return conv


def deconv2d_{k}(input_, output_shape, k_h=5, k_w=5, d_h=2, d_w=2, stddev=0.02, name="deconv2d"):
    with tf.variable_scope(name):
        w = tf.get_variable('w', [k_h, k_w, output_shape[-1], input_.get_shape()[-1]],
                            initializer=tf.random_normal_initializer(stddev=stddev))
        deconv = tf.nn.conv2d_transpose(input_, w, output_shape=output_shape,
                                        strides=[1, d_h, d_w, 1])
        biases = tf.get_variable('biases', [output_shape[-1]], initializer=tf.constant_initializer(0.0))
        return tf.reshape(tf.nn.bias_add(deconv, biases), deconv.get_shape())


def lrelu_{k}(x, leak=0.2):
    return tf.maximum(x, leak * x)


def linear_{k}(input_, output_size, scope=None, stddev=0.02, bias_start=0.0):
    shape = input_.get_shape().as_list()
    with tf.variable_scope(scope or "Linear"):
        matrix = tf.get_variable("Matrix", [shape[1], output_size], tf.float32,
                                 tf.random_normal_initializer(stddev=stddev))
        bias = tf.get_variable("bias", [output_size], initializer=tf.constant_initializer(bias_start))
        return tf.matmul(input_, matrix) + bias


class DCGAN_{k}(object):
    def __init__(self, sess, batch_size=64, gf_dim=64, df_dim=64, c_dim=3):
        self.sess = sess
        self.batch_size = batch_size
        self.gf_dim = gf_dim
        self.df_dim = df_dim
        self.c_dim = c_dim
        self.build_model()

    def build_model(self):
        self.inputs = tf.placeholder(tf.float32, [self.batch_size, 64, 64, self.c_dim], name='real_images')
        self.z = tf.placeholder(tf.float32, [None, 100], name='z')
        self.G = self.generator(self.z)
        self.D, self.D_logits = self.discriminator(self.inputs, reuse=False)
        self.D_, self.D_logits_ = self.discriminator(self.G, reuse=True)
        t_vars = tf.trainable_variables()
        self.d_vars = [var for var in t_vars if 'd_' in var.name]
        self.g_vars = [var for var in t_vars if 'g_' in var.name]
        self.saver = tf.train.Saver()

    def discriminator(self, image, reuse=False):
        with tf.variable_scope("discriminator") as scope:
            if reuse:
                scope.reuse_variables()
            h0 = lrelu_{k}(conv2d_{k}(image, self.df_dim, name='d_h0_conv'))
            h1 = lrelu_{k}(batch_norm_{k}(conv2d_{k}(h0, self.df_dim * 2, name='d_h1_conv'), name='d_bn1'))
            h2 = lrelu_{k}(batch_norm_{k}(conv2d_{k}(h1, self.df_dim * 4, name='d_h2_conv'), name='d_bn2'))
            h3 = lrelu_{k}(batch_norm_{k}(conv2d_{k}(h2, self.df_dim * 8, name='d_h3_conv'), name='d_bn3'))
            h4 = linear_{k}(tf.reshape(h3, [self.batch_size, -1]), 1, 'd_h4_lin')
            return tf.nn.sigmoid(h4), h4

    def generator(self, z):
        with tf.variable_scope("generator"):
            s_h, s_w = 64, 64
            s_h2, s_w2 = int(math.ceil(s_h / 2)), int(math.ceil(s_w / 2))
            s_h4, s_w4 = int(math.ceil(s_h2 / 2)), int(math.ceil(s_w2 / 2))
            z_ = linear_{k}(z, self.gf_dim * 8 * s_h4 * s_w4, 'g_h0_lin')
            h0 = tf.nn.relu(batch_norm_{k}(tf.reshape(z_, [-1, s_h4, s_w4, self.gf_dim * 8]), name='g_bn0'))
            h1 = deconv2d_{k}(h0, [self.batch_size, s_h2, s_w2, self.gf_dim * 4], name='g_h1')
            h1 = tf.nn.relu(batch_norm_{k}(h1, name='g_bn1'))
            h2 = deconv2d_{k}(h1, [self.batch_size, s_h, s_w, self.c_dim], name='g_h2')
            return tf.nn.tanh(h2)
'''

_SLIM = '''\
import os
import tensorflow as tf
import tensorflow.contrib.slim as slim


def vgg_arg_scope_{k}(weight_decay=0.0005):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        activation_fn=tf.nn.relu,
                        weights_regularizer=slim.l2_regularizer(weight_decay),
                        biases_initializer=tf.zeros_initializer()):
        with slim.arg_scope([slim.conv2d], padding='SAME') as arg_sc:
            return arg_sc


def vgg_a_{k}(inputs, num_classes=1000, is_training=True, dropout_keep_prob=0.5, scope='vgg_a'):
    with tf.variable_scope(scope, 'vgg_a', [inputs]) as sc:
        net = slim.repeat(inputs, 1, slim.conv2d, 64, [3, 3], scope='conv1')
        net = slim.max_pool2d(net, [2, 2], scope='pool1')
        net = slim.repeat(net, 1, slim.conv2d, 128, [3, 3], scope='conv2')
        net = slim.max_pool2d(net, [2, 2], scope='pool2')
        net = slim.repeat(net, 2, slim.conv2d, 256, [3, 3], scope='conv3')
        net = slim.max_pool2d(net, [2, 2], scope='pool3')
        net = slim.conv2d(net, 4096, [7, 7], padding='VALID', scope='fc6')
        net = slim.dropout(net, dropout_keep_prob, is_training=is_training, scope='dropout6')
        net = slim.conv2d(net, 4096, [1, 1], scope='fc7')
        net = slim.conv2d(net, num_classes, [1, 1], activation_fn=None, normalizer_fn=None, scope='fc8')
        net = tf.squeeze(net, [1, 2], name='fc8/squeezed')
        return net


def encoder_{k}(x, n_hidden=64):
    h = tf.layers.dense(x, n_hidden, activation=tf.nn.relu, name='enc1')
    h = tf.layers.batch_normalization(h, training=True, name='bn1')
    h = tf.layers.dropout(h, rate=0.1)
    return tf.layers.dense(h, n_hidden // 2, name='enc2')


encode_{k} = tf.make_template('encoder', encoder_{k})


def train_op_{k}(loss, lr=1e-3):
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES) + [tf.constant(0.0)])
    with tf.control_dependencies(update_ops):
        opt = tf.train.AdamOptimizer(lr)
        return opt.minimize(loss + reg, var_list=tf.trainable_variables('vgg_a'))


def restore_{k}(sess, path):
    variables = slim.get_variables_to_restore(exclude=['vgg_a/fc8'])
    saver = tf.train.Saver(variables)
    if os.path.exists(path + '.index'):
        saver.restore(sess, path)
    return [v for v in variables if v.name.startswith('vgg_a/conv')]
'''

_PLAIN = '''\
import json
import os
import numpy as np


class Vocab_{k}:
    """A tiny vocabulary with special tokens."""

    def __init__(self, words, unk="<unk>"):
        self.unk = unk
        self.itos = [unk] + sorted(set(words))
        self.stoi = {{w: i for i, w in enumerate(self.itos)}}

    def encode(self, text):
        return [self.stoi.get(w, 0) for w in text.split()]

    def decode(self, ids):
        return " ".join(self.itos[i] for i in ids)


def batches_{k}(data, batch_size, shuffle=True, seed=0):
    rng = np.random.RandomState(seed)
    index = np.arange(len(data))
    if shuffle:
        rng.shuffle(index)
    for start in range(0, len(data), batch_size):
        chunk = index[start:start + batch_size]
        yield np.stack([data[i] for i in chunk])


def load_config_{k}(path):
    if not os.path.exists(path):
        return {{"lr": 1e-3, "layers": 4, "hidden": 256}}
    with open(path) as f:
        config = json.load(f)
    for key in ("lr", "layers", "hidden"):
        if key not in config:
            raise KeyError(f"missing {{key}} in {{path}}")
    return config


def moving_average_{k}(values, decay=0.99):
    out, avg = [], None
    for v in values:
        avg = v if avg is None else decay * avg + (1 - decay) * v
        out.append(avg)
    return out
'''

TEMPLATES = [_GPT, _GAN, _SLIM, _PLAIN]


def generate(root: str, target_lines: int = 24000, seed: int = 0) -> tuple[int, int]:
    """Write a tree of TF1-looking code under ``root``; returns (files, lines)."""
    rng = random.Random(seed)
    files = lines = k = 0
    while lines < target_lines:
        template = TEMPLATES[k % len(TEMPLATES)]
        # vary the spelling of the TF import, as real trees do
        text = template.format(k=k)
        spelling = rng.choice(["import tensorflow as tf", "import tensorflow.compat.v1 as tf"])
        text = text.replace("import tensorflow as tf", spelling, 1)
        sub = os.path.join(root, f"pkg{k % 7}", f"mod{k % 3}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"file_{k}.py"), "w") as f:
            f.write(text)
        files += 1
        lines += text.count("\n")
        k += 1
    return files, lines


def _tree_files(root: str) -> list[str]:
    from unscope.analyze.files import discover

    return discover([root]).files


def bench_ast(files: list[str], repeat: int, clock=time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        for path in files:
            with open(path, "rb") as f:
                ast.parse(f.read().decode("utf-8"))
        best = min(best, clock() - start)
    return best


def bench_scan(root: str, jobs: int, repeat: int, clock=time.perf_counter) -> tuple[float, object]:
    import unscope

    best, result = float("inf"), None
    for _ in range(repeat):
        start = clock()
        result = unscope.scan([root], jobs=jobs)
        best = min(best, clock() - start)
    return best, result


def bench_cli(root: str, jobs: int, repeat: int) -> float:
    best = float("inf")
    cmd = [sys.executable, "-m", "unscope", "scan", "-j", str(jobs), "--format", "json", root]
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tree", help="scan this tree instead of a generated one")
    parser.add_argument("--lines", type=int, default=24000, help="size of the generated tree")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = args.tree or tmp
        if not args.tree:
            generate(root, args.lines)
        files = _tree_files(root)
        lines = 0
        for path in files:
            with open(path, "rb") as f:
                lines += f.read().count(b"\n")
        t_ast = bench_ast(files, args.repeat)
        t_scan, result = bench_scan(root, args.jobs, args.repeat)
        t_scan1, _ = bench_scan(root, 1, args.repeat)
        t_cli = bench_cli(root, args.jobs, max(1, args.repeat // 2))
        # CPU seconds of this process: what one core costs, whatever the machine's load
        c_ast = bench_ast(files, args.repeat, time.process_time)
        c_scan1, _ = bench_scan(root, 1, args.repeat, time.process_time)
    rows = [
        ("ast.parse (1 process)", t_ast),
        (f"scan -j {args.jobs} (library)", t_scan),
        ("scan -j 1 (library)", t_scan1),
        (f"scan -j {args.jobs} (CLI, whole process)", t_cli),
    ]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"tree: {len(files)} files, {lines} lines; {result.summary['findings']} findings "
          f"({result.summary['native']} native, {result.summary['compat']} compat, "
          f"{result.summary['manual']} manual); {os.cpu_count()} CPUs, load average {load:.1f}")
    print(f"{'what':38} {'seconds':>8} {'files/s':>9} {'lines/s':>10} {'vs ast.parse':>13}")
    for name, t in rows:
        print(f"{name:38} {t:8.3f} {len(files) / t:9.0f} {lines / t:10.0f} {t_ast / t:12.0%}")
    print(f"{'CPU time, ast.parse':38} {c_ast:8.3f} {len(files) / c_ast:9.0f} {lines / c_ast:10.0f} {1:12.0%}")
    print(f"{'CPU time, scan -j 1':38} {c_scan1:8.3f} {len(files) / c_scan1:9.0f} {lines / c_scan1:10.0f} "
          f"{c_ast / c_scan1:12.0%}")
    ok = t_ast / t_scan >= 0.25
    print(f"target scan -j {args.jobs} >= 25% of ast.parse: {'met' if ok else 'NOT met'} "
          f"({t_ast / t_scan:.0%})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
