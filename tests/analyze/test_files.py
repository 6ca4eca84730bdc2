"""Which files scan reads: suffixes, skipped folders, .gitignore, --exclude, symlinks."""
from __future__ import annotations

import os

import pytest

from unscope.analyze.files import discover
from unscope.analyze.gitignore import Rules


def touch(root, *names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n")


def rel(root, files):
    return sorted(os.path.relpath(f, root).replace(os.sep, "/") for f in files)


# (patterns, path, is_dir, expected: True ignored / False re-included / None no match)
RULES = [
    ("*.pyc", "a/b/c.pyc", False, True),
    ("*.pyc", "c.py", False, None),
    ("build/", "build", True, True),
    ("build/", "build", False, None),          # dir-only pattern, a file named build
    ("build", "src/build", True, True),         # no slash: matches at any depth
    ("/top.py", "top.py", False, True),
    ("/top.py", "sub/top.py", False, None),     # anchored
    ("docs/*.py", "docs/conf.py", False, True),
    ("docs/*.py", "docs/api/conf.py", False, None),  # * does not cross /
    ("docs/**/*.py", "docs/api/conf.py", False, True),
    ("**/gen", "a/b/gen", True, True),
    ("**/gen", "gen", True, True),
    ("out/**", "out/a/b.py", False, True),
    ("*.py\n!keep.py", "keep.py", False, False),
    ("data_[0-9].py", "data_3.py", False, True),
    ("data_[!0-9].py", "data_3.py", False, None),
    ("fil?.py", "file.py", False, True),
    ("# comment\n\n", "x.py", False, None),
    ("\\#hash.py", "#hash.py", False, True),
]


@pytest.mark.parametrize("patterns,path,is_dir,expected", RULES)
def test_gitignore_rules(patterns, path, is_dir, expected):
    assert Rules.parse(patterns).match(path, is_dir) is expected


def test_suffixes_and_skipped_dirs(tmp_path):
    touch(tmp_path, "a.py", "b.ipynb", "c.txt", "pkg/d.py", ".venv/lib/e.py", "__pycache__/f.py",
          ".git/g.py", "node_modules/h.py")
    found = discover([tmp_path])
    assert rel(tmp_path, found.files) == ["a.py", "b.ipynb", "pkg/d.py"]
    assert found.failures == []


def test_explicit_file_is_read_whatever_its_suffix(tmp_path):
    touch(tmp_path, "script")
    assert discover([tmp_path / "script"]).files == [str(tmp_path / "script")]


def test_missing_path_is_a_failure(tmp_path):
    found = discover([tmp_path / "nope.py"])
    assert found.files == []
    assert [str(f) for f in found.failures] == [f"{tmp_path / 'nope.py'}: no such file or directory"]


def test_gitignore_in_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("generated/\n*_pb2.py\n/scratch.py\n")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / ".gitignore").write_text("!keep_pb2.py\nlocal.py\n")
    touch(tmp_path, "model.py", "scratch.py", "src/scratch.py", "generated/a.py", "src/x_pb2.py",
          "src/keep_pb2.py", "src/local.py", "src/sub/local.py")
    found = discover([tmp_path])
    assert rel(tmp_path, found.files) == ["model.py", "src/keep_pb2.py", "src/scratch.py"]
    assert found.skipped == 4  # generated/ is pruned as a folder: its file is not counted
    # scanning a subfolder still honours the repository root's .gitignore
    assert rel(tmp_path, discover([tmp_path / "src"]).files) == ["src/keep_pb2.py", "src/scratch.py"]


def test_gitignore_outside_a_repository_applies_below_the_path(tmp_path):
    (tmp_path / "outer.gitignore").write_text("")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".gitignore").write_text("ignored.py\n")
    touch(tree, "a.py", "ignored.py")
    assert rel(tree, discover([tree]).files) == ["a.py"]


def test_explicit_file_ignores_gitignore(tmp_path):
    (tmp_path / ".gitignore").write_text("*.py\n")
    touch(tmp_path, "a.py")
    assert len(discover([tmp_path / "a.py"]).files) == 1
    assert discover([tmp_path]).files == []


@pytest.mark.parametrize("pattern,expected", [
    ("tests/*", ["src/a.py", "src/tests/b.py"]),
    ("*_test.py", ["src/a.py", "src/tests/b.py", "tests/t.py"]),
    ("src", ["tests/t.py", "tests/x_test.py"]),
    ("tests", ["src/a.py"]),
    ("src/tests/", ["src/a.py", "tests/t.py", "tests/x_test.py"]),
])
def test_exclude_globs(tmp_path, pattern, expected):
    touch(tmp_path, "src/a.py", "src/tests/b.py", "tests/t.py", "tests/x_test.py")
    assert rel(tmp_path, discover([tmp_path], exclude=[pattern]).files) == expected


def test_symlink_loops_end(tmp_path):
    touch(tmp_path, "a/m.py")
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "a", tmp_path / "a" / "self")
    os.symlink(tmp_path / "missing", tmp_path / "dangling.py")
    found = discover([tmp_path])
    assert rel(tmp_path, found.files) == ["a/m.py"]
    assert found.failures == []


def test_symlinked_file_read_once(tmp_path):
    touch(tmp_path, "m.py")
    os.symlink(tmp_path / "m.py", tmp_path / "alias.py")
    assert len(discover([tmp_path, tmp_path / "m.py"]).files) == 1


def test_empty_tree(tmp_path):
    found = discover([tmp_path])
    assert found.files == [] and found.failures == [] and found.skipped == 0
