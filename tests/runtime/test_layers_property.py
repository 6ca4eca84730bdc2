"""Random programs mixing tf.layers with scopes: unscope equals real TF1 tf.layers.

The TF1 side runs in a persistent subprocess with tf_keras (TF_USE_LEGACY_KERAS=1).
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.runtime import programs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tf1_server():
    env = {**os.environ, "TF_USE_LEGACY_KERAS": "1", "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "tests.runtime.oracle_server"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)

    def ask(program):
        proc.stdin.write(json.dumps(program) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if not line:
            raise RuntimeError("TF1 oracle server died")
        return json.loads(line)

    yield ask
    proc.stdin.close()
    proc.wait(timeout=30)


SCOPES = st.sampled_from(["s", "t"])
REUSE = st.sampled_from([None, "T", "A"])
DENSE = st.tuples(st.just("dense"), st.sampled_from([None, None, "fc", "out"]), st.sampled_from([2, 4]),
                  st.sampled_from([None, None, "T", "A"]))
VAR = st.tuples(st.just("var"), st.sampled_from(["a", "w"]), st.sampled_from([[2], [3]]), st.none(), st.booleans())


def ops(children):
    return st.lists(st.one_of(
        DENSE, VAR, st.tuples(st.just("reuse_vars")),
        st.tuples(st.just("scope"), st.one_of(st.none(), SCOPES), st.just("blk"), REUSE, children),
        st.tuples(st.just("scope"), SCOPES, st.none(), REUSE, children),
        st.tuples(st.just("reenter"), st.just(0), REUSE, children),
        st.tuples(st.just("template"), SCOPES, st.integers(1, 2), children),
    ), max_size=3)


PROGRAMS = st.recursive(st.lists(DENSE, min_size=1, max_size=2), ops, max_leaves=10)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(program=PROGRAMS)
def test_layers_programs_match_tf1(program, tf1_server):
    expected = tf1_server(program)
    (first, second), _ = programs.run_unscope_eager(program)
    assert programs.normalize(first) == expected
    assert programs.normalize(second) == expected
    assert programs.normalize(programs.run_unscope_graph(program)) == expected
