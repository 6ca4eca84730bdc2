"""Nothing lost silently, nothing half-written: every failure leaves DST as it was."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import tensorflow as tf

import unscope
from unscope.ckpt import CheckpointReadError, CheckpointWriteError, ConversionRefused

from tests.ckpt import models
from tests.ckpt.conftest import checkpoint_files

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _data(prefix):
    return prefix + ".data-00000-of-00001"


def _truncate(path, keep):
    os.truncate(path, int(os.path.getsize(path) * keep))


def _flip(path):
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(bytes(b ^ 0xFF for b in data))


def _zero_middle(path):
    with open(path, "r+b") as f:
        size = os.path.getsize(path)
        f.seek(size // 3)
        f.write(b"\0" * 8)


# (what is done to the source, the error message expected)
CORRUPTIONS = [
    ("data truncated to half", lambda p: _truncate(_data(p), 0.5), "truncated data"),
    ("data truncated by one byte", lambda p: os.truncate(_data(p), os.path.getsize(_data(p)) - 1), "truncated data"),
    ("data emptied", lambda p: _truncate(_data(p), 0), "truncated data"),
    ("data bytes flipped", lambda p: _flip(_data(p)), "Checksum does not match"),
    ("data file missing", lambda p: os.remove(_data(p)), "data file missing"),
    ("index missing", lambda p: os.remove(p + ".index"), "no checkpoint here"),
    ("index truncated", lambda p: _truncate(p + ".index", 0.5), "corrupted or not a checkpoint index"),
    ("index emptied", lambda p: _truncate(p + ".index", 0), "corrupted or not a checkpoint index"),
    ("index flipped", lambda p: _flip(p + ".index"), "corrupted or not a checkpoint index"),
    ("index block damaged", lambda p: _zero_middle(p + ".index"), "corrupted or not a checkpoint index"),
]


@pytest.mark.parametrize("what, damage, message", CORRUPTIONS, ids=[c[0] for c in CORRUPTIONS])
def test_damaged_source_is_a_one_line_error_and_nothing_is_written(tf1, dst, what, damage, message):
    damage(tf1.prefix)
    with pytest.raises(CheckpointReadError) as error:
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    text = str(error.value)
    assert message in text and "\n" not in text
    assert checkpoint_files(dst) == []


def test_missing_source_suggests_a_neighbour(tf1, dst):
    with pytest.raises(CheckpointReadError, match=r"did you mean .*model\.ckpt\?"):
        unscope.convert_checkpoint(os.path.join(str(tf1.dir), "mod"), dst, models.Net())


def test_another_models_checkpoint_lists_names_and_candidates(tmp_path, dst):
    prefix = str(tmp_path / "other" / "model.ckpt")
    v1 = tf.compat.v1
    os.makedirs(os.path.dirname(prefix))
    with tf.Graph().as_default():
        for name, shape in {"encoder/dense/kernel": [4, 3], "encoder/dense/bias": [3],
                            "encoder/embedding": [10, 3]}.items():
            v1.get_variable(name, shape)
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver().save(sess, prefix)
    with pytest.raises(ConversionRefused) as refused:
        unscope.convert_checkpoint(prefix, dst, models.Net())
    problems = refused.value.problems
    assert problems[0].kind == "unrelated"
    unmatched = {p.name: p for p in problems if p.kind == "unmatched"}
    assert set(unmatched) == {"model/dense/kernel", "model/dense/bias", "model/emb/part_0",
                              "model/emb/part_1", "model/emb/part_2", "model/ln/gamma"}
    assert unmatched["model/dense/kernel"].candidates[0] == "encoder/dense/kernel"
    unexplained = {p.name: p for p in problems if p.kind == "unexplained"}
    assert set(unexplained) == {"encoder/dense/kernel", "encoder/dense/bias", "encoder/embedding"}
    assert unexplained["encoder/dense/bias"].candidates[0] == "model/dense/bias"
    assert all("\n" not in p.line() for p in problems)
    assert checkpoint_files(dst) == []


def test_existing_destination_is_refused_and_kept(tf1, dst):
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    before = {f: os.path.getmtime(os.path.join(os.path.dirname(dst), f)) for f in checkpoint_files(dst)}
    with pytest.raises(ConversionRefused, match="exists.*overwrite=True"):
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    after = {f: os.path.getmtime(os.path.join(os.path.dirname(dst), f)) for f in checkpoint_files(dst)}
    assert before == after


def test_overwrite_replaces_and_removes_stale_shards(tf1, dst):
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    stale = dst + ".data-00001-of-00002"
    open(stale, "wb").close()
    unscope.convert_checkpoint(tf1.prefix, dst, models.Net(emb_parts=None), overwrite=True)
    assert not os.path.exists(stale)
    assert checkpoint_files(dst) == ["model.data-00000-of-00001", "model.index"]
    tf.train.Checkpoint(model=models.Net(emb_parts=None)).read(dst).assert_consumed()


def test_destination_that_is_a_directory(tf1, tmp_path):
    with pytest.raises(ConversionRefused, match="is a directory"):
        unscope.convert_checkpoint(tf1.prefix, str(tmp_path), models.Net())


def _write_then(fail):
    """A tf.train.Checkpoint.write that writes (so files exist in the temporary place), then fails."""
    real = tf.train.Checkpoint.write

    def write(self, prefix, options=None):
        real(self, prefix, options)
        raise fail
    return write


@pytest.mark.parametrize("fail, caught", [
    (tf.errors.ResourceExhaustedError(None, None, "No space left on device"), CheckpointWriteError),
    (OSError(28, "No space left on device"), CheckpointWriteError),
    (KeyboardInterrupt(), KeyboardInterrupt),
])
def test_failure_while_writing_leaves_nothing(tf1, dst, monkeypatch, fail, caught):
    monkeypatch.setattr(tf.train.Checkpoint, "write", _write_then(fail))
    with pytest.raises(caught) as error:
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    if caught is CheckpointWriteError:
        assert "No space left on device" in str(error.value) and "\n" not in str(error.value)
    assert checkpoint_files(dst) == []
    assert not os.path.exists(os.path.dirname(dst))  # the directory it made is gone too


def test_interrupt_while_reading_leaves_nothing(tf1, dst, monkeypatch):
    from unscope.ckpt import source

    def interrupted(self, requests):
        raise KeyboardInterrupt
    monkeypatch.setattr(source.Source, "read", interrupted)
    with pytest.raises(KeyboardInterrupt):
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    assert checkpoint_files(dst) == []


@pytest.mark.parametrize("overwrite", [False, True])
def test_interrupt_while_moving_into_place_leaves_the_old_state(tf1, dst, monkeypatch, overwrite):
    from unscope.ckpt import staging
    if overwrite:
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net())
    before = {f: open(os.path.join(os.path.dirname(dst), f), "rb").read() for f in checkpoint_files(dst)}
    real, calls = os.replace, []

    def replace(a, b):
        calls.append(a)
        if len(calls) == 2 + 2 * overwrite:  # after the first new file has moved
            raise KeyboardInterrupt
        real(a, b)
    monkeypatch.setattr(staging.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        unscope.convert_checkpoint(tf1.prefix, dst, models.Net(emb_parts=None), overwrite=overwrite)
    monkeypatch.undo()
    after = {f: open(os.path.join(os.path.dirname(dst), f), "rb").read() for f in checkpoint_files(dst)}
    assert after == before


def test_ctrl_c_through_the_cli(tf1, dst, monkeypatch, capsys):
    """A real SIGINT during the write: exit 130, one line, nothing at DST."""
    from unscope.ckpt import check
    from unscope.cli import main

    def verify(*args):
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the signal interrupts this
        raise AssertionError("SIGINT was not delivered")
    monkeypatch.setattr(check, "verify", verify)
    monkeypatch.setattr("unscope.ckpt.convert.verify", verify)
    code = main(["convert", tf1.prefix, dst, "--model", f"{models.__file__}:Net"])
    err = capsys.readouterr().err
    assert code == 130 and err.strip() == "unscope: interrupted"
    assert checkpoint_files(dst) == []


@pytest.mark.slow
def test_write_that_hits_a_size_limit_in_a_real_process(tf1, dst):
    """RLIMIT_FSIZE makes the real write fail (EFBIG), like a full disk, in a subprocess."""
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100, 100))
        from unscope.cli import main
        sys.exit(main(["convert", {tf1.prefix!r}, {dst!r}, "--model", {models.__file__ + ':Net'!r}]))
    """)
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=ROOT)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    lines = [line for line in proc.stderr.splitlines() if line.startswith("unscope")]
    assert proc.returncode == 123, proc.stderr
    assert len(lines) == 1 and "cannot write" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    assert checkpoint_files(dst) == []


def test_remote_destination_is_refused(tf1):
    with pytest.raises(CheckpointWriteError, match="must be a local path"):
        unscope.convert_checkpoint(tf1.prefix, "gs://bucket/model", models.Net())
