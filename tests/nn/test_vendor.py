"""unscope.nn can be vendored: only TensorFlow, the stdlib and sibling (relative) imports."""
import ast
import importlib
import pathlib
import shutil
import sys

import tensorflow as tf

import unscope.nn

PACKAGE = pathlib.Path(unscope.nn.__file__).parent
STDLIB = set(sys.stdlib_module_names)


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from ((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is None:
            yield from ((alias.name, node.level) for alias in node.names)  # from . import sibling
        elif isinstance(node, ast.ImportFrom):
            yield node.module, node.level


def test_every_file_imports_only_tensorflow_stdlib_or_siblings():
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 10
    siblings = {f.stem for f in files}
    for path in files:
        for module, level in _imports(path):
            top = module.split(".")[0]
            if level:
                assert level == 1 and top in siblings, (path.name, module)
            else:
                assert top == "tensorflow" or top in STDLIB, (path.name, module)
                assert not module.startswith(("tensorflow.python", "tensorflow.compat")), \
                    (path.name, module)


def test_no_code_uses_tf_compat_or_keras():
    for path in PACKAGE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("compat", "keras", "estimator"), (path.name, node.lineno)
            elif isinstance(node, ast.Name):
                assert node.id != "keras", (path.name, node.lineno)


def test_a_vendored_copy_works_under_another_package_name(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "vendored_nn", ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(tmp_path))
    try:
        vendored = importlib.import_module("vendored_nn")
        assert pathlib.Path(vendored.__file__).parent == tmp_path / "vendored_nn"
        dense = vendored.Dense(2, name="model/out")
        dense(tf.ones([1, 3]))
        assert sorted(v.name for v in dense.variables) == ["model/out/bias:0", "model/out/kernel:0"]
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == "vendored_nn" or n.startswith("vendored_nn.")]:
            del sys.modules[name]
