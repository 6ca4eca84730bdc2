"""convert --to-tf1 --optimizer: a migrated program's checkpoint back into its TF1 program.

TF1 (graph + Session, AdamOptimizer / MomentumOptimizer on a decaying rate, a partitioned
embedding read with tf.gather) trains 10 steps from one start: losses L.  TF1 trains 3 steps
and saves; the migrated TF2 program restores that, trains 3 steps under tf.function (L[3:6])
and writes tf.train.Checkpoint(model=, optimizer=, global_step=); convert --to-tf1 --optimizer
turns that into a name-based checkpoint; TF1's Saver restores it into the TF1 program, which
trains 4 more steps: L[6:10], bit for bit, global_step 10, every slot as TF1's own run.
"""
import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope import nn
from unscope.ckpt import ConversionRefused
from unscope.cli import main

v1 = tf.compat.v1
_rng = np.random.RandomState(7)
KERNEL = _rng.normal(size=(3, 2)).astype(np.float32)
X = _rng.normal(size=(4, 3)).astype(np.float32)
IDS = np.array([1, 4, 4, 0], dtype=np.int32)
PARTS = [(3, 2), (2, 2)]  # fixed_size_partitioner(2) on 5 rows

# name -> (TF1 optimizer class, unscope.nn class, arguments after the rate, --optimizer kind)
OPTIMIZERS = {"adam": ("AdamOptimizer", "Adam", {"beta1": 0.8}, "auto"),
              "momentum": ("MomentumOptimizer", "Momentum", {"momentum": 0.9}, "momentum")}


def _loss(kernel, emb_parts):
    emb = tf.concat(list(emb_parts), axis=0)
    return tf.reduce_mean(tf.square(tf.matmul(X, kernel) + tf.gather(emb, IDS) - 1.0))


def _rate(lib, step):
    return lib.exponential_decay(0.1, step, 2, 0.5, staircase=True)


def tf1_program(optimizer, steps, restore=None, save=None, scope=None):
    """The TF1 training script: init (or Saver.restore), ``steps`` steps, optionally save.

    Returns (losses, {variable name: value}, global_step).
    """
    tf1_class, _, kwargs, _ = OPTIMIZERS[optimizer]
    with tf.Graph().as_default():
        with v1.variable_scope("model"):
            kernel = v1.get_variable("dense/kernel", initializer=KERNEL)
            emb = v1.get_variable("emb", [5, 2], initializer=v1.random_normal_initializer(seed=2),
                                  partitioner=v1.fixed_size_partitioner(2))
        step = v1.train.get_or_create_global_step()
        loss = _loss(kernel, emb)
        with v1.name_scope(scope):
            train = getattr(v1.train, tf1_class)(_rate(v1.train, step), **kwargs).minimize(
                loss, global_step=step)
        saver = v1.train.Saver()
        with v1.Session() as sess:
            if restore is None:
                sess.run(v1.global_variables_initializer())
            else:
                saver.restore(sess, restore)
            losses = [sess.run([loss, train])[0] for _ in range(steps)]
            if save is not None:
                saver.save(sess, save)
            state = {v.op.name: sess.run(v) for v in v1.global_variables()}
            return np.array(losses), state, int(sess.run(step))


class Net(tf.Module):
    """The model as the migrated program holds it: TF1 names, the embedding in two parts."""

    def __init__(self):
        super().__init__()
        self.kernel = tf.Variable(tf.zeros([3, 2]), name="model/dense/kernel")
        self.emb = [tf.Variable(tf.zeros(shape), name=f"model/emb/part_{i}") for i, shape in enumerate(PARTS)]

    def __call__(self):
        return _loss(self.kernel, self.emb)


def migrated_program(optimizer, tf1_prefix, dst):
    """The migrated TF2 program: restore TF1's checkpoint, train 3 steps, write its own."""
    _, tf2_class, kwargs, _ = OPTIMIZERS[optimizer]
    model, step = Net(), nn.create_global_step()
    opt = getattr(nn, tf2_class)(_rate(nn.schedules, step), **kwargs)
    unscope.restore(tf1_prefix, model=model, optimizer=opt, step=step)

    @tf.function
    def train_step():
        with tf.GradientTape() as tape:
            loss = model()
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables), global_step=step)
        return loss

    losses = np.array([float(train_step()) for _ in range(3)])
    path = tf.train.Checkpoint(model=model, optimizer=opt, global_step=step).write(dst)
    return losses, path


@pytest.fixture(scope="module", params=list(OPTIMIZERS))
def run(request, tmp_path_factory):
    """(optimizer, TF1's 10 losses, TF1's final state, the migrated program's checkpoint)."""
    optimizer = request.param
    root = tmp_path_factory.mktemp(optimizer)
    losses, state, final_step = tf1_program(optimizer, 10)
    assert final_step == 10
    tf1_program(optimizer, 3, save=str(root / "tf1" / "model.ckpt-3"))
    tf2_losses, path = migrated_program(optimizer, str(root / "tf1" / "model.ckpt-3"), str(root / "tf2" / "ckpt"))
    np.testing.assert_array_equal(tf2_losses, losses[3:6])
    return optimizer, losses, state, path


def _assert_tf1_continues(optimizer, prefix, losses, state, scope=None):
    got_losses, got_state, got_step = tf1_program(optimizer, 4, restore=prefix, scope=scope)
    np.testing.assert_array_equal(got_losses, losses[6:10])
    assert got_step == 10
    assert sorted(got_state) == sorted(state)
    for name, value in state.items():
        np.testing.assert_array_equal(got_state[name], value, err_msg=name)


def test_tf1_saver_restores_the_converted_checkpoint_and_trains_on_exactly(run, tmp_path):
    optimizer, losses, state, path = run
    dst = str(tmp_path / "back" / "model.ckpt-6")
    report = unscope.convert_checkpoint(path, dst, Net(), to_tf1=True, optimizer=OPTIMIZERS[optimizer][3])
    assert report.written and not report.dropped
    names = {name for name, _ in tf.train.list_variables(dst)}
    slot = {"adam": "Adam", "momentum": "Momentum"}[optimizer]
    assert f"model/emb/{slot}" in names and "global_step" in names  # parts joined, as TF1 saved
    assert ("beta1_power" in names) == (optimizer == "adam")
    _assert_tf1_continues(optimizer, dst, losses, state)


def test_rename_rules_apply_to_optimizer_state(run, tmp_path):
    optimizer, losses, state, path = run
    if optimizer != "adam":
        pytest.skip("beta powers are Adam's")
    dst = str(tmp_path / "back" / "ckpt")
    rules = {"rename": [{"from": "^(beta[12]_power)$", "to": r"train/\1"}]}
    unscope.convert_checkpoint(path, dst, Net(), to_tf1=True, optimizer="adam", rules=rules)
    assert {"train/beta1_power", "train/beta2_power"} <= {n for n, _ in tf.train.list_variables(dst)}
    # the TF1 program that made its optimizer under tf.name_scope("train") restores it
    scoped_state = {name.replace("beta", "train/beta", 1) if name.startswith("beta") else name: value
                    for name, value in state.items()}
    _assert_tf1_continues(optimizer, dst, losses, scoped_state, scope="train")


def test_a_checkpoint_without_the_optimizer_is_refused_naming_each_slot(tmp_path):
    model = Net()
    path = tf.train.Checkpoint(model=model).write(str(tmp_path / "model_only"))
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(path, str(tmp_path / "out"), Net(), to_tf1=True, optimizer=nn.Adam())
    problems = {p.name: (p.kind, p.message) for p in refused.value.problems}
    assert set(problems) == {"model/dense/kernel/Adam", "model/dense/kernel/Adam_1", "model/emb/Adam/part_0",
                             "model/emb/Adam_1/part_0", "model/emb/Adam/part_1", "model/emb/Adam_1/part_1",
                             "beta1_power", "beta2_power"}
    kind, message = problems["beta1_power"]
    assert kind == "unmatched" and "tf.train.Checkpoint(optimizer=...)" in message
    assert not (tmp_path / "out.index").exists()


def test_auto_without_slots_is_refused(tmp_path):
    path = tf.train.Checkpoint(model=Net()).write(str(tmp_path / "model_only"))
    with pytest.raises(ConversionRefused, match="no slots of a known optimizer"):
        unscope.convert_checkpoint(path, str(tmp_path / "out"), Net(), to_tf1=True, optimizer="auto")


MODEL_FILE = '''
import tensorflow as tf


class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.kernel = tf.Variable(tf.zeros([3, 2]), name="model/dense/kernel")
        self.emb = [tf.Variable(tf.zeros([3, 2]), name="model/emb/part_0"),
                    tf.Variable(tf.zeros([2, 2]), name="model/emb/part_1")]
'''


def test_cli_to_tf1_with_optimizer(run, tmp_path, capsys):
    optimizer, losses, state, path = run
    (tmp_path / "net.py").write_text(MODEL_FILE)
    dst = str(tmp_path / "back" / "ckpt")
    code = main(["convert", path, dst, "--model", f"{tmp_path / 'net.py'}:Net", "--to-tf1",
                 "--optimizer", OPTIMIZERS[optimizer][3]])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "wrote" in err
    _assert_tf1_continues(optimizer, dst, losses, state)
