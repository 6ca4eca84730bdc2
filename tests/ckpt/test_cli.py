"""`unscope convert` end to end, in-process: exit codes, stdout data, one-line diagnostics."""
import json
import os

import numpy as np
import pytest
import tensorflow as tf

from unscope.cli import main

from tests.ckpt import lazy_models, models
from tests.ckpt.conftest import checkpoint_files

MODEL_FILE = models.__file__


@pytest.fixture
def cli(capsys):
    def run(*argv):
        code = main(["convert", *map(str, argv)])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def example(tmp_path):
    path = tmp_path / "inputs.npz"
    np.savez(path, ids=models.IDS, x=models.X)
    return str(path)


def _restored(dst, make):
    model = make()
    tf.train.Checkpoint(model=model).read(dst).assert_consumed()
    return model


@pytest.mark.parametrize("attr, extra, make", [
    ("Net", [], models.Net),
    ("Net", ["--init", '{"emb_parts": 2}'], lambda: models.Net(emb_parts=2)),
    ("Net", ["--init", '{"emb_parts": null}'], lambda: models.Net(emb_parts=None)),
    ("net", [], models.Net),  # an instance
    ("LazyNet", ["--example", "EXAMPLE"], None),
    ("tiny", ["--example", "EXAMPLE"], None),  # a function, wrapped with unscope.track
])
def test_models_of_every_kind(cli, tf1, dst, example, attr, extra, make):
    extra = [example if a == "EXAMPLE" else a for a in extra]
    code, out, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:{attr}", *extra)
    assert code == 0, err
    assert out == ""
    assert err.strip().endswith(f"wrote {dst}") and len(err.strip().splitlines()) == 1
    names = {n for n, _ in tf.train.list_variables(dst)}
    assert len([n for n in names if n.endswith("VARIABLE_VALUE")]) >= len(models.SHAPES)
    if make is not None:
        got = models.values_of(_restored(dst, make))
        for name, value in tf1.values.items():
            np.testing.assert_array_equal(got[name], value)


def test_function_model_output_matches_tf1(cli, tf1, dst, example):
    import unscope
    assert cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:tiny", "--example", example)[0] == 0
    model = unscope.track(models.tiny)
    model(models.IDS, models.X)
    tf.train.Checkpoint(model=model).read(dst).assert_consumed()
    np.testing.assert_allclose(model(models.IDS, models.X), tf1.output, rtol=1e-5)


def test_dry_run_prints_the_mapping_and_writes_nothing(cli, tf1, dst):
    code, out, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--dry-run")
    assert code == 0
    lines = out.splitlines()
    assert "model/dense/kernel -> model/dense/kernel  [4, 3] float32" in lines
    assert "global_step dropped: global_step: not a model variable (keep it with keep_global_step=True, --keep-global-step)" in lines
    assert len(lines) == 4 + 11
    assert "dry run; nothing written" in err
    assert checkpoint_files(dst) == []


def test_json_format(cli, tf1, dst):
    code, out, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--format", "json",
                         "--keep-global-step")
    assert code == 0
    report = json.loads(out)
    assert report["written"] and report["global_step"] == "global_step"
    assert report["counts"]["mapped"] == 4 and report["counts"]["dropped"] == 10


def test_refused_lists_each_problem_on_one_line(cli, tf1, dst):
    code, out, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--init", '{"dtype": "float64"}')
    assert code == 1 and out == ""
    lines = err.strip().splitlines()
    assert lines[-1] == "convert refused: 4 problems; nothing written"
    assert all(line.startswith(f"{tf1.prefix}: model/") and ": dtype: " in line for line in lines[:-1])
    assert checkpoint_files(dst) == []


def test_refused_with_json_still_prints_the_report(cli, tf1, dst):
    code, out, _ = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--init", '{"dtype": "float64"}',
                       "--format", "json")
    assert code == 1 and [p["kind"] for p in json.loads(out)["problems"]] == ["dtype"] * 4


def test_allow_cast(cli, tf1, dst):
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--init", '{"dtype": "float64"}',
                       "--allow-cast")
    assert code == 0 and "4 cast" in err


def test_existing_destination_needs_force(cli, tf1, dst):
    args = (tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net")
    assert cli(*args)[0] == 0
    code, _, err = cli(*args)
    assert code == 1
    assert err.splitlines()[0] == (f"{os.path.abspath(dst)}: exists: a checkpoint exists at this prefix; "
                                   "pass overwrite=True (--force) to replace it")
    assert cli(*args, "--force")[0] == 0


def test_rules_file(cli, tf1, dst, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("drop = ['^model/ln/']\n")
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--rules", rules)
    assert code == 1 and "model/ln/gamma: unmatched:" in err  # the model still wants it
    rules.write_text("[[rename]]\nfrom = '^model/'\nto = 'model/'\n")
    assert cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--rules", rules)[0] == 0


def test_to_tf1(cli, tf1, dst, tmp_path):
    assert cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net")[0] == 0
    back = tmp_path / "back" / "model.ckpt"
    code, _, err = cli(dst, back, "--model", f"{MODEL_FILE}:Net", "--to-tf1")
    assert code == 0 and "6 variables -> 4 tensors (1 joined)" in err
    reader = tf.train.load_checkpoint(str(back))
    np.testing.assert_array_equal(reader.get_tensor("model/emb"), tf1.values["model/emb"])


@pytest.mark.parametrize("argv, message", [
    (["--init", "{"], "--init: not valid JSON"),
    (["--init", "[1]"], "--init: expected a JSON object"),
    (["--rules", "nope.toml"], "--rules: nope.toml: no such file"),
    (["--example", "nope.npz"], "--example: nope.npz: no such file"),
    (["--model", "no_colon.py"], "expected FILE.py:ATTR"),
    (["--model", "missing_file.py:Net"], "no such file"),
    (["--model", f"{MODEL_FILE}:tiny", "--init", "{}"], "--init is for tf.Module classes"),
    # an attribute that does not exist, or is not a model: the same mistake as in verify
    (["--model", f"{MODEL_FILE}:Nope"], "has no attribute 'Nope'"),
    (["--model", f"{MODEL_FILE}:not_a_model"], "is a int; expected a function"),
    (["--model", f"{MODEL_FILE}:"], "expected FILE.py:ATTR"),
])
def test_usage_errors_exit_2(cli, tf1, dst, argv, message):
    if "--model" not in argv:
        argv = argv + ["--model", f"{MODEL_FILE}:Net"]
    code, _, err = cli(tf1.prefix, dst, *argv)
    assert code == 2 and message in err, err
    assert len(err.strip().splitlines()) == 1


def test_bad_rules_file_exits_2(cli, tf1, dst, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text("drop = ['(']\n")
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net", "--rules", rules)
    assert code == 2 and "bad regular expression" in err


def test_missing_model_flag_is_usage(cli, tf1, dst):
    assert cli(tf1.prefix, dst)[0] == 2


@pytest.mark.parametrize("attr, message", [
    ("Broken", "cannot construct Broken(**init): RuntimeError: cannot build this one"),
    ("LazyNet", "the model has no variables; pass example inputs (--example INPUTS.npz)"),
])
def test_models_that_do_not_build_exit_123(cli, tf1, dst, attr, message):
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:{attr}")
    assert code == 123 and message in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_verbose_flag_prints_traceback(capsys, tf1, dst):
    code = main(["convert", "-v", tf1.prefix, dst, "--model", f"{MODEL_FILE}:Broken"])
    err = capsys.readouterr().err
    assert code == 123 and "Traceback" in err and "RuntimeError: cannot build this one" in err


def test_model_file_that_does_not_import(cli, tf1, dst, tmp_path):
    bad = tmp_path / "bad_model.py"
    bad.write_text("import tensorflow as tf\nraise ImportError('needs tf.contrib')\n")
    code, _, err = cli(tf1.prefix, dst, "--model", f"{bad}:Net")
    assert code == 123 and "cannot import: ImportError: needs tf.contrib" in err


def test_example_that_does_not_fit_the_model(cli, tf1, dst, tmp_path):
    wrong = tmp_path / "wrong.npz"
    np.savez(wrong, ids=models.IDS, y=models.X)
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:tiny", "--example", wrong)
    assert code == 123 and "calling the model on the example inputs (ids, y) failed" in err


def test_unreadable_example(cli, tf1, dst, tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip")
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:tiny", "--example", junk)
    assert code == 123 and "cannot read example inputs" in err


def test_corrupted_source_exits_123_without_traceback(cli, tf1, dst):
    os.truncate(tf1.prefix + ".data-00000-of-00001", 10)
    code, out, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:Net")
    assert code == 123 and out == ""
    assert err.strip() == (f"unscope convert: error: {tf1.prefix}: truncated data: the data files hold "
                           "10 bytes, the index describes 592")
    assert checkpoint_files(dst) == []


def test_missing_source_is_a_usage_error(cli, dst, tmp_path):
    # as `verify --checkpoint` and scan/migrate on a missing path: exit 2, one line
    code, _, err = cli(tmp_path / "nothing", dst, "--model", f"{MODEL_FILE}:Net")
    assert code == 2 and "nothing: no such checkpoint" in err
    assert len(err.strip().splitlines()) == 1


def test_empty_checkpoint_directory_exits_123(cli, dst, tmp_path):
    code, _, err = cli(tmp_path, dst, "--model", f"{MODEL_FILE}:Net")
    assert code == 123 and "is a directory with no checkpoint" in err


@pytest.mark.parametrize("attr", ["LazyNet", "tiny"])  # a class and a function, both lazy
def test_dry_run_suggests_example_when_the_model_made_no_variables(cli, tf1, dst, attr):
    code, out, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:{attr}", "--dry-run")
    assert code == 1 and out == ""
    hint, = [line for line in err.splitlines() if line.startswith("hint: ")]
    assert hint.startswith("hint: the model made no variables; if it creates variables on its "
                           "first call, pass --example INPUTS.npz")
    assert checkpoint_files(dst) == []


def test_dry_run_suggests_example_when_fewer_variables_than_the_checkpoint(cli, tf1, dst):
    # HalfLazyNet makes some variables in __init__ and the rest on its first call
    code, out, err = cli(tf1.prefix, dst, "--model", f"{lazy_models.__file__}:HalfLazyNet", "--dry-run",
                         "--format", "json")
    assert code == 1
    hint, = [line for line in err.splitlines() if line.startswith("hint: ")]
    assert "fewer than the checkpoint holds" in hint and "--example INPUTS.npz" in hint
    assert json.loads(out)["notes"] == [hint[len("hint: "):]]


def test_dry_run_with_example_gives_no_hint(cli, tf1, dst, example):
    code, _, err = cli(tf1.prefix, dst, "--model", f"{MODEL_FILE}:LazyNet", "--dry-run",
                       "--example", example)
    assert code == 0 and "hint:" not in err, err
