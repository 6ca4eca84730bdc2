import pytest

from unscope.ckpt.errors import RulesError
from unscope.ckpt.rules import Rules, load_rules

RENAME_CASES = [
    # (rules, name, expected)
    ({"rename": [{"from": "^gpt2/", "to": "model/"}]}, "gpt2/h0/w", "model/h0/w"),
    ({"rename": [{"from": "^gpt2/", "to": "model/"}]}, "other/gpt2/w", "other/gpt2/w"),
    ({"rename": [{"from": r"^(.*)/weights$", "to": r"\1/kernel"}]}, "fc/weights", "fc/kernel"),
    ({"rename": [{"from": r"h(?P<i>\d+)", "to": r"layer_\g<i>"}]}, "m/h12/w", "m/layer_12/w"),
    # rules compose: the second sees the first's result
    ({"rename": [{"from": "^a/", "to": "b/"}, {"from": "^b/", "to": "c/"}]}, "a/w", "c/w"),
    ({"rename": [{"from": "/", "to": "_"}]}, "a/b/c", "a_b_c"),
]

DROP_CASES = [
    ({"drop": ["^tower_1/"]}, "tower_1/w", "^tower_1/"),
    ({"drop": ["^tower_1/"]}, "tower_10/w", None),
    ({"drop": ["Adam", "Momentum$"]}, "w/Momentum", "Momentum$"),
    ({"drop": []}, "anything", None),
    ({}, "anything", None),
]

BAD_RULES = [
    ({"renames": []}, "unknown key 'renames'"),
    ({"drop": "x"}, "drop: expected a list"),
    ({"drop": ["("]}, "bad regular expression"),
    ({"drop": [3]}, "pattern must be a string"),
    ({"rename": {"from": "a", "to": "b"}}, "rename: expected a list"),
    ({"rename": [{"from": "a"}]}, "exactly 'from' and 'to'"),
    ({"rename": [{"from": "a", "to": "b", "x": 1}]}, "exactly 'from' and 'to'"),
    ({"rename": [{"from": "a", "to": r"\1"}]}, "bad replacement"),
    ({"rename": [{"from": "(?P<n>a)", "to": r"\g<m>"}]}, "bad replacement"),
    ({"rename": [{"from": "a", "to": 1}]}, "'to' must be a string"),
    ([], "expected a table"),
]


@pytest.mark.parametrize("data, name, expected", RENAME_CASES)
def test_rename(data, name, expected):
    assert load_rules(data).rename(name) == expected


@pytest.mark.parametrize("data, name, expected", DROP_CASES)
def test_drop(data, name, expected):
    assert load_rules(data).dropped_by(name) == expected


@pytest.mark.parametrize("data, message", BAD_RULES)
def test_bad_rules(data, message):
    with pytest.raises(RulesError, match=message.replace("(", r"\(")):
        Rules.from_dict(data) if isinstance(data, list) else load_rules(data)


def test_toml_file_is_the_same_as_the_dict(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text("drop = ['^tower_1/', 'ExponentialMovingAverage$']\n\n"
                    "[[rename]]\nfrom = '^gpt2/(.*)$'\nto = 'model/\\1'\n\n"
                    "[[rename]]\nfrom = '/weights$'\nto = '/kernel'\n")
    from_file = load_rules(str(path))
    from_dict = load_rules({"rename": [{"from": "^gpt2/(.*)$", "to": r"model/\1"},
                                       {"from": "/weights$", "to": "/kernel"}],
                            "drop": ["^tower_1/", "ExponentialMovingAverage$"]})
    assert from_file.to_dict() == from_dict.to_dict()
    assert from_file.rename("gpt2/fc/weights") == "model/fc/kernel"
    assert from_file.dropped_by("tower_1/fc/weights") == "^tower_1/"


@pytest.mark.parametrize("text, message", [
    ("drop = [", "not valid TOML"),
    ("[[rename]]\nfrom = 'a'\n", "exactly 'from' and 'to'"),
    ("drop = ['[']\n", "bad regular expression"),
])
def test_bad_toml(tmp_path, text, message):
    path = tmp_path / "rules.toml"
    path.write_text(text)
    with pytest.raises(RulesError, match=message):
        load_rules(path)
    assert str(path) in str(pytest.raises(RulesError, load_rules, path).value)


def test_missing_rules_file(tmp_path):
    with pytest.raises(RulesError, match="cannot read rules"):
        load_rules(tmp_path / "nope.toml")


def test_no_rules_is_identity():
    rules = load_rules(None)
    assert not rules and rules.rename("a/b") == "a/b" and rules.dropped_by("a/b") is None
