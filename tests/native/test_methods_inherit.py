"""Policy families: a model class whose methods make variables, extended by subclasses that only
configure it (``super().__init__(*args, layers=..., **kwargs)``), becomes native; the subclasses
keep their text and inherit the native methods.

The oracle is TF1 itself: the zoo's sac_policies run in graph mode (harness subprocess) for
variables, outputs and gradients; refusals are checked against the class staying TF1.
"""
import ast
from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from tests.native.support import code_words, load, native_part
from tests.zoo import harness
from unscope.native import migrate_native
from unscope.native.methods import reasons

ZOO_DIR = Path(harness.__file__).parent


@pytest.fixture(scope="module")
def oracle(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("sac_oracle")
    harness.run_oracle(["sac_policies"], outdir)
    return outdir


@pytest.fixture(scope="module")
def migrated():
    return migrate_native((ZOO_DIR / "sac_policies.py").read_text(), "sac_policies.py")


def _classes(code):
    return {s.name: s for s in ast.parse(code).body if type(s) is ast.ClassDef}


def test_policy_family_becomes_native(migrated):
    assert migrated.ok and migrated.changed and not migrated.findings, [str(f) for f in migrated.findings]
    assert {c["function"]: c["class"] for c in migrated.classes} == \
        {"FeedForwardPolicy.make_actor": "MakeActor", "FeedForwardPolicy.make_critics": "MakeCritics"}
    assert migrated.native == migrated.functions == 2
    classes = _classes(migrated.code)
    assert ast.unparse(classes["FeedForwardPolicy"].bases[0]) == "nn.Module"
    original = _classes((ZOO_DIR / "sac_policies.py").read_text())
    for name in ("MlpPolicy", "TanhMlpPolicy"):   # the configuring subclasses keep their text
        assert ast.dump(classes[name]) == ast.dump(original[name])
    for word in ("variable_scope", "get_variable", "get_collection", "tf . layers"):
        assert word not in code_words(native_part(migrated.code)), word
    again = migrate_native(migrated.code, "sac_policies.py")
    assert again.code == migrated.code and not again.changed and not again.findings


@pytest.mark.slow
def test_policy_family_equals_tf1(migrated, oracle, tmp_path, monkeypatch):
    """``build`` as migrated (a TanhMlpPolicy two levels below the model class, its actor and
    critics called again with reuse=True): TF1's variables, outputs, gradients - eagerly,
    under tf.function and with XLA; the reuse=True calls make nothing new."""
    from unscope import nn

    module = load(migrated.code, tmp_path, "sac_policies")
    policy = module.TanhMlpPolicy()
    assert list(policy.layers) == [6, 4] and policy.act_fun.__name__ == "tanh"   # the whole chain's __init__ ran
    monkeypatch.setattr(module, "TanhMlpPolicy", lambda: policy)

    class Model(nn.Module):
        def __init__(self):
            super().__init__(name="")
            self.policy = policy

        def __call__(self, **inputs):
            return module.build(**inputs)

    model = Model()
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    model(**inputs)
    _, expected = harness.assert_matches_tf1(model, inputs, oracle, "sac_policies", ordered=False)
    count = len(model.variables)
    for fn in (tf.function(model), tf.function(model, jit_compile=True)):
        for i, out in enumerate(harness.flatten(fn(**inputs))):
            np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-4, atol=1e-5, err_msg=f"traced {i}")
    assert len(model.variables) == count


HEAD = '''import tensorflow.compat.v1 as tf


class Policy(object):
    def __init__(self, n_out=2, act=tf.nn.relu):
        self.n_out = n_out
        self.act = act

    def make_actor(self, obs, reuse=False):
        with tf.variable_scope("pi", reuse=reuse):
            w = tf.get_variable("w", [obs.get_shape().as_list()[1], self.n_out])
            return self.act(tf.matmul(obs, w))


'''
SUB = '''class Small(Policy):
    def __init__(self, *args, **kwargs):
        super(Small, self).__init__(*args, n_out=1, **kwargs)
'''

REFUSED = [
    # (subclasses after the model class, reason the model class stays TF1)
    (SUB + "\n    def make_actor(self, obs, reuse=False):\n        return obs\n", "Small overrides make_actor"),
    (SUB + "\n    def vars(self):\n        return tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope='pi')\n",
     "Small uses tf.get_collection"),
    (SUB + "        self.name = 'small'\n", "Small uses self.name, which the native class holds or tf.Module reserves"),
    (SUB.replace("        super(Small", "        self.k = 1\n        super(Small"),
     "Small __init__ does not start by calling Policy.__init__"),
    (SUB + "\n    def extra(self, x):\n        with tf.variable_scope('extra'):\n"
     "            return tf.get_variable('b', [1]) + x\n", "Small makes variables of its own"),
    (SUB + "\n\nclass Tiny(Small):\n    def __init__(self):\n        self._make_actor = 1\n",
     "Tiny uses self._make_actor"),
]


@pytest.mark.parametrize("subs, reason", REFUSED, ids=[r[1] for r in REFUSED])
def test_families_not_provable_stay_tf1_and_say_why(subs, reason):
    source = HEAD + subs
    found = reasons(source, ast.parse(source))
    assert f"another class extends Policy: {reason}" in found.get("Policy", ""), found
    result = migrate_native(source, "p.py")
    assert not any(c["function"].startswith("Policy.") for c in result.classes)
    assert any(reason in f.message for f in result.findings), [str(f) for f in result.findings]
    assert "class Policy(object):" in result.code


def test_subclass_of_a_class_whose_init_makes_the_variables_inherits_it(tmp_path):
    """``class Wide(Tower): pass`` constructs as ``Tower`` does: native, its ``reuse=True``
    construction given ``net=``; the variables and outputs are TF1's (in-process tf.Graph)."""
    import tensorflow.compat.v1 as tf1

    source = '''import tensorflow.compat.v1 as tf


class Tower(object):
    def __init__(self, obs, reuse=False):
        with tf.variable_scope("model", reuse=reuse):
            self.out = tf.matmul(obs, tf.get_variable("w", [3, 2]))


class Wide(Tower):
    pass


def build(obs):
    a = Wide(obs)
    b = Wide(obs * 2.0, reuse=True)
    return a.out, b.out
'''
    x = np.arange(6, dtype=np.float32).reshape(2, 3)
    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    with tf1.Graph().as_default():
        outs = namespace["build"](tf1.constant(x))
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            names = [v.name for v in tf1.global_variables()]
            weights, expected = sess.run([tf1.global_variables(), outs])
    assert "Tower" not in reasons(source, ast.parse(source))
    result = migrate_native(source, "t.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert "b = Wide(obs * 2.0, reuse=True, net=a.net)" in result.code
    module = load(result.code, tmp_path, "family_pass")
    first = module.Wide(tf.constant(x))
    assert [v.name for v in first.variables] == names == ["model/w:0"]
    first.variables[0].assign(weights[0])
    monkey = module.TowerNet
    module.TowerNet = lambda **kw: first.net
    try:
        got = module.build(tf.constant(x))
    finally:
        module.TowerNet = monkey
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g.numpy(), e, rtol=1e-6)


def test_configuring_subclass_equals_tf1_in_process(tmp_path):
    """A one-level family in a fresh tf.Graph: the subclass's variables, outputs and the reused
    call equal TF1's with TF1's weights; reuse=True is the same module."""
    import tensorflow.compat.v1 as tf1

    source = HEAD + SUB
    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
    with tf1.Graph().as_default():
        tf1.set_random_seed(3)
        p = namespace["Small"]()
        out = p.make_actor(tf1.constant(x)) + p.make_actor(tf1.constant(x * 2), reuse=True)
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            names = [(v.name, v.shape.as_list()) for v in tf1.global_variables()]
            weights, expected = sess.run([tf1.global_variables(), out])
    result = migrate_native(source, "p.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    small = load(result.code, tmp_path, "family_small").Small()
    first = small.make_actor(tf.constant(x))
    assert [(v.name, v.shape.as_list()) for v in small.variables] == names == [("pi/w:0", [4, 1])]
    small.variables[0].assign(weights[0])
    got = small.make_actor(tf.constant(x)) + small.make_actor(tf.constant(x * 2), reuse=True)
    np.testing.assert_allclose(got.numpy(), expected, rtol=1e-6)
    assert first.shape == got.shape and len(small.variables) == 1


def test_attribute_one_method_stores_and_another_builds_from_stays_tf1():
    """TF1 reads ``self.h`` at every call; a module reads its attributes once, when built: a
    method whose module would be built from what another method stores keeps the class TF1."""
    source = '''import tensorflow.compat.v1 as tf


class Model(object):
    def __init__(self, units=2):
        self.units = units

    def encode(self, x):
        with tf.variable_scope("enc"):
            self.h = tf.matmul(x, tf.get_variable("w", [3, self.units]))
            return self.h

    def decode(self, x):
        with tf.variable_scope("dec"):
            return tf.matmul(self.h, tf.get_variable("w", [self.units, 3])) + x
'''
    found = reasons(source, ast.parse(source))
    assert "decode reads self.h, which encode stores on every call" in found.get("Model", ""), found
