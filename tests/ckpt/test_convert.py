"""TF1 checkpoints made by tf.compat.v1.train.Saver -> TF2 object checkpoints, and back."""
import json

import numpy as np
import pytest
import tensorflow as tf

import unscope
from unscope.ckpt import CheckpointWriteError, ConversionRefused, write_tf1_checkpoint

from tests.ckpt import models
from tests.ckpt.conftest import checkpoint_files

TRAINING_STATE = {"global_step", "beta1_power", "beta2_power"} | {
    f"{name}/{slot}" for name in models.SHAPES for slot in ("Adam", "Adam_1")}


def tracked(fn=models.tiny):
    model = unscope.track(fn)
    model(models.IDS, models.X)
    return model


# model factory, checkpoint partitioning: every pairing of partitioned / whole on both sides
MODELS = {
    "native parts": lambda: models.Net(emb_parts=3),
    "native 2 parts": lambda: models.Net(emb_parts=2),
    "native whole": lambda: models.Net(emb_parts=None),
    "track parts": lambda: tracked(models.tiny),
    "track whole": lambda: tracked(models.tiny_whole),
}


@pytest.mark.parametrize("ckpt_parts", [3, None])
@pytest.mark.parametrize("kind", list(MODELS))
def test_every_variable_is_filled_and_restores(tf1_ckpt, dst, kind, ckpt_parts):
    tf1 = tf1_ckpt(parts=ckpt_parts)
    model = MODELS[kind]()
    report = unscope.convert_checkpoint(tf1.prefix, dst, model)
    assert report.written and not report.problems
    got = models.values_of(model)
    assert set(got) == set(tf1.values)
    for name, value in tf1.values.items():
        np.testing.assert_array_equal(got[name], value, err_msg=name)

    fresh = MODELS[kind]()
    tf.train.Checkpoint(model=fresh).read(dst).assert_consumed()
    for name, value in models.values_of(fresh).items():
        np.testing.assert_array_equal(value, tf1.values[name], err_msg=name)
    np.testing.assert_allclose(fresh(models.IDS, models.X), tf1.output, rtol=1e-5, atol=1e-6)

    # every tensor is accounted for: mapped or dropped with a reason
    assert set(report.mapped) == set(models.SHAPES)
    assert set(report.dropped) == TRAINING_STATE
    assert report.dropped["model/emb/Adam"] == "optimizer slot: Adam of model/emb"
    split = kind.endswith("parts") and "2" not in kind or "2 parts" in kind
    assert isinstance(report.mapped["model/emb"], tuple) == split


def test_keep_global_step(tf1, dst):
    model = models.Net()
    report = unscope.convert_checkpoint(tf1.prefix, dst, model, keep_global_step=True)
    assert report.global_step == "global_step" and "global_step" not in report.dropped
    step = tf.Variable(0, dtype=tf.int64)
    tf.train.Checkpoint(model=models.Net(), global_step=step).read(dst).assert_consumed()
    assert int(step.numpy()) == 1


def test_without_global_step_the_checkpoint_has_only_the_model(tf1, dst):
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    tf.train.Checkpoint(model=models.Net()).read(dst).assert_consumed()  # nothing extra in it


def test_rename_rules(tf1, dst):
    class Renamed(models.Net):
        def __init__(self):
            super().__init__()
            self.dense = models.Dense("net/fc", 4, 3)
    rules = {"rename": [{"from": "^model/dense/", "to": "net/fc/"}]}
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(tf1.prefix, dst, Renamed())
    assert {p.kind for p in refused.value.problems} == {"unmatched", "unexplained"}
    model = Renamed()
    report = unscope.convert_checkpoint(tf1.prefix, dst, model, rules=rules)
    np.testing.assert_array_equal(model.dense.kernel.numpy(), tf1.values["model/dense/kernel"])
    assert report.mapped["model/dense/kernel"] is model.dense.kernel
    assert report.counts()["renamed"] == 2


def test_drop_rule_for_a_tensor_the_model_does_not_have(tf1, dst):
    class NoNorm(models.Net):
        def __init__(self):
            super().__init__()
            del self.ln
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(tf1.prefix, dst, NoNorm())
    [problem] = refused.value.problems
    assert (problem.kind, problem.name) == ("unexplained", "model/ln/gamma")
    report = unscope.convert_checkpoint(tf1.prefix, dst, NoNorm(), rules={"drop": ["^model/ln/"]})
    assert report.dropped["model/ln/gamma"] == "rule: drop '^model/ln/'"
    assert report.dropped["model/ln/gamma/Adam"] == "rule: drop '^model/ln/'"


def test_dtype_mismatch_refused_unless_cast_is_allowed(tf1_ckpt, dst):
    tf1 = tf1_ckpt(dtype="float64")
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    assert {p.kind for p in refused.value.problems} == {"dtype"}
    assert len(refused.value.problems) == len(models.SHAPES)
    assert "--allow-cast" in refused.value.problems[0].message
    assert checkpoint_files(dst) == []
    model = models.Net()
    report = unscope.convert_checkpoint(tf1.prefix, dst, model, allow_cast=True)
    assert report.counts()["cast"] == len(models.SHAPES)
    for name, value in models.values_of(model).items():
        np.testing.assert_array_equal(value, tf1.values[name].astype(np.float32))


def test_shape_mismatch_is_refused(tf1, dst):
    class Wide(models.Net):
        def __init__(self):
            super().__init__()
            self.dense = models.Dense("model/dense", 4, 5)
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(tf1.prefix, dst, Wide())
    assert sorted(p.name for p in refused.value.problems) == ["model/dense/bias", "model/dense/kernel"]
    assert all(p.kind == "shape" for p in refused.value.problems)


def test_refusal_carries_the_report(tf1, dst):
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(tf1.prefix, dst, _wide_gamma())
    report = refused.value.report
    assert report is not None and not report.written
    assert json.loads(report.to_json())["problems"][0]["name"] == "model/ln/gamma"


def _wide_gamma():
    model = models.Net()
    model.ln = {"gamma": tf.Variable(tf.zeros([4]), name="model/ln/gamma")}
    return model


def test_dry_run_reads_and_writes_nothing(tf1, dst):
    model = models.Net()
    report = unscope.convert_checkpoint(tf1.prefix, dst, model, dry_run=True)
    assert report.dry_run and not report.written
    assert checkpoint_files(dst) == []
    assert all(not v.numpy().any() for v in model.variables)  # still the zeros of __init__
    lines = report.mapping_lines()
    assert "model/emb -> model/emb/part_0, model/emb/part_1, model/emb/part_2  [10, 3] float32  (split along axis 0)" in lines
    assert "beta1_power dropped: optimizer state: beta1_power" in lines


def test_report_json_and_summary(tf1, dst):
    report = unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    data = json.loads(report.to_json())
    assert {m["source"] for m in data["mapped"]} == set(models.SHAPES)
    assert set(data["dropped"]) == TRAINING_STATE
    assert data["counts"] == {"mapped": 4, "variables": 6, "split": 1, "cast": 0, "renamed": 0,
                              "dropped": 11, "problems": 0}
    emb = next(m for m in data["mapped"] if m["source"] == "model/emb")
    assert emb["offsets"] == [0, 4, 7] and emb["axis"] == 0
    assert report.summary() == (f"4 tensors -> 6 variables (1 split), 11 dropped (1 global_step, "
                                f"8 optimizer slot, 2 optimizer state); wrote {dst}")
    assert str(report).splitlines()[1].strip() == report.summary()


def test_object_checkpoint_as_source_is_an_error(tf1, dst, tmp_path):
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    with pytest.raises(unscope.ckpt.CheckpointReadError, match="TF2 object-based checkpoint"):
        unscope.convert_checkpoint(dst, str(tmp_path / "again"), models.Net())


def test_source_may_be_a_directory_or_a_file_of_the_checkpoint(tf1, tmp_path):
    for i, src in enumerate([str(tf1.dir), tf1.prefix + ".index", tf1.prefix + ".data-00000-of-00001"]):
        report = unscope.convert_checkpoint(src, str(tmp_path / f"out{i}"), models.Net())
        assert report.src == tf1.prefix


def test_a_variable_the_module_does_not_track_is_caught_before_anything_is_moved(tf1, dst):
    class Hidden(models.Net):
        """Lists a variable in .variables that tf.train.Checkpoint cannot see."""
        def __init__(self):
            super().__init__()
            self._box = type("Box", (), {})()  # a plain object: neither tf.Module nor Checkpoint look in
            self._box.variable = tf.Variable(tf.zeros([3]), name="model/extra")

        @property
        def variables(self):
            return super().variables + (self._box.variable,)
    model = Hidden()
    rules = {"rename": [{"from": "^model/ln/gamma$", "to": "model/extra"}]}
    model.ln = {}  # model/ln/gamma in the checkpoint now fills model/extra
    with pytest.raises(CheckpointWriteError, match="does not track it"):
        unscope.convert_checkpoint(tf1.prefix, dst, model, rules=rules)
    assert checkpoint_files(dst) == []


def test_verification_failure_moves_nothing(tf1, dst, monkeypatch):
    from unscope.ckpt import check
    monkeypatch.setattr(check, "same_values", lambda a, b: False)
    with pytest.raises(CheckpointWriteError, match="differs from the model"):
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    assert checkpoint_files(dst) == []


# --- the reverse: TF2 -> a TF1 checkpoint that tf.compat.v1.train.Saver restores ---

def _restore_in_tf1_graph(prefix, parts):
    """Build ``tiny`` in a TF1 graph, restore with Saver, return its values and output."""
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        y = models.tiny(tf.constant(models.IDS), tf.constant(models.X), parts=parts)
        by_name = {v.op.name: v for v in v1.global_variables()}
        with v1.Session() as sess:
            v1.train.Saver().restore(sess, prefix)
            values = {n: sess.run(by_name[n]) if n in by_name else
                      np.concatenate(sess.run([by_name[f"{n}/part_{i}"] for i in range(parts)]))
                      for n in models.SHAPES}
            return values, sess.run(y)


@pytest.mark.parametrize("model_parts", [3, None])
@pytest.mark.parametrize("graph_parts", [3, 2, None])
def test_to_tf1_restores_with_saver(tf1, dst, tmp_path, model_parts, graph_parts):
    make = lambda: models.Net(emb_parts=model_parts)  # noqa: E731
    unscope.convert_checkpoint(tf1.prefix, dst, make())
    back = str(tmp_path / "back" / "model.ckpt")
    report = unscope.convert_checkpoint(dst, back, make(), to_tf1=True)
    assert report.direction == "tf2->tf1" and set(report.mapped) == set(models.SHAPES)
    assert sorted(n for n, _ in tf.train.list_variables(back)) == sorted(models.SHAPES)
    values, output = _restore_in_tf1_graph(back, graph_parts)
    for name, value in tf1.values.items():
        np.testing.assert_array_equal(values[name], value, err_msg=name)
    np.testing.assert_allclose(output, tf1.output, rtol=1e-6)


def test_write_tf1_checkpoint_from_a_track_module(dst):
    model = tracked(models.tiny)
    for v in model.variables:  # recognisable values
        v.assign(tf.random.normal(v.shape, seed=len(v.name)))
    report = write_tf1_checkpoint(dst, model)
    assert report.written
    _, output = _restore_in_tf1_graph(dst, 3)
    np.testing.assert_allclose(output, model(models.IDS, models.X), rtol=1e-6)


def test_to_tf1_with_rules_and_global_step(tf1, dst, tmp_path):
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net(), keep_global_step=True)
    back = str(tmp_path / "back" / "model.ckpt")
    report = unscope.convert_checkpoint(dst, back, models.Net(), to_tf1=True, keep_global_step=True,
                                        rules={"rename": [{"from": "^model/", "to": "old/"}]})
    names = dict(tf.train.list_variables(back))
    assert set(names) == {n.replace("model/", "old/") for n in models.SHAPES} | {"global_step"}
    assert int(tf.train.load_checkpoint(back).get_tensor("global_step")) == 1
    assert report.mapped["old/dense/kernel"] is not None


def test_to_tf1_refuses_a_tf1_source_and_a_mismatched_model(tf1, dst, tmp_path):
    with pytest.raises(unscope.ckpt.CheckpointReadError, match="name-based checkpoint already"):
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net(), to_tf1=True)
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net(emb_parts=None))
    for dry_run in (True, False):
        with pytest.raises(ConversionRefused) as refused:
            unscope.convert_checkpoint(dst, str(tmp_path / "back"), models.Net(emb_parts=3), to_tf1=True,
                                       dry_run=dry_run)
        kinds = {p.name: p.kind for p in refused.value.problems}
        assert kinds == {"model/emb/part_0": "shape", "model/emb/part_1": "unmatched",
                         "model/emb/part_2": "unmatched"}
    assert checkpoint_files(str(tmp_path / "back")) == []


def test_to_tf1_reads_tensor_by_tensor_into_the_model(tf1, dst, tmp_path, monkeypatch):
    """The object checkpoint is streamed into the model (not restored in one piece)."""
    from unscope.ckpt import source
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    reads = []
    real = source.Source.read

    def counting(self, requests):
        reads.append([name for name, _, _ in requests])
        return real(self, requests)
    monkeypatch.setattr(source.Source, "read", counting)
    unscope.convert_checkpoint(dst, str(tmp_path / "back"), models.Net(), to_tf1=True)
    first_pass = [name for batch in reads for name in batch][:6]
    assert sorted(first_pass) == sorted(k for k, _ in tf.train.list_variables(dst) if "VARIABLE_VALUE" in k)


def test_write_tf1_checkpoint_with_a_global_step_and_a_dry_run(dst):
    model = models.Net()
    report = write_tf1_checkpoint(dst, model, dry_run=True)
    assert not report.written and checkpoint_files(dst) == []
    report = write_tf1_checkpoint(dst, model, global_step=42)
    reader = tf.train.load_checkpoint(dst)
    assert int(reader.get_tensor("global_step")) == 42 and report.global_step == "global_step"
    with pytest.raises(ConversionRefused, match="exists"):
        write_tf1_checkpoint(dst, model)
