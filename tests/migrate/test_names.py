"""The generated TF1 -> TF2 name table (unscope/migrate/data/renames.json)."""
import importlib.util
import os

import pytest

from unscope.migrate import build_tables
from unscope.migrate.names import TFNames

NAMES = TFNames.load()


def test_table_is_for_the_installed_tensorflow_and_up_to_date():
    spec = importlib.util.find_spec("tensorflow")
    tf_dir = list(spec.submodule_search_locations)[0]
    fresh = build_tables.build(tf_dir)
    assert fresh["tensorflow"] == NAMES.version
    assert fresh["rename"] == NAMES.renames, "run: python -m unscope.migrate.build_tables"


@pytest.mark.parametrize("v1, v2", [
    ("log", "math.log"), ("rsqrt", "math.rsqrt"), ("random_normal", "random.normal"),
    ("placeholder", "compat.v1.placeholder"), ("Session", "compat.v1.Session"),
    ("train.AdamOptimizer", "compat.v1.train.AdamOptimizer"), ("summary.merge_all", "compat.v1.summary.merge_all"),
    ("where", "compat.v1.where"), ("cond", "compat.v1.cond"), ("zeros_initializer", "compat.v1.zeros_initializer"),
    ("nn.relu", "nn.relu"), ("matmul", "matmul"), ("logging.info", "compat.v1.logging.info"),
    ("gfile.GFile", "io.gfile.GFile"), ("gfile.Exists", "compat.v1.gfile.Exists"), ("app.flags", "compat.v1.app.flags"),
])
def test_known_names(v1, v2):
    assert NAMES.target(v1) == v2


def test_every_target_exists_in_tf2_or_in_tf_compat_v1():
    for v1, target in NAMES.renames.items():
        if target.startswith("compat.v1."):
            assert NAMES.in_v1(target[len("compat.v1."):]), (v1, target)
        else:
            assert NAMES.in_v2(target), (v1, target)


def test_renaming_is_idempotent():
    """A target is never renamed again: running migrate twice changes nothing."""
    for target in NAMES.renames.values():
        if not target.startswith("compat."):
            assert NAMES.target(target) == target, target


def test_tf2_names_are_only_used_for_the_same_object_or_a_reviewed_call():
    import json

    with open(os.path.join(os.path.dirname(build_tables.__file__), "data", "renames.json")) as fh:
        raw = json.load(fh)
    same = set(raw["same_in_v1_and_v2"])
    for v1, target in NAMES.renames.items():
        if target.startswith("compat.v1.") or v1 in NAMES.v1_modules:
            continue
        # a renamed TF2 target is the very same function (checked through its origin at build time)
        assert target in same or NAMES.in_v2(target), (v1, target)
    for path in raw["calls"]:
        assert path in build_tables.EQUIVALENT_CALLS
        assert NAMES.target(path) == "compat.v1." + path  # the fallback when a call cannot be adapted
