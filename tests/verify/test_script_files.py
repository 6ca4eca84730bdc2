"""A model function in the same file as its Session training loop, for verify and convert.

The TF1 programs are tests/verify/scripts/*.py (a small classifier + Session training); the
migrated files are made here with `unscope.migrate_source`, so whatever `migrate` emits for
graph-mode files today (the switch at the top, or under the entry point) is what is loaded.
"""
import os
import shutil

import numpy as np
import pytest

import unscope
from unscope.cli import main
from unscope.verify import verify
from unscope.verify.modelfile import plan

tf = pytest.importorskip("tensorflow")

SCRIPTS = os.path.join(os.path.dirname(__file__), "scripts")
INPUTS = "x:float32[3,4]"


@pytest.fixture
def scripts(tmp_path):
    """The TF1 scripts and their compat migrations, copied where a sentinel file may appear."""
    for name in os.listdir(SCRIPTS):
        if name.endswith(".py"):
            shutil.copy(os.path.join(SCRIPTS, name), tmp_path / name)
            source = (tmp_path / name).read_text()
            (tmp_path / name.replace(".py", "_tf2.py")).write_text(
                unscope.migrate_source(source).code)
    return tmp_path


# --- what runs: decided with ast, before anything executes ---------------------------------

def test_a_guarded_loop_keeps_the_whole_file():
    with open(os.path.join(SCRIPTS, "clf_guarded.py")) as f:
        _, record = plan(f.read(), "clf_guarded.py", eager=False)
    assert record.program_line is None and record.skipped == [] and record.notes == []


def test_a_top_level_program_keeps_only_definitions():
    with open(os.path.join(SCRIPTS, "clf_toplevel.py")) as f:
        source = f.read()
    tree, record = plan(source, "clf_toplevel.py", eager=False)
    kept = {getattr(s, "name", None) or getattr(getattr(s, "targets", [None])[0], "id", None)
            for s in tree.body}
    assert {"classifier", "N_CLASSES", "HIDDEN", "flags", "SCALE"} <= kept  # constants after defs too
    assert record.program_line == 23  # `sess = tf.Session()`
    skipped = {s.text.split(" =")[0].split("(")[0] for s in record.skipped}
    assert {"x", "y", "loss", "train_op", "rng", "sess", "for step in range", "open"} <= skipped
    assert record.notes[0].startswith("clf_toplevel.py:23: the file runs a program at top level")


def test_graph_mode_switches_are_neutralised_only_on_the_eager_side():
    source = ("import tensorflow as tf\nfrom tensorflow.compat.v1 import disable_eager_execution"
              " as off\ntf.compat.v1.disable_v2_behavior()\noff()\n"
              "if __name__ == '__main__':\n    tf.compat.v1.disable_v2_behavior()\n")
    assert plan(source, "m.py", eager=False)[1].neutralised == []
    tree, record = plan(source, "m.py", eager=True)
    assert record.neutralised == [3, 4]  # the __main__ block is the program's own: untouched
    assert "disable_v2_behavior" in ast_dump(tree.body[-1])
    assert record.notes == ["m.py:3: graph-mode switch not run: the migrated side runs eagerly",
                            "m.py:4: graph-mode switch not run: the migrated side runs eagerly"]


def ast_dump(node):
    import ast
    return ast.dump(node)


# --- verify: OLD and NEW both from script files --------------------------------------------

def test_verify_guarded_script_and_its_migration(scripts):
    report = verify(f"{scripts}/clf_guarded.py:classifier",
                    f"{scripts}/clf_guarded_tf2.py:classifier", INPUTS)
    assert report.ok, str(report)
    assert report.variables.matched == 3 and tf.executing_eagerly()


def test_verify_top_level_script_does_not_train(scripts):
    report = verify(f"{scripts}/clf_toplevel.py:classifier",
                    f"{scripts}/clf_toplevel_tf2.py:classifier", INPUTS)
    assert report.ok, str(report)
    assert not os.path.exists(f"{scripts}/clf_toplevel.py.trained")  # OLD's loop did not run
    assert not os.path.exists(f"{scripts}/clf_toplevel_tf2.py.trained")  # nor NEW's
    notes = [n for n in report.notes if "runs a program at top level" in n]
    assert [n.split(":")[0] for n in notes] == ["clf_toplevel.py", "clf_toplevel_tf2.py"]
    assert tf.executing_eagerly()


def test_verify_new_with_module_level_disable_v2_behavior(scripts):
    # the compat output of a graph-mode file as migrate wrote it before entry points moved
    new = scripts / "new_disabled.py"
    new.write_text((scripts / "clf_guarded_tf2.py").read_text().replace(
        "import unscope\n", "import unscope\ntf.compat.v1.disable_v2_behavior()\n", 1))
    report = verify(f"{scripts}/clf_guarded.py:classifier", f"{new}:classifier", INPUTS)
    assert report.ok, str(report)
    assert any(n.startswith("new_disabled.py:") and "graph-mode switch not run" in n
               for n in report.notes)
    assert tf.executing_eagerly()


def test_a_name_set_by_a_skipped_statement_is_explained(scripts, capsys):
    old = f"{scripts}/clf_toplevel_needs_skipped.py:classifier"
    assert main(["verify", old, f"{scripts}/clf_guarded_tf2.py:classifier",
                 "--inputs", INPUTS]) == 123
    err = capsys.readouterr().err
    line, = err.strip().splitlines()
    assert "NameError: name 'init' is not defined ('init' is set at " \
           "clf_toplevel_needs_skipped.py:4, which was not run" in line
    assert "move that statement into a function" in line


def test_an_attribute_of_a_skipped_statement_is_a_usage_error(scripts, capsys):
    code = main(["verify", f"{scripts}/clf_guarded.py:classifier",
                 f"{scripts}/clf_toplevel_tf2.py:train_op", "--inputs", INPUTS])
    err = capsys.readouterr().err
    assert code == 2 and "has no attribute 'train_op' ('train_op' is set at clf_toplevel_tf2.py:" \
        in err


# --- convert --model on the migrated script ---------------------------------------------------

def _tf1_checkpoint(prefix):
    v1 = tf.compat.v1
    values = {"clf/hidden/kernel": np.full([4, 8], 0.5, np.float32),
              "clf/hidden/bias": np.arange(8, dtype=np.float32),
              "clf/w_out": np.full([8, 3], -0.25, np.float32)}
    with tf.Graph().as_default():
        made = [v1.get_variable(n, initializer=v) for n, v in values.items()]
        with v1.Session() as sess:
            sess.run(v1.global_variables_initializer())
            v1.train.Saver(made).save(sess, str(prefix))
    return values


@pytest.mark.parametrize("name", ["clf_guarded_tf2.py", "clf_toplevel_tf2.py"])
def test_convert_model_from_a_script_file(scripts, tmp_path, capsys, name):
    values = _tf1_checkpoint(tmp_path / "tf1" / "model.ckpt")
    example = tmp_path / "x.npz"
    np.savez(example, x=np.ones([2, 4], np.float32))
    code = main(["convert", str(tmp_path / "tf1" / "model.ckpt"), str(tmp_path / "tf2" / "ckpt"),
                 "--model", f"{scripts}/{name}:classifier", "--example", str(example)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert tf.executing_eagerly()
    reader = tf.train.load_checkpoint(str(tmp_path / "tf2" / "ckpt"))
    stored = {k: reader.get_tensor(k) for k in reader.get_variable_to_shape_map()
              if k.startswith("model/tf1_variables/")}
    key = "model/tf1_variables/clf.Shidden.Skernel/.ATTRIBUTES/VARIABLE_VALUE"
    np.testing.assert_array_equal(stored[key], values["clf/hidden/kernel"])
    if name == "clf_toplevel_tf2.py":
        assert "note: clf_toplevel_tf2.py:" in err and "only its definitions were loaded" in err
        assert not os.path.exists(f"{scripts}/{name}.trained")
