"""The project pass of native mode without TensorFlow: how files name each other's functions
(``read_project``), the order they are migrated in (waves), and how a caller builds a class
another file made - or stays in TF1 form, with a finding, where the class does not fit."""
from __future__ import annotations

import os
import textwrap

import pytest
import tensorflow as tf

from tests.native.support import load
from unscope.native import migrate_native
from unscope.native.project import Reference, describe
from unscope.native.project_graph import read_project

LAYERS = textwrap.dedent('''\
    import tensorflow.compat.v1 as tf


    def fc(x, units, scope, reuse=False):
        with tf.variable_scope(scope, reuse=reuse):
            w = tf.get_variable("w", [x.get_shape()[-1], units])
            return tf.matmul(x, w)


    def conv(x, filters, size=3, scope="conv"):
        with tf.variable_scope(scope):
            k = tf.get_variable("k", [size, size, x.get_shape()[-1], filters])
            return tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME")
    ''')


def _tree(tmp_path, files: dict) -> list[str]:
    paths = []
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        paths.append(str(path))
    return paths


def _refs(graph, path) -> set:
    return {(r.text, os.path.basename(r.owner), r.function, r.module) for r in graph.references.get(path, ())}


def test_every_spelling_of_a_reference(tmp_path):
    paths = _tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/layers.py": LAYERS,
        "pkg/a.py": "from .layers import fc as dense\nfrom pkg.layers import conv\n",
        "pkg/b.py": "from pkg import layers as L\nimport pkg.layers\nimport pkg.layers as pl\n"
                    "y = L.fc(x) + pkg.layers.conv(x) + pl.fc(x)\n",
        "pkg/c.py": "from .layers import fc\nfc = 3\n",   # rebound: not the function any more
        "pkg/d.py": "from . import layers as lay\ny = lay.conv(x)\n",
    })
    graph = read_project(paths)
    real = {os.path.basename(p): os.path.realpath(p) for p in paths}
    assert _refs(graph, real["a.py"]) == {("dense", "layers.py", "fc", ".layers"),
                                          ("conv", "layers.py", "conv", "pkg.layers")}
    assert _refs(graph, real["b.py"]) == {("L.fc", "layers.py", "fc", None),
                                          ("pkg.layers.conv", "layers.py", "conv", None),
                                          ("pl.fc", "layers.py", "fc", None)}
    assert _refs(graph, real["c.py"]) == set()
    assert _refs(graph, real["d.py"]) == {("lay.conv", "layers.py", "conv", None)}
    assert graph.imported[real["layers.py"]] >= {"fc", "conv"}
    assert set(graph.texts) == {real["layers.py"]}


def test_a_name_two_files_could_mean_is_left_out(tmp_path):
    paths = _tree(tmp_path, {"one/layers.py": LAYERS, "two/layers.py": LAYERS,
                             "three/model.py": "import layers\ny = layers.fc(x)\n"})
    graph = read_project(paths)
    assert graph.references == {}


def test_of_two_files_of_one_name_the_one_beside_the_importer_is_meant(tmp_path):
    paths = _tree(tmp_path, {"one/layers.py": LAYERS, "two/layers.py": LAYERS,
                             "one/model.py": "import layers\ny = layers.fc(x)\n"})
    graph = read_project(paths)
    (ref,) = graph.references[os.path.realpath(paths[2])]
    assert (ref.text, ref.owner) == ("layers.fc", os.path.realpath(paths[0]))


def test_waves_put_callees_first_and_cycles_together(tmp_path):
    paths = _tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/layers.py": LAYERS,
        "pkg/model.py": "from .layers import fc\nfrom .other import g\n"
                        "def m(x):\n    with tf.variable_scope('m'):\n        return fc(x, 2, 'a')\n",
        "pkg/other.py": "from .model import m\ndef g(x):\n    with tf.variable_scope('g'):\n        return m(x)\n",
        "pkg/train.py": "from .model import m\n",
        "pkg/util.py": "def relu(x):\n    return x\n",
        "pkg/uses_util.py": "from .util import relu\n",   # util makes no scope: no wave of its own
    })
    graph = read_project(paths)
    waves = [sorted(os.path.basename(p) for p in wave) for wave in graph.waves()]
    assert waves == [["__init__.py", "layers.py", "uses_util.py", "util.py"], ["model.py", "other.py"],
                     ["train.py"]]


def test_a_tree_without_calls_between_files_is_one_wave(tmp_path):
    paths = _tree(tmp_path, {"a.py": LAYERS, "b.py": LAYERS})
    assert [len(w) for w in read_project(paths).waves()] == [2]


def _foreign(*names, module=".layers", prefix=None):
    made = migrate_native(LAYERS, "pkg/layers.py", imported={"fc", "conv"})
    classes = describe(LAYERS, "pkg/layers.py", made.classes)
    refs = []
    for name in names:
        text = f"{prefix}.{name}" if prefix else name
        refs.append((Reference(text, "pkg/layers.py", name, None if prefix else module), classes[name]))
    return refs


def test_describe_takes_the_class_as_the_migration_made_it():
    (_, fc), (_, conv) = _foreign("fc", "conv")
    assert (fc.cls, dict(fc.kinds)) == ("Fc", {"x": "call", "units": "call", "scope": "path", "reuse": "reuse"})
    assert (fc.path_param, fc.path_default, fc.fresh_path) == ("scope", None, False)
    assert (conv.path_param, conv.path_default) == ("scope", "conv")


def test_a_caller_builds_the_class_under_its_own_scope():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .layers import fc, conv


        def head(x):
            with tf.variable_scope("head"):
                h = conv(x, 4, size=1)
                return fc(tf.reduce_mean(h, [1, 2]), 2, "out")
        ''')
    result = migrate_native(src, "pkg/model.py", foreign=_foreign("fc", "conv"))
    assert result.findings == [] and [c["class"] for c in result.classes] == ["Head"]
    code = result.code
    assert "from .layers import fc, conv\nfrom .layers import Fc, Conv\n" in code
    assert 'self.conv = Conv(size=1, scope=f"{name}/conv")' in code
    assert 'self.out = Fc(f"{name}/out")' in code
    assert "h = self.conv(x, 4)" in code


def test_attribute_references_need_no_import():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from pkg import layers


        def head(x):
            with tf.variable_scope("head"):
                return layers.fc(x, 2, "out")
        ''')
    result = migrate_native(src, "pkg/model.py", foreign=_foreign("fc", prefix="layers"))
    assert 'self.out = layers.Fc(f"{name}/out")' in result.code
    assert "import Fc" not in result.code


def test_a_class_name_taken_here_is_imported_under_another():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .layers import fc

        Fc = None


        def head(x):
            with tf.variable_scope("head"):
                return fc(x, 2, "out")
        ''')
    code = migrate_native(src, "pkg/model.py", foreign=_foreign("fc")).code
    assert "from .layers import Fc as Fc2\n" in code and 'self.out = Fc2(f"{name}/out")' in code


@pytest.mark.parametrize("body, why", [
    # size is a constructor argument of Conv; here it is a tensor's value
    ("h = conv(x, 4, size=tf.shape(x)[1])", "takes size at construction, but here it is not static"),
    ('with tf.variable_scope("s", initializer=tf.zeros_initializer()):\n            h = conv(x, 4)',
     "the scope-level initializer here would reach its variables"),
])
def test_a_call_that_does_not_fit_the_class_keeps_the_caller_tf1(body, why):
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .layers import conv


        def head(x):
            with tf.variable_scope("head"):
                BODY
                return h
        ''').replace("BODY", body)
    result = migrate_native(src, "pkg/model.py", foreign=_foreign("conv"))
    assert result.classes == [] and result.code == src
    assert any(why in f.message and "head stays in TF1 form" in f.message for f in result.findings)


def test_a_call_of_another_files_function_without_a_class_keeps_the_caller_tf1():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .layers import fc
        from .blocks import tower


        def head(x):
            with tf.variable_scope("head"):
                return fc(tower(x), 2, "out")
        ''')
    foreign = _foreign("fc") + [(Reference("tower", "pkg/blocks.py", "tower", ".blocks"), None)]
    result = migrate_native(src, "pkg/model.py", foreign=foreign)
    assert result.classes == []
    assert any("calls tower (tower of blocks.py, another file of this run), which is no module" in f.message
               for f in result.findings)


def test_a_sibling_module_the_file_checks_cannot_see_keeps_the_caller_tf1():
    """``from pkg.blocks import tower`` inside pkg (no pkg.py beside the file): only the
    project pass knows tower is code of this run."""
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from pkg.layers import fc
        from pkg.blocks import tower


        def head(x):
            with tf.variable_scope("head"):
                return fc(tower(x), 2, "out")
        ''')
    foreign = _foreign("fc", module="pkg.layers") + [(Reference("tower", "pkg/blocks.py", "tower", "pkg.blocks"), None)]
    result = migrate_native(src, "pkg/model.py", foreign=foreign)
    assert result.classes == []
    assert any("calls tower (tower of blocks.py, another file of this run)" in f.message
               for f in result.findings)


def test_a_parameter_shadowing_the_name_is_not_the_class():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .layers import fc


        def head(x, fc):
            with tf.variable_scope("head"):
                w = tf.get_variable("w", [2, 2])
                return fc(tf.matmul(x, w))
        ''')
    result = migrate_native(src, "pkg/model.py", foreign=_foreign("fc"))
    assert "import Fc" not in result.code and "return fc(tf.matmul(x, w))" in result.code


@pytest.mark.parametrize("body, plain", [
    ("return tf.nn.relu(x) * math.sqrt(2.0)", True),
    ("return np.float32(len(x.get_shape().as_list()))", True),
    ("return tf.truncated_normal_initializer(stddev=0.02)", True),
    ("return helper(x)", True),                                   # a plain function of the file
    ("return maker(x)", False),                                   # one that makes variables
    ("return tf.get_variable('w', [2])", False),
    ("return tf.layers.dense(x, 2)", False),
    ("return tf.keras.layers.Dense(2)(x)", False),
    ("return tf.contrib.layers.layer_norm(x)", False),
    ("with tf.variable_scope('s'):\n        return x", False),
    ("return fn(x)", False),                                      # a parameter: a callback
    ("return other.dense(x)", False),                             # a module of the run
    ("return CONFIG(x)", False),                                  # a module-level value
    ("return concat([x], 0)", True),          # defined in both branches of an if, both plain
    ("return gather(x)", False),              # defined in both branches, one makes variables
    ("return fast(x)", False),                # defined under an if without else: maybe unbound
])
def test_plain_functions_make_no_variables_whatever_calls_them(body, plain):
    import ast

    from unscope.native.project_helpers import plain_functions

    src = textwrap.dedent('''\
        import math
        import numpy as np
        import tensorflow.compat.v1 as tf
        import other

        CONFIG = dict


        def helper(x):
            return x


        def maker(x):
            return tf.get_variable("v", [1])


        if "concat_v2" in dir(tf):
            def concat(tensors, axis):
                return tf.concat_v2(tensors, axis)

            def gather(x):
                return x
        else:
            def concat(tensors, axis):
                return tf.concat(tensors, axis)

            def gather(x):
                return x * tf.get_variable("g", [1])

        if "fast" in dir(tf):
            def fast(x):
                return x


        def f(x, fn=None):
            BODY
        ''').replace("BODY", body)
    assert ("f" in plain_functions(ast.parse(src), {"other"})) is plain


def test_a_plain_function_of_another_file_is_called_as_it_is():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .layers import fc
        from .util import gelu


        def head(x):
            with tf.variable_scope("head"):
                return gelu(fc(x, 2, "out"))
        ''')
    foreign = _foreign("fc") + [(Reference("gelu", "pkg/util.py", "gelu", ".util"), "plain")]
    result = migrate_native(src, "pkg/model.py", foreign=foreign)
    assert [c["class"] for c in result.classes] == ["Head"]
    assert "return gelu(self.out(x, 2))" in result.code
    # without the project pass a relative import may make variables: the caller stays TF1
    alone = migrate_native(src, "pkg/model.py", foreign=_foreign("fc"))
    assert alone.classes == []


BLOCKS = textwrap.dedent('''\
    import tensorflow.compat.v1 as tf


    def pair(x):
        with tf.variable_scope("a"):
            u = tf.get_variable("u", [2])
        with tf.variable_scope("b"):
            v = tf.get_variable("v", [2])
        return x * u + v


    def unnamed(x):
        return tf.layers.dense(x, 2)


    def nested(x):
        with tf.variable_scope("outer"):
            return tree(x)


    def tree(x):
        w = tf.get_variable("w", [2])
        return x * w
    ''')


def _blocks(*names):
    made = migrate_native(BLOCKS, "pkg/blocks.py", imported=set(names))
    classes = describe(BLOCKS, "pkg/blocks.py", made.classes)
    return [(Reference(n, "pkg/blocks.py", n, ".blocks"), classes.get(n)) for n in names]


def test_a_class_without_a_scope_of_its_own():
    (_, pair), (_, unnamed), (_, tree) = _blocks("pair", "unnamed", "tree")
    assert (pair.mode, pair.own, pair.opens) == ("root", None, ("a", "b"))
    assert (tree.mode, tree.fresh_path, tree.path_param) == ("param", True, "name")  # nested calls it
    assert unnamed is None   # its dense takes the caller's counters (dense, dense_1, ...)


def test_a_top_level_caller_builds_a_class_that_names_from_the_top():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .blocks import pair, tree


        def model(x):
            h = pair(x)
            with tf.variable_scope("head"):
                return tree(h)
        ''')
    result = migrate_native(src, "pkg/model.py", foreign=_blocks("pair", "tree"))
    assert [c["class"] for c in result.classes] == ["Model"]
    assert "self.pair = Pair()" in result.code and 'self.tree = Tree("head")' in result.code


def test_a_class_that_names_from_the_top_is_not_built_inside_a_scope():
    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from .blocks import pair


        def model(x):
            with tf.variable_scope("m"):
                return pair(x)
        ''')
    result = migrate_native(src, "pkg/model.py", foreign=_blocks("pair"))
    assert result.classes == [] and result.code == src
    assert any("names its variables from the top level" in f.message for f in result.findings)


def test_a_layer_named_by_a_parameter_that_defaults_to_none_takes_its_default_name(tmp_path):
    """TF1 names ``tf.layers.dense(x, 2, name=None)`` by its default name, uniquified in the
    caller's scope: where no caller gives the name, the class names it so (never ``.../None``)
    and drops the parameter; callers in other files keep their TF1 form (test_project.py)."""
    import subprocess
    import sys

    src = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf


        def fc(x, name=None):
            return tf.layers.dense(x, 2, name=name)


        def head(x):
            with tf.variable_scope("head"):
                return fc(x)
        ''')
    run = src + textwrap.dedent('''
        with tf.Graph().as_default():
            head(tf.zeros([1, 3]))
            print(sorted(v.name for v in tf.global_variables()))
        ''')
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3"}   # tf_keras: tf.layers
    tf1 = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, env=env, timeout=120)
    assert tf1.stdout.strip() == "['head/dense/bias:0', 'head/dense/kernel:0']", tf1.stderr[-1000:]
    result = migrate_native(src, "pkg/layers.py")
    assert [c["class"] for c in result.classes] == ["Fc", "Head"], result.findings
    assert "def __init__(self, scope):" in result.code   # name= is gone from the class
    module = load(result.code, tmp_path, "none_name")
    model = module.Head()
    model(tf.zeros([1, 3]))
    assert str(sorted(v.name for v in model.variables)) == tf1.stdout.strip()


def test_a_counted_name_of_another_file_class_must_come_out_the_same(tmp_path):
    """``ln`` (name=None: TF1's default name, counted in the caller's scope) is native in its
    file, first of its kind at its caller there: a caller in another file builds its class
    where it counts the same ("head/dense"), and keeps TF1 form where it would count "dense_1"."""
    import subprocess
    import sys

    from unscope.migrate.runner import migrate_paths

    pkg = tmp_path / "src" / "pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "layers.py").write_text(textwrap.dedent('''\
        import tensorflow.compat.v1 as tf


        def ln(x, name=None):
            return tf.layers.dense(x, 2, name=name)


        def stem(x):
            with tf.variable_scope("stem"):
                return ln(x)
        '''))
    (pkg / "model.py").write_text(textwrap.dedent('''\
        import tensorflow.compat.v1 as tf

        from pkg import layers


        def head(x):
            with tf.variable_scope("head"):
                return layers.ln(x)


        def twice(x):
            with tf.variable_scope("twice"):
                return layers.ln(layers.ln(x))
        '''))
    report = migrate_paths([pkg], mode="native", out=str(tmp_path / "out" / "pkg"), jobs=1)
    assert report.failures == []
    code = (tmp_path / "out" / "pkg" / "model.py").read_text()
    assert "class Head(" in code and "class Twice(" not in code, code
    run = textwrap.dedent('''\
        import tensorflow as tf
        from pkg import model
        head = model.Head()
        head(tf.zeros([1, 3]))
        print(sorted(v.name for v in head.variables))
        ''')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "out"), os.environ.get("PYTHONPATH", "")]),
           "TF_CPP_MIN_LOG_LEVEL": "3"}
    native = subprocess.run([sys.executable, "-c", run], capture_output=True, text=True, env=env, timeout=120)
    tf1 = textwrap.dedent('''\
        import tensorflow.compat.v1 as tf
        from pkg import model
        with tf.Graph().as_default():
            model.head(tf.zeros([1, 3]))
            print(sorted(v.name for v in tf.global_variables()))
        ''')
    env1 = {**env, "PYTHONPATH": str(tmp_path / "src"), "TF_USE_LEGACY_KERAS": "1"}
    want = subprocess.run([sys.executable, "-c", tf1], capture_output=True, text=True, env=env1, timeout=120)
    assert want.stdout.strip() == "['head/dense/bias:0', 'head/dense/kernel:0']", want.stderr[-1000:]
    assert native.stdout.strip() == want.stdout.strip(), native.stderr[-1000:]


def test_files_naming_no_module_of_the_run_are_read_only_when_another_needs_them(tmp_path, monkeypatch):
    """The pre-pass parses only files whose import lines name a module of the run (or are
    relative); the graph is the one that parsing every file gives, for each spelling."""
    from unscope.native import project_graph

    paths = _tree(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/layers.py": LAYERS,
        "pkg/joined.py": "import os, \\\n    layers\ny = layers.fc(1, 2, 'fc')\n",
        "pkg/relative.py": "from . import layers\ny = layers.conv(1, 2)\n",
        "pkg/wide.py": "import ｌａｙｅｒｓ\ny = layers.fc(1, 2, 'fc')\n",   # NFKC: layers
        "pkg/crlf.py": "import os, \\\r\n    layers\r\ny = layers.fc(1, 2, 'fc')\r\n",
        "pkg/attribute.py": "import tensorflow as tf\ny = tf.layers.dense(1, 2)\n",
        "pkg/plain.py": "import numpy as np\nx = np.zeros(3)\n",
    })
    fast = read_project(paths)
    monkeypatch.setattr(project_graph, "_mentions", lambda tops: None)
    every = read_project(paths)
    assert len(fast.references) == 4
    for field in ("imported", "references", "texts", "plain", "candidates"):
        assert getattr(fast, field) == getattr(every, field), field
    assert fast.waves() == every.waves()


def test_a_model_class_of_another_file_kept_tf1_keeps_its_caller_tf1(tmp_path):
    """A class of another file whose constructor makes TF1 variables and that stays TF1 (here:
    a base class native mode does not lift) is no helper to carry over: a caller that builds it
    keeps TF1 form with a finding, instead of a native class that holds none of its variables."""
    from unscope.migrate.runner import migrate_paths

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "model.py").write_text(textwrap.dedent('''\
        import tensorflow.compat.v1 as tf


        class Base(object):
            pass


        class Encoder(Base):
            def __init__(self, x):
                with tf.variable_scope("enc"):
                    w = tf.get_variable("w", [3, 2])
                    self.out = tf.matmul(x, w)


        class Config(object):
            def __init__(self, width):
                self.width = width
        '''))
    (pkg / "train.py").write_text(textwrap.dedent('''\
        import tensorflow.compat.v1 as tf

        from pkg import model as modeling


        def create(x):
            e = modeling.Encoder(x)
            with tf.variable_scope("head"):
                v = tf.get_variable("v", [2, 1])
                return tf.matmul(e.out, v)


        def head(x):
            config = modeling.Config(2)
            with tf.variable_scope("head2"):
                return tf.matmul(x, tf.get_variable("v", [3, config.width]))
        '''))
    report = migrate_paths([pkg], mode="native", out=str(tmp_path / "out"), jobs=1)
    assert report.failures == []
    code = (tmp_path / "out" / "train.py").read_text()
    assert "class Create(" not in code and "class Head(" in code, code   # a plain class is no maker
    findings = [f.message for r in report.files for f in r.findings]
    assert any("calls modeling.Encoder (Encoder of model.py, another file of this run)" in m
               for m in findings), findings
