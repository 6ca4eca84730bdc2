"""The zoo of TF1 training programs (tests/program/zoo/), migrated natively, trains as TF1 did.

Each program takes ``CKPT_DIR STEPS [RESTORE_FROM]`` and prints ``key value`` lines.  TF1 is
the oracle: the untouched program runs in TF1 graph mode (``python -m unscope.verify.run_tf1``)
and the migrated one eagerly, both from one TF1 checkpoint of the initial weights; every printed
value (losses, norms, ...) must agree at every step (rtol 1e-5), and so must the final step and
weights; both then resume TF1's mid-training checkpoint and must agree again; each train step
is traced once.
"""
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

import unscope
from tests.program.test_classifier_program import _COUNTING, _run, _traces, _values

ZOO = Path(__file__).parent / "zoo"
# program -> (the keys it prints every step, the text its migration must hold, a check on
# TF1's own printed values that proves the feature under test was active)
PROGRAMS = {
    "rnn_clip_momentum": (("loss", "norm"), ("tf.clip_by_global_norm(grads, 0.5)", "nn.Momentum("),
                          lambda out: max(_values(out, "norm")) > 0.5),  # the clip did clip
    "gan_two_adams": (("d_loss", "g_loss"), ("optimizer.build(d_vars)", "optimizer_2.build(g_vars)",
                                             "optimizer=[optimizer, optimizer_2]"),
                      lambda out: len(set(_values(out, "g_loss"))) > 1),
    "rmsprop_adagrad": (("loss", "loss_after"), ("nn.RMSProp(0.01, decay=0.8, momentum=0.5, centered=True)",
                                                 "nn.Adagrad(0.3)", 'nn.variables_under(regressor, "head")'),
                        # the Adagrad step on the clipped head gradients moved the loss every time
                        lambda out: all(a != b for a, b in zip(_values(out, "loss"), _values(out, "loss_after")))),
    # the final weights compared below include bn/moving_mean and moving_variance: updated once
    # per train step, never by the evaluation with is_training fed False
    "batch_norm_sgd": (("loss", "eval"), ("nn.BatchNormalization(", "tf.zeros([], tf.bool))",
                                          "tf.raw_ops.HistogramSummary(", "create_file_writer("),
                       lambda out: _values(out, "loss") != _values(out, "eval")),
    # one Adam, two train ops: the head's slots and the beta powers are shared, as in TF1 (each
    # step advances them twice); summaries grouped by family= carry TF1's family/family/name tags
    "shared_adam_two_ops": (("loss", "loss_after"), ("optimizer.build(head_vars)", "def train_step_2(x, y):",
                                                     'tags="train/train/loss"'),
                            lambda out: all(a != b for a, b in zip(_values(out, "loss"), _values(out, "loss_after")))),
    # 8 steps of 8 from 40 examples: the second epoch is reshuffled, as TF1 reshuffled it
    "data_sgd": (("loss",), ("iterator = iter(dataset)", "train_step(*next(iterator))",
                             "tf.numpy_function(np.tanh, [f], tf.float32)", "*iterator.element_spec,"),
                 None),
}
SLOTS = ("Adam", "Momentum", "RMSProp", "Adagrad", "power")


def _summaries(logdir):
    """``[(step, tag, value)]`` of the summaries in a run's event files; a histogram's value
    is ``(min, max, num, sum, sum_squares, bucket limits, buckets)``."""
    out = []
    for path in sorted(Path(logdir).glob("events.out.tfevents.*")):
        for event in tf.compat.v1.train.summary_iterator(str(path)):
            for value in event.summary.value:
                h = value.histo
                kept = value.simple_value if value.WhichOneof("value") == "simple_value" else (
                    h.min, h.max, h.num, h.sum, h.sum_squares, *h.bucket_limit, *h.bucket)
                out.append((event.step, value.tag, kept))
    return out


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_zoo_program_trains_as_tf1(name, tmp_path):
    keys, texts, active = PROGRAMS[name]
    script = ZOO / f"{name}.py"
    result = unscope.migrate_source(script.read_text(), mode="native", path=str(script))
    assert result.changed and "Session(" not in result.code and "placeholder" not in result.code, \
        [str(f) for f in result.findings]
    for text in texts:
        assert text in result.code, text
    migrated = tmp_path / f"{name}_tf2.py"
    migrated.write_text(result.code)
    tf1_main = ["-m", "unscope.verify.run_tf1", str(script)]
    tf2_main = ["-c", _COUNTING, str(migrated)]
    for sub in ("init", "tf1", "tf2", "tf1_more", "tf2_more"):
        (tmp_path / sub).mkdir()
    _run(tf1_main + [str(tmp_path / "init"), "0"], tmp_path)
    start = str(tmp_path / "init" / "model-0")
    tf1 = _run(tf1_main + [str(tmp_path / "tf1"), "10", start], tmp_path)
    tf2 = _run(tf2_main + [str(tmp_path / "tf2"), "10", start], tmp_path)
    middle = str(tmp_path / "tf1" / "model-10")
    tf1_more = _run(tf1_main + [str(tmp_path / "tf1_more"), "5", middle], tmp_path)
    tf2_more = _run(tf2_main + [str(tmp_path / "tf2_more"), "5", middle], tmp_path)
    assert active is None or active(tf1)
    for key in keys:
        assert len(_values(tf1, key)) == 10 and len(_values(tf1_more, key)) == 5, key
        np.testing.assert_allclose(_values(tf2, key), _values(tf1, key), rtol=1e-5, err_msg=key)
        np.testing.assert_allclose(_values(tf2_more, key), _values(tf1_more, key), rtol=1e-5, err_msg=key)
    assert _values(tf1, "step") == _values(tf2, "step") == [10.0]
    assert _values(tf1_more, "step") == _values(tf2_more, "step") == [15.0]
    for out in (tf2, tf2_more):
        traces = {k: v for k, v in _traces(out).items() if k.startswith(("train_step", "compute_"))}
        assert traces and all(count == 1 for count in traces.values()), traces  # the program's own
    if (tmp_path / "tf1" / "logs").is_dir():  # the program writes summaries: TF1's, step by step
        tf1_events, tf2_events = _summaries(tmp_path / "tf1" / "logs"), _summaries(tmp_path / "tf2" / "logs")
        assert len(tf1_events) == 20 and [e[:2] for e in tf2_events] == [e[:2] for e in tf1_events]
        for (_, tag, one), (_, _, two) in zip(tf1_events, tf2_events):
            np.testing.assert_allclose(two, one, rtol=1e-5, err_msg=tag)
    reader = tf.train.load_checkpoint(str(tmp_path / "tf1_more" / "model-15"))
    saved = tf.train.load_checkpoint(str(tmp_path / "tf2_more" / "model-15"))
    tf1_weights = [n for n in reader.get_variable_to_shape_map()
                   if n != "global_step" and not any(s in n for s in SLOTS)]
    tf2_keys = [k for k in saved.get_variable_to_shape_map()
                if k.startswith("model/") and k.endswith("/.ATTRIBUTES/VARIABLE_VALUE")]
    assert tf1_weights and len(tf2_keys) == len(tf1_weights)
    for weight in tf1_weights:
        value = reader.get_tensor(weight)
        assert any(saved.get_tensor(k).shape == value.shape
                   and np.allclose(saved.get_tensor(k), value, rtol=1e-5, atol=1e-7)
                   for k in tf2_keys), weight
