"""verify compares several input draws: a bug one tiny batch hides is still caught.

OLD ``dense(x)`` vs NEW ``relu(dense(x))`` on ``x:float32[2,4]``: with one draw, the two agree
whenever both outputs happen to be positive (about one seed in four). OLD's weights come from a
TF1 checkpoint so that they are the same for every seed; one TF1 worker computes OLD on the
draws of every seed, and each seed's draws are then verified on their own.
"""
import dataclasses
import json

import numpy as np
import pytest

from tests.verify.conftest import model
from unscope.cli import main
from unscope.verify import DEFAULT_DRAWS, make_draws, run_old, verify
from unscope.verify.inputs import UsageError

tf = pytest.importorskip("tensorflow")

OLD = model("old_dense.py:dense")
NEW = model("new_dense_relu.py:dense")
SPEC = "x:float32[2,4]"
SEEDS = range(40)


def test_draws_are_centred_with_both_signs():
    draws = make_draws(SPEC + ",ids:int32[2]<5", seed=7)
    assert len(draws) == DEFAULT_DRAWS == 4
    np.testing.assert_array_equal(draws[1]["x"], -draws[0]["x"])  # mirrored floats
    np.testing.assert_array_equal(draws[3]["x"], -draws[2]["x"])
    assert not np.array_equal(draws[2]["x"], draws[0]["x"])  # a fresh draw
    assert all((d["ids"] >= 0).all() and (d["ids"] < 5).all() for d in draws)
    with pytest.raises(UsageError, match="at least 1"):
        make_draws(SPEC, draws=0)


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("dense") / "model.ckpt")
    v1 = tf.compat.v1
    with tf.Graph().as_default():
        kernel = v1.get_variable("dense/kernel", initializer=np.array(
            [[0.5], [-1.0], [0.25], [2.0]], np.float32))
        bias = v1.get_variable("dense/bias", initializer=np.zeros([1], np.float32))
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver([kernel, bias]).save(sess, path)
    return path


@pytest.fixture(scope="module")
def old_all_seeds(prefix):
    """OLD run once, in TF1, on the default draws of every seed, one after another."""
    draws = [d for seed in SEEDS for d in make_draws(SPEC, seed)]
    return run_old(OLD, draws, checkpoint=prefix)


def _seed_view(old, seed, n):
    """OLD's result for one seed's first `n` draws, as `run_old(..., seed)` would return it."""
    mine = old.draws()[seed * DEFAULT_DRAWS: seed * DEFAULT_DRAWS + n]
    return dataclasses.replace(old, inputs=mine[0].inputs, outputs=mine[0].outputs,
                               gradients=mine[0].gradients, after=mine[0].after,
                               more_draws=mine[1:], seed=seed)


@pytest.fixture(scope="module")
def hidden_by_one_draw(old_all_seeds):
    return [s for s in SEEDS if verify(_seed_view(old_all_seeds, s, 1), NEW).ok]


def test_one_draw_hides_the_bug_for_some_seeds(hidden_by_one_draw):
    assert 3 <= len(hidden_by_one_draw) <= 20  # about a quarter of the seeds: as reported


def test_default_draws_catch_the_bug_for_every_seed(old_all_seeds):
    for seed in SEEDS:
        report = verify(_seed_view(old_all_seeds, seed, DEFAULT_DRAWS), NEW)
        assert ("output", "output") in {(m.kind, m.name) for m in report.mismatches}, seed
        assert report.draws == DEFAULT_DRAWS and not report.ok


def test_cli_reports_the_draws_in_text_and_json(hidden_by_one_draw, prefix, capsys):
    seed = hidden_by_one_draw[0]
    argv = ["verify", OLD, NEW, "--inputs", SPEC, "--checkpoint", prefix, "--seed", str(seed)]
    assert main(argv + ["--draws", "1"]) == 0  # what one draw says: agree (wrongly)
    assert "1 input draw compared" in capsys.readouterr().out
    assert main(argv + ["--format", "json"]) == 1
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["draws"] == 4 and data["settings"]["draws"] == 4
    row, = [r for r in data["outputs"] if r["name"] == "output"]
    assert row["status"] == "differs" and row["draw"] in (1, 2, 3)
    assert "differences: output output" in err


def test_given_example_arrays_are_one_draw(tmp_path, capsys):
    inputs = tmp_path / "x.npz"
    np.savez(inputs, x=np.ones([2, 4], np.float32))
    assert main(["verify", OLD, NEW, "--example", str(inputs), "--draws", "3"]) == 2
    assert "pass a SPEC (--inputs) to draw several" in capsys.readouterr().err
