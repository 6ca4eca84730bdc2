"""TF1 checkpoints with optimizer state -> unscope.nn optimizers: training resumes where TF1 stopped.

TF1 (graph + Session, tf.compat.v1.train.*Optimizer, a partitioned embedding read with
tf.gather, a decaying learning rate) trains 5 steps and saves with Saver, then trains 5 more:
losses A.  The TF2 side restores the step-5 checkpoint into fresh objects (unscope.restore, or
unscope convert --optimizer then tf.train.Checkpoint) and trains 5 steps under tf.function:
its losses are A, bit for bit, and every slot ends equal to TF1's.
"""
import re

import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope import nn
from unscope.ckpt import ConversionRefused
from unscope.cli import main

_rng = np.random.RandomState(3)
INIT = {"model/dense/kernel": _rng.normal(size=(3, 2)).astype(np.float32),
        "model/dense/bias": _rng.normal(size=(2,)).astype(np.float32)}
X = _rng.normal(size=(4, 3)).astype(np.float32)
IDS = np.array([0, 3, 3, 4], dtype=np.int32)
PARTS = [(3, 2), (2, 2)]  # TF1's fixed_size_partitioner(2) on 5 rows

# name -> (TF1 class, unscope.nn class, keyword arguments for both, --optimizer kind)
OPTIMIZERS = {
    "adam": ("AdamOptimizer", "Adam", {"beta1": 0.8}, "auto"),
    "adam_named": ("AdamOptimizer", "Adam", {"name": "MyAdam"}, "adam"),
    "momentum": ("MomentumOptimizer", "Momentum", {"momentum": 0.9, "use_nesterov": True}, "auto"),
    "rmsprop_centered": ("RMSPropOptimizer", "RMSProp", {"centered": True, "momentum": 0.5}, "auto"),
    "adagrad": ("AdagradOptimizer", "Adagrad", {}, "auto"),
    "sgd": ("GradientDescentOptimizer", "GradientDescent", {}, "sgd"),
}


def _loss(kernel, bias, emb_parts):
    emb = tf.concat(list(emb_parts), axis=0)
    y = tf.matmul(X, kernel) + bias + tf.gather(emb, IDS)
    return tf.reduce_mean(tf.square(y - 1.0))


def _rate(lib, step):
    return lib.exponential_decay(0.1, step, 2, 0.7, staircase=True)


def tf1_program(optimizer, prefix):
    """Train 5 steps, save at ``prefix``, train 5 more: (losses of the last 5, final state by name)."""
    tf1_class, _, kwargs, _ = OPTIMIZERS[optimizer]
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        with v1.variable_scope("model"):
            with v1.variable_scope("dense"):
                kernel = v1.get_variable("kernel", initializer=INIT["model/dense/kernel"])
                bias = v1.get_variable("bias", initializer=INIT["model/dense/bias"])
            emb = v1.get_variable("emb", [5, 2], initializer=v1.random_normal_initializer(seed=1),
                                  partitioner=v1.fixed_size_partitioner(2))
        step = v1.train.get_or_create_global_step()
        loss = _loss(kernel, bias, emb)
        with tf.name_scope("train"):  # Adam's beta powers become train/beta1_power, as in many scripts
            opt = getattr(v1.train, tf1_class)(_rate(v1.train, step), **kwargs)
            train = opt.minimize(loss, global_step=step)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            for _ in range(5):
                sess.run(train)
            v1.train.Saver().save(sess, str(prefix))
            losses = [sess.run([loss, train])[0] for _ in range(5)]
            state = {v.op.name: sess.run(v) for v in v1.global_variables()}
    return np.array(losses), state


class Net(tf.Module):
    """The native TF2 twin: the same TF1 names, the embedding in two parts."""

    def __init__(self):
        super().__init__()
        self.kernel = tf.Variable(tf.zeros([3, 2]), name="model/dense/kernel")
        self.bias = tf.Variable(tf.zeros([2]), name="model/dense/bias")
        self.emb = [tf.Variable(tf.zeros(shape), name=f"model/emb/part_{i}") for i, shape in enumerate(PARTS)]

    def __call__(self):
        return _loss(self.kernel, self.bias, self.emb)


def fresh(optimizer):
    _, tf2_class, kwargs, _ = OPTIMIZERS[optimizer]
    model, step = Net(), nn.create_global_step()
    return model, getattr(nn, tf2_class)(_rate(nn.schedules, step), **kwargs), step


def train(model, opt, step, steps=5):
    @tf.function
    def one_step():
        return opt.minimize(model, model.trainable_variables, global_step=step)
    return np.array([float(one_step()) for _ in range(steps)])


def joined_state(model, opt, step):
    """TF1 name -> value, part slots joined back as TF1 saved them."""
    out = {"global_step": step.numpy()}
    out.update({v.name[:-2]: v.numpy() for v in model.variables})
    out.update({name: v.numpy() for name, v in unscope.ckpt.slots.optimizer_variables(opt).items()})
    return _tf1_state_joined(out)


@pytest.fixture(scope="module")
def tf1_runs(tmp_path_factory):
    made = {}

    def get(optimizer):
        if optimizer not in made:
            prefix = tmp_path_factory.mktemp(optimizer) / "model.ckpt-5"
            made[optimizer] = (str(prefix), *tf1_program(optimizer, prefix))
        return made[optimizer]
    return get


def _tf1_state_joined(state):
    """TF1's graph variables by name, parts (model/emb/part_1/Adam) joined (model/emb/Adam)."""
    out, parts = {}, {}
    for name, value in state.items():
        match = re.search(r"/part_(\d+)", name)
        if match:
            parts.setdefault(name[:match.start()] + name[match.end():], {})[int(match.group(1))] = value
        else:
            out[name.replace("train/", "")] = value
    for name, by_index in parts.items():
        out[name] = np.concatenate([by_index[i] for i in sorted(by_index)])
    return out


def _assert_resumes(model, opt, step, losses, state):
    assert int(step.numpy()) == 5
    np.testing.assert_array_equal(train(model, opt, step), losses)
    got, want = joined_state(model, opt, step), _tf1_state_joined(state)
    assert sorted(got) == sorted(want)
    for name, value in want.items():
        np.testing.assert_array_equal(got[name], value, err_msg=name)


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_restore_a_tf1_checkpoint_and_resume_exactly(tf1_runs, optimizer):
    prefix, losses, state = tf1_runs(optimizer)
    model, opt, step = fresh(optimizer)
    report = unscope.restore(prefix, model=model, optimizer=opt, step=step)
    assert not report.dropped and not report.problems
    _assert_resumes(model, opt, step, losses, state)


@pytest.mark.parametrize("optimizer", list(OPTIMIZERS))
def test_convert_with_optimizer_then_tf_train_checkpoint_resumes_exactly(tf1_runs, tmp_path, optimizer):
    prefix, losses, state = tf1_runs(optimizer)
    kind = OPTIMIZERS[optimizer][3]
    dst = str(tmp_path / "tf2" / "ckpt")
    report = unscope.convert_checkpoint(prefix, dst, Net(), optimizer=kind, keep_global_step=True)
    assert report.written and not report.dropped
    model, opt, step = fresh(optimizer)
    opt.build(model.trainable_variables)
    tf.train.Checkpoint(model=model, optimizer=opt, global_step=step).read(dst).assert_consumed()
    _assert_resumes(model, opt, step, losses, state)


def test_checkpoints_of_the_tf2_objects_restore_into_them_again(tf1_runs, tmp_path):
    prefix, losses, state = tf1_runs("adam")
    model, opt, step = fresh("adam")
    unscope.restore(prefix, model=model, optimizer=opt, step=step)
    path = tf.train.Checkpoint(model=model, optimizer=opt, global_step=step).write(str(tmp_path / "rt"))
    again, again_opt, again_step = fresh("adam")  # slots not built: restore builds them
    report = unscope.restore(path, model=again, optimizer=again_opt, step=again_step)
    assert report.direction == "tf2->tf2"
    _assert_resumes(again, again_opt, again_step, losses, state)


def test_without_optimizer_and_step_the_state_is_dropped_with_reasons(tf1_runs):
    prefix, _, _ = tf1_runs("momentum")
    model = Net()
    report = unscope.restore(prefix, model=model)
    assert report.dropped == {"global_step": report.dropped["global_step"],
                              "model/dense/bias/Momentum": "optimizer slot: Momentum of model/dense/bias",
                              "model/dense/kernel/Momentum": "optimizer slot: Momentum of model/dense/kernel",
                              "model/emb/Momentum": "optimizer slot: Momentum of model/emb"}
    np.testing.assert_array_equal(model.bias, tf.train.load_checkpoint(prefix).get_tensor("model/dense/bias"))


def test_the_wrong_optimizer_is_refused_naming_every_tensor(tf1_runs):
    prefix, _, _ = tf1_runs("adam")
    model, _, step = fresh("adam")
    opt = nn.Momentum(0.1, 0.9)
    with pytest.raises(ConversionRefused) as refused:
        unscope.restore(prefix, model=model, optimizer=opt, step=step)
    problems = {p.name: p.kind for p in refused.value.problems}
    assert problems["model/dense/kernel/Adam"] == "unexplained"
    assert problems["train/beta1_power"] == "unexplained"
    assert problems["model/dense/kernel/Momentum"] == "unmatched"
    assert problems["model/emb/Momentum/part_1"] == "unmatched"
    assert "a different optimizer, or another name=" in str(refused.value)
    np.testing.assert_array_equal(model.kernel, np.zeros([3, 2]))  # nothing assigned


def test_another_name_is_refused_and_auto_needs_the_kind_for_a_custom_name(tf1_runs, tmp_path):
    prefix, _, _ = tf1_runs("adam_named")
    model, _, step = fresh("adam")
    with pytest.raises(ConversionRefused, match="model/dense/bias/MyAdam"):
        unscope.restore(prefix, model=model, optimizer=nn.Adam(0.1), step=step)
    with pytest.raises(ConversionRefused, match=r"slot names seen: MyAdam\); name the optimizer"):
        unscope.convert_checkpoint(prefix, str(tmp_path / "x"), Net(), optimizer="auto")


def test_a_step_without_global_step_in_the_checkpoint_is_refused(tmp_path):
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        v1.get_variable("model/dense/kernel", [3, 2])
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            prefix = v1.train.Saver().save(sess, str(tmp_path / "c"))
    with pytest.raises(ConversionRefused) as refused:
        unscope.restore(prefix, model=Net(), step=nn.create_global_step())
    [problem] = [p for p in refused.value.problems if p.name == "global_step"]
    assert problem.kind == "unmatched" and "no global_step" in problem.message


MODEL_FILE = '''
import tensorflow as tf

class Net(tf.Module):
    def __init__(self):
        super().__init__()
        self.kernel = tf.Variable(tf.zeros([3, 2]), name="model/dense/kernel")
        self.bias = tf.Variable(tf.zeros([2]), name="model/dense/bias")
        self.emb = [tf.Variable(tf.zeros([3, 2]), name="model/emb/part_0"),
                    tf.Variable(tf.zeros([2, 2]), name="model/emb/part_1")]
'''


def test_cli_optimizer_flag(tf1_runs, tmp_path, capsys):
    prefix, losses, state = tf1_runs("rmsprop_centered")
    (tmp_path / "net.py").write_text(MODEL_FILE)
    dst = tmp_path / "out" / "ckpt"
    code = main(["convert", prefix, str(dst), "--model", f"{tmp_path / 'net.py'}:Net",
                 "--optimizer", "auto", "--keep-global-step"])
    err = capsys.readouterr().err
    assert code == 0, err
    model, opt, step = fresh("rmsprop_centered")
    report = unscope.restore(str(dst), model=model, optimizer=opt, step=step)
    assert report.ok
    _assert_resumes(model, opt, step, losses, state)
    # --to-tf1 reads an object checkpoint: a TF1 one is refused as unreadable for it
    code = main(["convert", prefix, str(tmp_path / "back"), "--model", f"{tmp_path / 'net.py'}:Net",
                 "--optimizer", "adam", "--to-tf1"])
    assert code == 123 and "a TF1 name-based checkpoint already" in capsys.readouterr().err
