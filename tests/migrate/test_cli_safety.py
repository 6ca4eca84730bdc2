"""`unscope migrate` as a careful user meets it: no lost edits, read-only and unwritable files,
destinations checked before anything is written, --out outside the tree and complete, --vendor
importable, ignored trees, the exit-code contract, progress on a terminal, Ctrl-C."""
import os
import signal
import stat
import subprocess
import sys

import pytest

from tests.terminal import run_on_terminal

from unscope.cli import main
from unscope.migrate import runner
from unscope.migrate.runner import CHANGED_ON_DISK, migrate_paths

TF1 = "import tensorflow.compat.v1 as tf\n\n\ndef f(x):\n    return x * tf.get_variable('w', [])\n"
MIGRATED = "import tensorflow as tf\nimport unscope\n\n\ndef f(x):\n    return x * unscope.get_variable('w', [])\n"
TF2 = "import tensorflow as tf\n\n\ndef f(x):\n    return tf.nn.relu(x)\n"
GRAPH = "import tensorflow as tf\n\n\ndef feed():\n    return tf.placeholder(tf.float32, [None, 4])\n"
OWNER_EDIT = "# saved by its owner while migrate ran\n" + TF1
ENV = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))


def snapshot(root):
    return {str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode))
            for p in sorted(root.rglob("*")) if p.is_file()}


def cli(*argv, cwd=None, prelude=""):
    """The command line in a fresh interpreter; ``prelude`` runs first (a hook, a setting)."""
    code = f"import sys\n{prelude}\nfrom unscope.cli import main\nsys.exit(main({list(argv)!r}))\n"
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          env=ENV, timeout=120)


# -- no lost edits ------------------------------------------------------------------------------
def _save_during_migration(monkeypatch, victim):
    real = runner.migrate_source

    def migrate_then_owner_saves(text, *args, **kwargs):
        result = real(text, *args, **kwargs)
        if kwargs.get("path") == str(victim):
            victim.write_text(OWNER_EDIT)  # between migrate's read and its write
        return result

    monkeypatch.setattr(runner, "migrate_source", migrate_then_owner_saves)


def test_a_file_saved_during_migration_is_left_as_saved(tmp_path, monkeypatch, capsys):
    victim, other = tmp_path / "a.py", tmp_path / "b.py"
    victim.write_text(TF1)
    other.write_text(TF1)
    _save_during_migration(monkeypatch, victim)
    assert main(["migrate", "-j", "1", str(tmp_path)]) == 123
    assert victim.read_text() == OWNER_EDIT  # the owner's edit survives
    assert other.read_text() == MIGRATED
    err = capsys.readouterr().err.splitlines()
    assert f"{victim}: {CHANGED_ON_DISK}" in err
    assert err[-1] == "1 file migrated, 0 unchanged, 1 failed; 0 findings need a person."
    assert sorted(os.listdir(tmp_path)) == ["a.py", "b.py"]  # no temporary file left


def test_same_size_same_second_edit_is_still_noticed(tmp_path, monkeypatch):
    """The hash decides, not only size and mtime: an edit of the same length, mtime put back."""
    victim = tmp_path / "a.py"
    victim.write_text(TF1)
    before = victim.stat()
    real = runner.migrate_source

    def sneaky(text, *args, **kwargs):
        result = real(text, *args, **kwargs)
        victim.write_text(TF1.replace("'w'", "'v'"))
        os.utime(victim, ns=(before.st_atime_ns, before.st_mtime_ns))
        return result

    monkeypatch.setattr(runner, "migrate_source", sneaky)
    report = migrate_paths([str(tmp_path)], jobs=1)
    (failure,) = report.failures
    assert failure.message == CHANGED_ON_DISK and "'v'" in victim.read_text()
    assert report.summary["changed"] == 0


def test_saved_during_migration_through_the_real_command_line(tmp_path):
    victim = tmp_path / "model.py"
    victim.write_text(TF1)
    hook = ("import unscope.migrate.runner as r\n"
            "real = r.migrate_source\n"
            "def hooked(text, *a, **k):\n"
            "    out = real(text, *a, **k)\n"
            f"    open({str(victim)!r}, 'w').write({OWNER_EDIT!r})\n"
            "    return out\n"
            "r.migrate_source = hooked\n")
    proc = cli("migrate", str(tmp_path), prelude=hook)
    assert proc.returncode == 123, proc.stderr
    assert f"{victim}: {CHANGED_ON_DISK}" in proc.stderr.splitlines()
    assert "Traceback" not in proc.stderr and victim.read_text() == OWNER_EDIT


# -- files that cannot or must not be written -----------------------------------------------------
def test_a_read_only_file_is_not_rewritten_even_by_root(tmp_path, capsys):
    locked, free = tmp_path / "locked.py", tmp_path / "free.py"
    locked.write_text(TF1)
    free.write_text(TF1)
    locked.chmod(0o444)
    assert main(["migrate", "-j", "1", str(tmp_path)]) == 123
    err = capsys.readouterr().err.splitlines()
    assert f"{locked}: read-only (mode 0444); not rewritten - make it writable (chmod u+w) or write " \
           "the result elsewhere with --out DIR" in err
    assert err[-1] == "1 file migrated, 0 unchanged, 1 failed; 0 findings need a person."
    assert locked.read_text() == TF1 and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert free.read_text() == MIGRATED
    # the same tree with --out: the copy is written, the source is left alone
    out = tmp_path.parent / (tmp_path.name + "-out")
    assert main(["migrate", "-j", "1", str(tmp_path), "--out", str(out)]) == 0
    assert (out / "locked.py").read_text() == MIGRATED and locked.read_text() == TF1


def test_unwritable_destinations_fail_before_any_source_is_touched(tmp_path, capsys):
    src = tmp_path / "src"
    src.mkdir()
    (src / "model.py").write_text(TF1)
    (tmp_path / "afile").write_text("x")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    before = snapshot(tmp_path)
    cases = [
        (["--report", str(tmp_path / "afile" / "r.json")], f"--report {tmp_path / 'afile' / 'r.json'}: "
         f"cannot be created, {tmp_path / 'afile'} is not a directory"),
        (["--report", str(locked / "r.json")], f"--report {locked / 'r.json'}: cannot write in {locked} (mode 0555)"),
        (["--report", str(src)], f"--report {src}: is a directory"),
        (["--out", str(locked / "out")], f"--out {locked / 'out'}: cannot write in {locked} (mode 0555)"),
        (["--out", str(tmp_path / "afile")], f"--out {tmp_path / 'afile'}: exists and is not a directory"),
        (["--mode", "native", "--vendor", str(locked)], f"--vendor {locked}: cannot write in {locked} (mode 0555)"),
    ]
    for extra, message in cases:
        assert main(["migrate", str(src), *extra]) == 2, extra
        assert capsys.readouterr().err == f"unscope migrate: error: {message}\n"
    assert snapshot(tmp_path) == before


def test_vendor_must_be_importable_from_the_output(tmp_path, capsys):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / "pkg" / "model.py").write_text(TF1)
    out = tmp_path / "out"
    before = snapshot(tmp_path)
    for vendor in (tmp_path / "elsewhere", out / "pkg"):
        assert main(["migrate", "--mode", "native", str(src), "--out", str(out), "--vendor", str(vendor)]) == 2
        assert capsys.readouterr().err == (
            f"unscope migrate: error: --vendor {vendor}: unscope_nn there is not importable by the "
            f"migrated files under {out}; pass the output root (--vendor {out})\n")
    assert snapshot(tmp_path) == before and not out.exists()
    assert main(["migrate", "-q", "--mode", "native", str(src), "--out", str(out), "--vendor", str(out)]) == 0
    assert (out / "unscope_nn" / "__init__.py").is_file() and (out / "pkg" / "model.py").is_file()
    assert not (src / "unscope_nn").exists()


# -- --out --------------------------------------------------------------------------------------
def test_out_inside_the_source_tree_is_refused(tmp_path, capsys):
    (tmp_path / "model.py").write_text(TF1)
    before = snapshot(tmp_path)
    for out in (tmp_path / "out" / "migrated", tmp_path):
        assert main(["migrate", str(tmp_path), "--out", str(out)]) == 2
        assert capsys.readouterr().err == (
            f"unscope migrate: error: --out {out} is inside the source tree {tmp_path}; choose a folder "
            "outside it (the next run would migrate the output again)\n")
    assert snapshot(tmp_path) == before


def test_out_mirrors_the_whole_tree_but_not_git_or_ignored_files(tmp_path, capsys):
    src = tmp_path / "src"
    (src / "pkg").mkdir(parents=True)
    (src / ".git").mkdir()
    (src / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (src / ".gitignore").write_text("*.ckpt\nbuild/\n")
    (src / "build").mkdir()
    (src / "build" / "junk.txt").write_text("built\n")
    (src / "weights.ckpt").write_bytes(b"\0" * 8)
    (src / "README.md").write_text("# model\n")
    (src / "pkg" / "config.json").write_text('{"width": 4}\n')
    (src / "pkg" / "model.py").write_text(
        "import json, os\nimport tensorflow.compat.v1 as tf\n\n"
        "WIDTH = json.load(open(os.path.join(os.path.dirname(__file__), 'config.json')))['width']\n\n\n"
        "def f(x):\n    return x * tf.get_variable('w', [WIDTH])\n")
    (src / "run.sh").write_text("#!/bin/sh\necho run\n")
    (src / "run.sh").chmod(0o755)
    out = tmp_path / "out"
    assert main(["migrate", "-j", "1", str(src), "--out", str(out)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"1 file migrated, 0 unchanged; 0 findings need a person. (written under {out}, 4 files copied as they are)")
    got = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert got == [".gitignore", "README.md", "pkg/config.json", "pkg/model.py", "run.sh"]
    assert (out / "pkg" / "config.json").read_text() == '{"width": 4}\n'
    assert stat.S_IMODE((out / "run.sh").stat().st_mode) == 0o755
    assert "unscope.get_variable('w', [WIDTH])" in (out / "pkg" / "model.py").read_text()


def test_a_tree_whose_files_are_all_ignored_says_so(tmp_path, capsys):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("gen_*.py\n")
    (tmp_path / "gen_a.py").write_text(TF1)
    (tmp_path / "gen_b.py").write_text(TF1)
    (tmp_path / "model.py").write_text(TF1)
    assert main(["migrate", "--check", "--exclude", "model.py", str(tmp_path)]) == 0
    assert capsys.readouterr().err == "no files to migrate: 3 files skipped (ignored by .gitignore or --exclude).\n"
    assert main(["migrate", "--check", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == \
        "1 file would be migrated, 0 unchanged, 2 skipped; 0 findings need a person."


# -- the exit-code contract -----------------------------------------------------------------------
def test_exit_codes_check_would_change_strict_findings(tmp_path, capsys):
    """0: migrate did its job (findings may remain); 1: --check would change files, or --strict
    and findings need a person; 123: something failed (wins over 1)."""
    (tmp_path / "graph.py").write_text(GRAPH)  # migrated, with a manual finding
    assert main(["migrate", "--check", str(tmp_path)]) == 1
    assert main(["migrate", "--check", "--strict", str(tmp_path)]) == 1
    assert main(["migrate", str(tmp_path)]) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "1 file migrated, 0 unchanged; 1 finding needs a person."
    assert main(["migrate", "--check", str(tmp_path)]) == 0  # nothing left to change
    assert main(["migrate", "--strict", str(tmp_path)]) == 1  # ... but a person is still needed
    assert main(["migrate", "--diff", "--strict", str(tmp_path)]) == 1
    (tmp_path / "graph.py").write_text(TF2)
    assert main(["migrate", "--strict", str(tmp_path)]) == 0
    (tmp_path / "bad.py").write_text("def f(:\n")
    assert main(["migrate", "--check", "--strict", str(tmp_path)]) == 123


# -- progress and Ctrl-C --------------------------------------------------------------------------
def _many(tmp_path, n=30):
    for i in range(n):
        (tmp_path / f"m{i:02d}.py").write_text(TF1.replace("'w'", f"'w{i}'"))


def test_progress_on_a_terminal_and_silent_on_a_pipe(tmp_path):
    _many(tmp_path)
    fast = "import unscope.cli.progress as p\np.DELAY_S = 0\n"
    code = ("import sys\n" + fast + "from unscope.cli import main\n"
            f"sys.exit(main(['migrate', '--check', '-j', '1', {str(tmp_path)!r}]))\n")
    proc, seen = run_on_terminal([sys.executable, "-c", code], env=dict(ENV, COLUMNS="100"),
                                 timeout=120)
    assert proc.returncode == 1
    assert "migrating" in seen and "30/30" in seen, seen
    assert seen.rstrip().endswith("30 files would be migrated, 0 unchanged; 0 findings need a person.")
    piped = cli("migrate", "--check", "-j", "1", str(tmp_path), prelude=fast)
    assert piped.returncode == 1
    assert piped.stderr == "30 files would be migrated, 0 unchanged; 0 findings need a person.\n"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_says_what_was_written_and_leaves_no_half_file(tmp_path, jobs):
    """SIGINT to the whole process group (what Ctrl-C does) after the fifth file is migrated."""
    _many(tmp_path)
    hook = ("import os, signal\n"
            "import unscope.migrate.runner as r\n"
            "real, calls = r.migrate_source, []\n"
            "def hooked(text, *a, **k):\n"
            "    calls.append(1)\n"
            "    if len(calls) == 5:\n"
            "        os.killpg(os.getpgid(0), signal.SIGINT)\n"
            "        import time; time.sleep(2)\n"
            "    return real(text, *a, **k)\n"
            "r.migrate_source = hooked\n")
    code = f"import sys\n{hook}\nfrom unscope.cli import main\nsys.exit(main(['migrate', '-j', {jobs!r}, {str(tmp_path)!r}]))\n"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV,
                          timeout=120, start_new_session=True)  # its own group: the signal stays there
    assert proc.returncode == 130, proc.stderr
    assert "Traceback" not in proc.stderr
    (line,) = proc.stderr.splitlines()
    written = [p for p in sorted(tmp_path.iterdir()) if p.read_text() != TF1.replace("'w'", f"'w{int(p.stem[1:])}'")]
    assert line == (f"unscope migrate: interrupted; {len(written)} file{'s' if len(written) != 1 else ''} "
                    "already written (each completely), the others left as they were")
    assert 0 < len(written) < 30 if jobs == "2" else len(written) == 4
    for p in written:  # each written file is the whole migrated text
        i = int(p.stem[1:])
        assert p.read_text() == MIGRATED.replace("'w'", f"'w{i}'")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".unscope")]
