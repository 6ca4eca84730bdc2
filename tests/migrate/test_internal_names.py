"""The table of TensorFlow's private modules (data/tf_internal.json) against the installed wheel.

The oracle is TensorFlow itself: what the table says exists imports, what it says is gone
does not (checked in one subprocess, so this process never imports TensorFlow for it)."""
from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys

from unscope.migrate import build_tables
from unscope.migrate.internal_names import TFInternal

INTERNAL = TFInternal.load()
DATA = os.path.join(os.path.dirname(build_tables.__file__), "data", "tf_internal.json")

# what old code imports from TensorFlow's private modules
KNOWN = [
    "tensorflow.python.ops.math_ops.reduce_sum",
    "tensorflow.python.ops.rnn._transpose_batch_time",
    "tensorflow.python.ops.array_ops.concat",
    "tensorflow.python.ops.init_ops.glorot_uniform_initializer",
    "tensorflow.python.ops.gen_nn_ops.relu",
    "tensorflow.python.util.nest.flatten",
    "tensorflow.python.framework.ops.Graph",
    "tensorflow.python.training.training_util.get_global_step",
    "tensorflow.python.ops.variable_scope.variable_scope",
    "tensorflow.core.protobuf.config_pb2.ConfigProto",
    "tensorflow.python.client.device_lib.list_local_devices",
]
GONE = [
    "tensorflow.python.framework.ops.Tensor",  # moved to framework/tensor.py in TF 2.13
    "tensorflow.python.framework.no_such_module.f",
    "tensorflow.python.ops.math_ops.no_such_op",
    "tensorflow.python.util.no_such_package.helper",
]

_PROBE = """
import importlib, json, sys
out = []
for qualname in json.loads(sys.argv[1]):
    parts = qualname.split(".")
    found = False
    for n in range(len(parts), 1, -1):
        try:
            obj = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        try:
            for attr in parts[n:]:
                obj = getattr(obj, attr)
            found = True
        except AttributeError:
            pass
        break
    out.append(found)
print(json.dumps(out))
"""


def _exists_in_tensorflow(qualnames: list[str]) -> list[bool]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    proc = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(qualnames)], capture_output=True,
                          text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _sample(k: int = 12) -> list[str]:
    """Names the table lists, drawn with a fixed seed (modules with listed names only)."""
    rng = random.Random(0)
    modules = sorted(m for m, names in INTERNAL.modules.items()
                     if names and m.startswith("tensorflow.python.ops.") and "distribute" not in m)
    picked = []
    for module in rng.sample(modules, k):
        public = sorted(n for n in INTERNAL.modules[module] if not n.startswith("_"))
        if public:
            picked.append(f"{module}.{rng.choice(public)}")
    return picked


def test_table_agrees_with_tensorflow():
    sample = _sample()
    names = KNOWN + GONE + sample
    assert [INTERNAL.missing(q) is None for q in names] == _exists_in_tensorflow(names)
    assert all(INTERNAL.missing(q) is None for q in KNOWN + sample)
    assert all(INTERNAL.missing(q) is not None for q in GONE)


def test_missing_names_the_first_part_that_is_gone():
    assert INTERNAL.missing("tensorflow.python.framework.no_such_module.f") == \
        "tensorflow.python.framework.no_such_module"
    assert INTERNAL.missing("tensorflow.python.ops.math_ops.no_such_op") == \
        "tensorflow.python.ops.math_ops.no_such_op"
    # attributes of a name that exists are not checked (a class's methods)
    assert INTERNAL.missing("tensorflow.python.framework.ops.Graph.no_such_method") is None


def test_committed_table_is_fresh():
    tf_dir = list(importlib.util.find_spec("tensorflow").submodule_search_locations)[0]
    fresh = build_tables.build_internal(tf_dir, INTERNAL.version)
    with open(DATA, encoding="utf-8") as fh:
        assert json.load(fh) == fresh, "run: python -m unscope.migrate.build_tables"
