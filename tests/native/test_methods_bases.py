"""Model classes over a plain project base (DDPG's ``Model`` storing ``self.name`` and listing
the variables under it) become native: the base an ``nn.Module``, ``self.name`` its scope.

The oracle is TF1 itself: the zoo's ddpg_models run in graph mode (harness subprocess).
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
    outdir = tmp_path_factory.mktemp("ddpg_oracle")
    harness.run_oracle(["ddpg_models"], outdir)
    return outdir


@pytest.fixture(scope="module")
def migrated():
    return migrate_native((ZOO_DIR / "ddpg_models.py").read_text(), "ddpg_models.py")


def test_actor_and_critic_over_a_plain_base_become_native(migrated):
    assert migrated.ok and migrated.changed and not migrated.findings, [str(f) for f in migrated.findings]
    assert {c["function"]: c["class"] for c in migrated.classes} == \
        {"Actor.__call__": "ActorNet", "Critic.__call__": "CriticNet"}
    assert migrated.native == migrated.functions == 2
    classes = {s.name: s for s in ast.parse(migrated.code).body if type(s) is ast.ClassDef}
    assert ast.unparse(classes["Model"].bases[0]) == "nn.Module"
    assert [ast.unparse(b) for b in classes["Actor"].bases] == ["Model"]
    model = ast.get_source_segment(migrated.code, classes["Model"])
    assert "super().__init__(name=name)" in model and "self.name" not in model
    assert "nn.variables_under(self, self.scope_name, trainable=False)" in model
    assert "name=self.scope_name)" in ast.get_source_segment(migrated.code, classes["Actor"])
    for word in ("variable_scope", "get_variable", "reuse_variables", "get_collection", "GraphKeys", "tf . layers"):
        assert word not in code_words(native_part(migrated.code)), word
    again = migrate_native(migrated.code, "ddpg_models.py")
    assert again.code == migrated.code and not again.changed and not again.findings


@pytest.mark.slow
def test_ddpg_build_equals_tf1(migrated, oracle, tmp_path, monkeypatch):
    """``build`` as migrated, with TF1's weights in the actor, target actor and critic it
    makes: TF1's variables (names, shapes), outputs and gradients; the variable lists its
    asserts read (``actor.vars``, ``critic.trainable_vars``) hold what TF1's held."""
    meta, expected = harness.expected(oracle, "ddpg_models")
    module = load(migrated.code, tmp_path, "ddpg_models")
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    made = {"actor": module.Actor(2), "target_actor": module.Actor(2, name="target_actor"),
            "critic": module.Critic()}
    made["actor"](inputs["obs"])
    made["target_actor"](inputs["obs"])
    made["critic"](inputs["obs"], inputs["action"])
    variables = [v for m in made.values() for v in m.variables]
    assert sorted([v.name, v.shape.as_list(), v.dtype.base_dtype.name] for v in variables) \
        == sorted(meta["variables"])
    for v in variables:
        v.assign(expected[f"var:{v.name}"])
    assert [v.name for v in made["actor"].vars] == [n for n, _, _ in meta["variables"] if n.startswith("actor/")]
    actor, critic = module.Actor, module.Critic
    monkeypatch.setattr(module, "Actor", lambda n, name="actor": made[name] if n == 2 else actor(n, name))
    monkeypatch.setattr(module, "Critic", lambda: made["critic"])
    with tf.GradientTape() as tape:
        outs = harness.flatten(module.build(**inputs))
        total = tf.add_n([tf.reduce_sum(o) for o in outs])
    for i, out in enumerate(outs):
        np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-5, atol=1e-6, err_msg=f"output {i}")
    trainable = [v for v in variables if v.trainable]
    assert sorted(v.name for v in trainable) == sorted(meta["trainable"])
    for v, g in zip(trainable, tape.gradient(total, trainable)):
        np.testing.assert_allclose(tf.convert_to_tensor(g).numpy(), expected[f"grad:{v.name}"],
                                   rtol=1e-4, atol=1e-5, err_msg=v.name)
    traced = tf.function(lambda obs, action: module.build(obs, action))
    for i, out in enumerate(harness.flatten(traced(**inputs))):
        np.testing.assert_allclose(out.numpy(), expected[f"out:{i}"], rtol=1e-4, atol=1e-5, err_msg=f"traced {i}")
    assert len(variables) == sum(len(m.variables) for m in made.values())   # tracing made nothing new


HEAD = '''import tensorflow.compat.v1 as tf


'''
ACTOR = '''class Actor(Model):
    def __init__(self, name="actor"):
        super(Actor, self).__init__(name=name)

    def __call__(self, obs):
        with tf.variable_scope(self.name):
            return tf.layers.dense(obs, 2)
'''
MODEL = '''class Model(object):
    def __init__(self, name):
        self.name = name

    @property
    def vars(self):
        return tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, scope=self.name)


'''

REFUSED = [
    # (source after the imports, class, reason)
    (MODEL.replace("        self.name = name\n", "        self.name = name\n        self.step = tf.Variable(0)\n")
     + ACTOR, "Actor", "makes variables"),
    (MODEL.replace("scope=self.name)", "scope=self.name + '/pi')") + ACTOR, "Actor",
     "reads variable lists under a scope computed at run time"),
    (MODEL + ACTOR + "\n\nplain = Model('m')\n", "Actor", "Model is used other than as a base"),
    (MODEL + ACTOR.replace("        super(Actor, self).__init__(name=name)\n",
                           "        self.size = 2\n        super(Actor, self).__init__(name=name)\n"),
     "Actor", "__init__ does not start by calling Model.__init__"),
    (MODEL + ACTOR.replace("        super(Actor, self).__init__(name=name)\n",
                           "        super(Actor, self).__init__(name=name)\n        self.name = name + '_x'\n"),
     "Actor", "it uses name, which tf.Module reserves"),
    (MODEL + ACTOR + "\n\nclass Odd(Model):\n    def __call__(self, obs):\n"
     "        with tf.variable_scope(self.name):\n            return tf.layers.dense(obs, 2)\n\n"
     "    def extra(self):\n        return tf.get_collection('losses')\n",
     "Actor", "its base Model is also the base of Odd, which stays TF1"),
]


@pytest.mark.parametrize("body, cls, reason", REFUSED, ids=[r[2] for r in REFUSED])
def test_base_families_not_provable_stay_tf1_and_say_why(body, cls, reason):
    source = HEAD + body
    found = reasons(source, ast.parse(source))
    assert reason in found.get(cls, ""), found
    result = migrate_native(source, "m.py")
    assert not any(c["function"].startswith(f"{cls}.") for c in result.classes)
    assert any(reason in f.message for f in result.findings), [str(f) for f in result.findings]
    assert "class Model(object):" in result.code


def test_base_init_by_name_and_literal_scope_lists(tmp_path):
    """``Model.__init__(self, name)`` (no super) and a literal scope: TF1's variable names."""
    import tensorflow.compat.v1 as tf1

    source = HEAD + MODEL.replace("scope=self.name)", "scope='actor')") + ACTOR.replace(
        "super(Actor, self).__init__(name=name)", "Model.__init__(self, name)").replace(
        "            return tf.layers.dense(obs, 2)\n",
        "            w = tf.get_variable('w', [4, 2])\n            return tf.matmul(obs, w)\n")
    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    x = np.ones((3, 4), np.float32)
    with tf1.Graph().as_default():
        a = namespace["Actor"]()
        a(tf1.constant(x))
        expected = [v.name for v in a.vars]
    result = migrate_native(source, "m.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert "nn.variables_under(self, 'actor', trainable=False)" in result.code
    actor = load(result.code, tmp_path, "base_by_name").Actor()
    actor(tf.constant(x))
    assert [v.name for v in actor.vars] == expected == ["actor/w:0"]


OWN_NAME = '''import tensorflow.compat.v1 as tf


class Generator(object):
    def __init__(self, out_dim, name="generator"):
        self.out_dim = out_dim
        self.name = name

    def __call__(self, z, reuse=False):
        with tf.variable_scope(self.name, reuse=reuse):
            w = tf.get_variable("w", [z.get_shape().as_list()[1], self.out_dim])
            return tf.nn.tanh(tf.matmul(z, w))

    @property
    def vars(self):
        return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope=self.name)
'''


def test_class_storing_its_own_name_uses_it_as_the_scope(tmp_path):
    """``self.name = name`` without a base: ``super().__init__(name=name)``; the variables,
    the list under ``self.name`` and the outputs are TF1's (weights loaded by name)."""
    import tensorflow.compat.v1 as tf1

    namespace = {}
    exec(compile(OWN_NAME, "<tf1>", "exec"), namespace)
    z = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    with tf1.Graph().as_default():
        tf1.set_random_seed(1)
        g = namespace["Generator"](3, name="gen_a")
        out = g(tf1.constant(z)) + g(tf1.constant(z * 2), reuse=True)
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            (w,), y = sess.run([g.vars, out])
            names = [v.name for v in g.vars]
    result = migrate_native(OWN_NAME, "g.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert "super().__init__(name=name)" in result.code and "self . name" not in code_words(result.code)
    native = load(result.code, tmp_path, "own_name").Generator(3, name="gen_a")
    native(tf.constant(z))
    assert [v.name for v in native.vars] == names == ["gen_a/w:0"]
    native.vars[0].assign(w)
    got = native(tf.constant(z)) + native(tf.constant(z * 2), reuse=True)
    np.testing.assert_allclose(got.numpy(), y, rtol=1e-6)
    assert len(native.variables) == 1   # the reuse=True call is the same module


PREFIXED = HEAD + MODEL + ACTOR.replace(
    "            return tf.layers.dense(obs, 2)\n",
    "            w = tf.get_variable('w', [4, 2])\n            return tf.matmul(obs, w)\n") + '''

def build(obs):
    actor = Actor()
    target = Actor(name="actor_target")
    return actor(obs), target(obs), actor.vars
'''


@pytest.mark.parametrize("target", ["actor_target", "actor2", "target_actor", "actor/target"])
def test_lists_under_a_name_that_prefixes_another_stay_tf1(target, tmp_path):
    """TF1: ``get_collection(scope="actor")`` matches names, so ``actor.vars`` also holds
    ``actor_target/...``; a native list holds only its own module's variables, so such a class
    stays TF1 and says why - and where TF1's list holds only the class's own variables
    (``target_actor``, or a scope nested under ``actor``), the class is native with TF1's list."""
    import tensorflow.compat.v1 as tf1

    source = PREFIXED.replace("actor_target", target)
    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    x = np.ones((3, 4), np.float32)
    with tf1.Graph().as_default():
        *_, listed = namespace["build"](tf1.constant(x))
        expected = [v.name for v in listed]
    own = [n for n in expected if n.startswith("actor/") and not n.startswith(f"{target}/")]
    result = migrate_native(source, "m.py")
    native = not any("prefix of the name" in f.message for f in result.findings)
    assert native == (expected == own), (expected, [str(f) for f in result.findings])
    if not native:
        assert f"also select '{target}'/..." in reasons(source, ast.parse(source))["Actor"]
        assert "class Model(object):" in result.code and "class Actor(Model):" in result.code
        return
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    module = load(result.code, tmp_path, f"prefix_{target.replace('/', '_')}")
    *_, got = module.build(tf.constant(x))
    assert [v.name for v in got] == expected


@pytest.mark.slow
def test_targets_made_by_copy_and_rename_equal_tf1(tmp_path, tmp_path_factory, monkeypatch):
    """baselines' DDPG: ``target = copy(actor); target.name = "target_actor"`` before the first
    call. Native: the base's ``name`` setter renames the copy's scope, so the copy makes its own
    variables there; variables, lists, outputs and gradients equal TF1's (zoo ddpg_copies)."""
    import copy as copies
    from unscope import nn

    oracle = tmp_path_factory.mktemp("ddpg_copies_oracle")
    harness.run_oracle(["ddpg_copies"], oracle)
    result = migrate_native((ZOO_DIR / "ddpg_copies.py").read_text(), "ddpg_copies.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert result.native == result.functions == 2
    module = load(result.code, tmp_path, "ddpg_copies")
    actor, critic, made = module.Actor(2), module.Critic(), {}
    monkeypatch.setattr(module, "Actor", lambda n: actor)
    monkeypatch.setattr(module, "Critic", lambda: critic)
    monkeypatch.setattr(module, "copy", lambda m: made.setdefault(id(m), copies.copy(m)))

    class Model(nn.Module):
        def __init__(self):
            super().__init__(name="")
            self.parts = [actor, critic]

        def __call__(self, obs):
            out = module.build(obs)
            self.targets = sorted(made.values(), key=lambda m: m.scope_name)
            return out

    model = Model()
    inputs = {k: tf.constant(v) for k, v in module.INPUTS.items()}
    model(**inputs)
    assert [m.name for m in model.targets] == ["target_actor", "target_critic"]
    harness.assert_matches_tf1(model, inputs, oracle, "ddpg_copies", ordered=False)


def test_copy_renamed_after_its_first_call_makes_new_variables_like_tf1(tmp_path):
    """TF1 finds variables by name when called, so a copy renamed after the original was called
    makes new ones under the new name; native: the renamed copy builds a new module there."""
    import copy as copies

    import tensorflow.compat.v1 as tf1

    source = HEAD + MODEL + ACTOR.replace(
        "            return tf.layers.dense(obs, 2)\n",
        "            w = tf.get_variable('w', [4, 2])\n            return tf.matmul(obs, w)\n")
    x = np.ones((3, 4), np.float32)
    namespace = {}
    exec(compile(source, "<tf1>", "exec"), namespace)
    with tf1.Graph().as_default():
        actor = namespace["Actor"]()
        actor(tf1.constant(x))
        target = copies.copy(actor)
        target.name = "target"
        target(tf1.constant(x))
        expected = ([v.name for v in tf1.global_variables()], [v.name for v in target.vars])
    result = migrate_native(source, "m.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    actor = load(result.code, tmp_path, "copy_after_call").Actor()
    actor(tf.constant(x))
    target = copies.copy(actor)
    target.name = "target"
    target(tf.constant(x))
    got = [v.name for v in actor.variables + target.variables]
    assert (got, [v.name for v in target.vars]) == expected == (["actor/w:0", "target/w:0"], ["target/w:0"])
    assert target.variables[0] is not actor.variables[0] and target.name == "target"


SCOPED = '''import tensorflow.compat.v1 as tf


class Classifier(object):
    def __init__(self, hidden, scope="adversary"):
        self.scope = scope
        self.hidden = hidden

    def build_graph(self, x, reuse=False):
        with tf.variable_scope(self.scope, reuse=reuse):
            w = tf.get_variable("w", [x.get_shape().as_list()[1], self.hidden])
            return tf.nn.tanh(tf.matmul(x, w))

    def get_trainable_variables(self):
        return tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, self.scope)


def build(x):
    d = Classifier(3, scope="disc")
    return d.build_graph(x), d.build_graph(x * 2.0, reuse=True), d.get_trainable_variables()
'''


def test_scope_stored_from_a_parameter_names_the_module_and_its_lists(tmp_path):
    """GAIL's adversary: ``self.scope = scope`` (default "adversary") opens the method's scope
    and selects its lists; native: the module is named ``scope=self.scope``, the list is
    ``nn.variables_under(self, self.scope)``; names, lists and outputs equal TF1's."""
    import tensorflow.compat.v1 as tf1

    x = np.linspace(-1, 1, 8, dtype=np.float32).reshape(2, 4)
    namespace = {}
    exec(compile(SCOPED, "<tf1>", "exec"), namespace)
    with tf1.Graph().as_default():
        tf1.set_random_seed(2)
        *outs, listed = namespace["build"](tf1.constant(x))
        with tf1.Session() as sess:
            sess.run(tf1.global_variables_initializer())
            names = [v.name for v in listed]
            weights, expected = sess.run([listed, outs])
    result = migrate_native(SCOPED, "adv.py")
    assert result.ok and not result.findings, [str(f) for f in result.findings]
    assert "nn.variables_under(self, self.scope)" in result.code
    module = load(result.code, tmp_path, "scoped_attr")
    d = module.Classifier(3, scope="disc")
    d.build_graph(tf.constant(x))
    assert [v.name for v in d.get_trainable_variables()] == names == ["disc/w:0"]
    d.get_trainable_variables()[0].assign(weights[0])
    got = [d.build_graph(tf.constant(x)), d.build_graph(tf.constant(x) * 2.0, reuse=True)]
    for g, e in zip(got, expected):
        np.testing.assert_allclose(g.numpy(), e, rtol=1e-6)
    assert len(d.variables) == 1
    default = module.Classifier(2)
    default.build_graph(tf.constant(x))
    assert [v.name for v in default.variables] == ["adversary/w:0"]   # TF1's default scope
    clash = SCOPED.replace('    d = Classifier(3, scope="disc")\n',
                           '    d = Classifier(3, scope="disc")\n    Classifier(3, scope="disc_target").build_graph(x)\n')
    assert "also select 'disc_target'/..." in reasons(clash, ast.parse(clash)).get("Classifier", "")
