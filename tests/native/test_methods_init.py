"""Model classes whose ``__init__`` makes the variables (RL policies) become native classes.

The oracle is TF1 itself: the zoo's policy model run in graph mode (tests/zoo/harness.py's
subprocess), and ``reuse=True`` errors from an in-process ``tf.Graph``.
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
    outdir = tmp_path_factory.mktemp("policy_oracle")
    harness.run_oracle(["policy"], outdir)
    return outdir


@pytest.fixture(scope="module")
def migrated():
    return migrate_native((ZOO_DIR / "policy.py").read_text(), "policy.py")


def test_policy_class_becomes_native(migrated):
    assert migrated.ok and migrated.changed and not migrated.findings, [str(f) for f in migrated.findings]
    assert migrated.native == migrated.functions == 2
    assert {c["function"]: c["class"] for c in migrated.classes} == \
        {"fc": "Fc", "ActorCritic.__init__": "ActorCriticNet"}
    for word in ("variable_scope", "get_variable", "reuse_variables", "get_collection"):
        assert word not in code_words(native_part(migrated.code)), word
    owner = next(s for s in ast.parse(migrated.code).body if type(s) is ast.ClassDef and s.name == "ActorCritic")
    assert ast.unparse(owner.bases[0]) == "nn.Module"
    assert "reuse=True, net=act.net)" in migrated.code   # the training copy holds the step copy's module
    again = migrate_native(migrated.code, "policy.py")
    assert again.code == migrated.code and not again.changed


def _first(module, inputs, expected):
    """An ActorCritic whose module holds TF1's weights (assigned by name)."""
    first = module.ActorCritic(inputs["obs"], 3)
    for v in first.variables:
        v.assign(expected[f"var:{v.name}"])
    return first


@pytest.mark.slow
def test_policy_variables_outputs_gradients_equal_tf1(migrated, oracle, tmp_path, monkeypatch):
    """``build`` as migrated (two instances, the second with ``reuse=True`` holding the first's
    module) gives TF1's outputs and gradients with TF1's weights; the variables are TF1's."""
    meta, expected = harness.expected(oracle, "policy")
    module = load(migrated.code, tmp_path, "policy")
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    first = _first(module, inputs, expected)
    assert sorted([v.name, v.shape.as_list(), v.dtype.base_dtype.name] for v in first.variables) \
        == sorted(meta["variables"])
    assert sorted(v.name for v in first.trainable_variables) == sorted(meta["trainable"])
    made = []
    monkeypatch.setattr(module, "ActorCriticNet", lambda **kw: made.append(kw) or first.net)
    with tf.GradientTape() as tape:
        outs = harness.flatten(module.build(**inputs))
        total = tf.add_n([tf.reduce_sum(o) for o in outs])
    assert made == [{"hidden": 8}]   # build made one module; the reuse=True copy shares it
    for i, out in enumerate(outs):
        np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-5, atol=1e-5, err_msg=f"output {i}")
    grads = tape.gradient(total, first.trainable_variables)
    for v, g in zip(first.trainable_variables, grads):
        np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), expected[f"grad:{v.name}"],
                                   rtol=1e-4, atol=1e-5, err_msg=v.name)
    count = len(first.variables)

    @tf.function
    def traced(obs):
        act = module.ActorCritic(obs, 3, reuse=True, net=first.net)
        train = module.ActorCritic(obs * 2.0, 3, reuse=True, net=act.net)
        return act.probs, act.vf, train.pi

    for i, out in enumerate(traced(inputs["obs"])):
        np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-4, atol=1e-5, err_msg=f"traced {i}")
    assert len(first.variables) == count   # tracing made nothing new


@pytest.mark.slow
def test_policy_checkpoint_round_trip(migrated, oracle, tmp_path):
    _, expected = harness.expected(oracle, "policy")
    module = load(migrated.code, tmp_path, "policy")
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    first = _first(module, inputs, expected)
    path = tf.train.Checkpoint(model=first).write(str(tmp_path / "ckpt"))
    fresh = module.ActorCritic(inputs["obs"], 3)
    tf.train.Checkpoint(model=fresh).read(path).assert_consumed()
    again = module.ActorCritic(inputs["obs"], 3, reuse=True, net=fresh.net)
    np.testing.assert_allclose(again.probs.numpy(), expected["out:0"], rtol=1e-5, atol=1e-5)


def test_reuse_true_without_a_first_instance_raises_like_tf1(migrated, tmp_path):
    """TF1: ``reuse=True`` before anything made the variables -> ValueError "... does not exist";
    native: the same error class and words, and what to pass instead."""
    import tensorflow.compat.v1 as tf1
    from tests.zoo import policy

    obs = policy.INPUTS["obs"]
    with tf1.Graph().as_default():
        with pytest.raises(ValueError, match="does not exist") as tf1_error:
            policy.ActorCritic(tf1.constant(obs), 3, reuse=True)
    assert "model/shared/fc1/w" in str(tf1_error.value)
    module = load(migrated.code, tmp_path, "policy")
    with pytest.raises(ValueError, match="do not exist") as native_error:
        module.ActorCritic(tf.constant(obs), 3, reuse=True)
    assert "pass net=" in str(native_error.value)


def test_module_given_without_reuse_raises_already_exists_like_tf1(migrated, tmp_path):
    """TF1: a second construction without ``reuse=True`` -> ValueError "Variable ... already
    exists, disallowed"; native: ``net=`` without ``reuse=True`` raises it, naming the same
    variable (the first TF1 made), instead of sharing silently."""
    import tensorflow.compat.v1 as tf1
    from tests.zoo import policy

    obs = policy.INPUTS["obs"]
    with tf1.Graph().as_default():
        policy.ActorCritic(tf1.constant(obs), 3)
        with pytest.raises(ValueError) as tf1_error:
            policy.ActorCritic(tf1.constant(obs), 3, reuse=False)
    tf1_words = str(tf1_error.value).split(" Originally defined at")[0].strip()
    assert "already exists" in tf1_words
    module = load(migrated.code, tmp_path, "policy")
    first = module.ActorCritic(tf.constant(obs), 3)
    with pytest.raises(ValueError) as native_error:
        module.ActorCritic(tf.constant(obs), 3, reuse=False, net=first.net)
    assert str(native_error.value) == tf1_words
    shared = module.ActorCritic(tf.constant(obs), 3, reuse=True, net=first.net)
    assert shared.net is first.net


REFUSED = [
    # (class body after "class P(object):", call site code, reason)
    ("    def __init__(self, x, reuse=False):\n"
     "        with tf.variable_scope('m', reuse=reuse):\n"
     "            self.y = fc(x)\n",
     "def use(x):\n    return P(x, reuse=True).y\n",
     "the instance whose variables it shares is not made before it"),
    ("    def __init__(self, x, reuse=False):\n"
     "        with tf.variable_scope('m', reuse=reuse):\n"
     "            self.y = fc(x)\n",
     "def use(x, r):\n    a = P(x)\n    return P(x, reuse=r).y\n",
     "reuse is not a constant"),
    ("    def __init__(self, x, reuse=False):\n"
     "        with tf.variable_scope('m', reuse=reuse):\n"
     "            self.y = fc(x)\n",
     "POLICY = P\n",
     "P is used other than by a call"),
    ("    def __init__(self, x, deep=True):\n"
     "        with tf.variable_scope('m'):\n"
     "            if deep:\n"
     "                self.y = fc(x)\n",
     "",
     "stores on self inside a if block"),
    ("    def __init__(self, x, reuse=False):\n"
     "        with tf.variable_scope('m', reuse=reuse):\n"
     "            if reuse:\n"
     "                x = x * 2\n"
     "            self.y = fc(x)\n",
     "",
     "reads reuse other than as a variable_scope's reuse="),
    ("    def __init__(self, x):\n"
     "        with tf.variable_scope('m'):\n"
     "            self.y = fc(x) + self.bias\n",
     "",
     "reads self.bias before storing it"),
    ("    def __init__(self, x):\n"
     "        with tf.variable_scope('m'):\n"
     "            self.net = fc(x)\n",
     "",
     "the class already uses the name net"),
    ("    def __init__(self, x):\n"
     "        with tf.variable_scope('m'):\n"
     "            fc(x)\n",
     "",
     "stores nothing on self"),
]

HEAD = """import tensorflow.compat.v1 as tf


def fc(x):
    with tf.variable_scope("fc"):
        w = tf.get_variable("w", [x.get_shape().as_list()[1], 2])
        return tf.matmul(x, w)


class P(object):
"""


@pytest.mark.parametrize("body, calls, reason", REFUSED, ids=[r[2] for r in REFUSED])
def test_init_classes_not_provable_stay_tf1_and_say_why(body, calls, reason):
    source = HEAD + body + "\n\n" + calls
    found = reasons(source, ast.parse(source))
    assert reason in found.get("P", ""), found
    result = migrate_native(source, "p.py")
    assert result.ok and not any(c["function"].startswith("P.") for c in result.classes)
    assert any(reason in f.message for f in result.findings), [str(f) for f in result.findings]


def _tf1_graph(source: str, build):
    """TF1 graph mode in process: {variable name: value}, the outputs ``build(module, x)`` gives."""
    import tensorflow.compat.v1 as tf1

    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    with tf1.Graph().as_default():
        tf1.set_random_seed(0)
        outs = build(namespace, tf1.constant(X))
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            values, outputs = sess.run([tf1.global_variables(), outs])
            names = [v.name for v in tf1.global_variables()]
    return dict(zip(names, values)), outputs


X = np.arange(6, dtype=np.float32).reshape(2, 3) / 6


def test_init_class_without_reuse_and_plain_attributes(tmp_path):
    """No ``reuse`` parameter: the module is built unless one is passed; ``self.scale = scale``
    stays in the owner's __init__; the numbers are TF1's."""
    source = HEAD + ("    def __init__(self, x, scale=2.0):\n"
                     "        self.scale = scale\n"
                     "        with tf.variable_scope('m'):\n"
                     "            self.y = fc(x) * self.scale\n")
    result = migrate_native(source, "p.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert "P.__init__" in {c["function"] for c in result.classes}
    assert "if reuse" not in result.code and "self.y = self.net(x)" in result.code
    assert "        self.scale = scale\n        if net is None:" in result.code
    assert "):\n\n" not in result.code   # no body opens with a blank line
    values, (y, scale) = _tf1_graph(source, lambda m, x: (m["P"](x, scale=3.0).y, tf.constant(3.0)))
    module = load(result.code, tmp_path, "plain")
    p = module.P(tf.constant(X), scale=3.0)
    assert {v.name: v.shape.as_list() for v in p.variables} == {k: list(v.shape) for k, v in values.items()}
    for v in p.variables:
        v.assign(values[v.name])
    again = module.P(tf.constant(X), scale=3.0, net=p.net)
    assert again.scale == scale
    np.testing.assert_allclose(again.y.numpy(), y, rtol=1e-6)


@pytest.mark.slow
def test_policy_family_with_towers_in_the_base_init_equals_tf1(tmp_path, tmp_path_factory, monkeypatch):
    """``class MlpPolicy(FeedForwardPolicy)`` forwarding ``*args, **kwargs`` to a base whose
    ``__init__`` builds the towers: the subclass keeps its text, its ``reuse=True``
    construction gets ``net=act.net`` (through ``**kwargs``); TF1's variables, outputs and
    gradients with TF1's weights (zoo policy_family)."""
    oracle = tmp_path_factory.mktemp("policy_family_oracle")
    harness.run_oracle(["policy_family"], oracle)
    meta, expected = harness.expected(oracle, "policy_family")
    result = migrate_native((ZOO_DIR / "policy_family.py").read_text(), "policy_family.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert result.native == result.functions == 2
    assert "train = MlpPolicy(obs * 2.0, 3, reuse=True, net=act.net)" in result.code
    assert "super(MlpPolicy, self).__init__(*args, layers=(6, 4), **kwargs)" in result.code
    module = load(result.code, tmp_path, "policy_family")
    obs = tf.constant(module.INPUTS["obs"])
    first = module.MlpPolicy(obs, 3)
    assert sorted([v.name, v.shape.as_list(), v.dtype.base_dtype.name] for v in first.variables) \
        == sorted(meta["variables"])
    for v in first.variables:
        v.assign(expected[f"var:{v.name}"])
    made = []
    monkeypatch.setattr(module, "FeedForwardPolicyNet", lambda **kw: made.append(kw) or first.net)
    with tf.GradientTape() as tape:
        outs = harness.flatten(module.build(obs))
        total = tf.add_n([tf.reduce_sum(o) for o in outs])
    assert made == [{"layers": (6, 4)}]   # one module; the reuse=True copy holds it
    for i, out in enumerate(outs):
        np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-5, atol=1e-5, err_msg=f"output {i}")
    for v, g in zip(first.trainable_variables, tape.gradient(total, first.trainable_variables)):
        np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), expected[f"grad:{v.name}"],
                                   rtol=1e-4, atol=1e-5, err_msg=v.name)
    with pytest.raises(ValueError, match="do not exist"):
        module.MlpPolicy(obs, 3, reuse=True)   # TF1's error, through **kwargs


FAMILY = HEAD + ("    def __init__(self, x, layers=2, reuse=False):\n"
                 "        with tf.variable_scope('p', reuse=reuse):\n"
                 "            self.y = fc(x) * layers\n\n\n")


@pytest.mark.parametrize("sub, reason", [
    ("class Q(P):\n    def __init__(self, x, **kwargs):\n        super(Q, self).__init__(x, **kwargs)\n",
     "Q takes other than (self, *args, **kwargs) in __init__"),
    ("class Q(P):\n    def __init__(self, *args, **kwargs):\n        super(Q, self).__init__(*args, reuse=True, **kwargs)\n",
     "Q does not pass **kwargs (and no reuse= or net= of its own)"),
    ("class Q(P):\n    def __init__(self, *args, **kwargs):\n        super(Q, self).__init__(*args, **kwargs)\n"
     "        self.n = len(args)\n", "Q reads *args or **kwargs other than by passing them on"),
])
def test_init_families_not_provable_stay_tf1_and_say_why(sub, reason):
    source = FAMILY + sub
    found = reasons(source, ast.parse(source))
    assert f"another class extends P, whose __init__ makes the variables: {reason}" in found.get("P", ""), found
    result = migrate_native(source, "m.py")
    assert "class P(object):" in result.code and any(reason in f.message for f in result.findings)
