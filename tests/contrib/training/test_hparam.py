"""HParams: TF1 parse type rules, set/get checks, JSON round trip, errors."""
import json
import sys

import pytest

from unscope.contrib.training import HParams, parse_values


def make():
    return HParams(lr=0.1, steps=100, name="adam", debug=False, sizes=[1, 2], rates=[0.5],
                   tags=["a"], flags=[True])


PARSE_CASES = [
    ("lr=0.3", {"lr": 0.3}),
    ("lr=3", {"lr": 3.0}),             # an int parses as a float hparam
    ("steps=7,name=sgd", {"steps": 7, "name": "sgd"}),
    ("steps = -12 ,  name=x_1", {"steps": -12, "name": "x_1"}),
    ("debug=true", {"debug": True}),
    ("debug=False", {"debug": False}),
    ("debug=1", {"debug": True}),
    ("debug=0", {"debug": False}),
    ("sizes=[3,4,5]", {"sizes": [3, 4, 5]}),
    ("sizes=[3 4]", {"sizes": [3, 4]}),
    ("sizes=[]", {"sizes": []}),
    ("rates=[1,1e-3]", {"rates": [1.0, 1e-3]}),
    ("tags=[x,y],lr=.5", {"tags": ["x", "y"], "lr": 0.5}),
    ("flags=[true,0]", {"flags": [True, False]}),
    ("", {}),
]


@pytest.mark.parametrize("text, expected", PARSE_CASES)
def test_parse(text, expected):
    hp = make()
    before = hp.values()
    assert hp.parse(text) is hp
    after = hp.values()
    assert {k: v for k, v in after.items() if before[k] != v or k in expected} == expected
    for key, value in expected.items():
        assert type(getattr(hp, key)) is type(value)


PARSE_ERRORS = [
    ("steps=1.5", "Could not parse hparam 'steps' of type 'int' with value '1.5'"),
    ("debug=yes", "Could not parse hparam 'debug' of type 'bool'"),
    ("lr=abc", "Could not parse hparam 'lr' of type 'float'"),
    ("unknown=1", "Unknown hyperparameter type for unknown"),
    ("lr=0.1,lr=0.2", "Multiple assignments to variable 'lr'"),
    ("=1", "Malformed hyperparameter value"),
    ("lr=[0.1]", "Must not pass a list for single-valued parameter: lr"),
    ("sizes=3", "Must pass a list for multi-valued parameter: sizes"),
    ("sizes[0]=[1]", "Assignment of a list to a list index"),
    ("sizes=[1,x]", "Could not parse hparam 'sizes' of type 'int'"),
]


@pytest.mark.parametrize("text, message", PARSE_ERRORS)
def test_parse_errors(text, message):
    with pytest.raises(ValueError) as err:
        make().parse(text)
    assert message in str(err.value)


def test_parse_values_index_assignment_and_ignore_unknown():
    assert parse_values("a[1]=3,a[0]=2,b=x", {"a": int, "b": str}) == {"a": {1: 3, 0: 2}, "b": "x"}
    assert parse_values("zz=1,a=2", {"a": int}, ignore_unknown=True) == {"a": 2}
    with pytest.raises(ValueError, match="Multiple assignments to variable 'a\\[1\\]'"):
        parse_values("a[1]=3,a[1]=2", {"a": int})


SET_OK = [("lr", 2, 2.0), ("steps", 3, 3), ("name", "x", "x"), ("debug", True, True),
          ("sizes", [7], [7]), ("rates", [1, 2.5], [1.0, 2.5])]
SET_BAD = [("steps", 1.5), ("steps", True), ("lr", "0.1"), ("name", 3), ("debug", 1),
           ("lr", [0.1]), ("sizes", 3), ("tags", [1])]


@pytest.mark.parametrize("name, value, stored", SET_OK)
def test_set_hparam_casts(name, value, stored):
    hp = make()
    hp.set_hparam(name, value)
    assert getattr(hp, name) == stored
    assert type(getattr(hp, name)) is type(stored)


@pytest.mark.parametrize("name, value", SET_BAD)
def test_set_hparam_rejects(name, value):
    with pytest.raises(ValueError):
        make().set_hparam(name, value)


def test_add_del_get_contains():
    hp = make()
    with pytest.raises(KeyError):
        hp.set_hparam("missing", 1)
    with pytest.raises(ValueError, match="reserved: parse"):
        hp.add_hparam("parse", 1)
    with pytest.raises(ValueError, match="reserved: lr"):
        hp.add_hparam("lr", 1.0)
    with pytest.raises(ValueError, match="cannot be empty"):
        hp.add_hparam("empty", [])
    with pytest.raises(ValueError, match="reserved: values"):
        HParams(values=1)
    hp.add_hparam("extra", (1, 2))
    assert "extra" in hp and hp.extra == (1, 2)
    hp.del_hparam("extra")
    hp.del_hparam("never_there")
    assert "extra" not in hp and not hasattr(hp, "extra")
    assert hp.get("steps") == 100 and hp.get("nope", 5) == 5
    assert hp.get("steps", 3) == 100
    with pytest.raises(ValueError, match="incompatible with default"):
        hp.get("steps", 1.5)
    with pytest.raises(ValueError, match="incompatible with default"):
        hp.get("sizes", 1)


def test_json_dict_str_repr():
    hp = make()
    assert json.loads(hp.to_json()) == hp.values()
    assert hp.to_json(sort_keys=True) == json.dumps(hp.values(), sort_keys=True)
    other = make().parse_json('{"lr": 0.5, "sizes": [9], "steps": 2}')
    assert (other.lr, other.sizes, other.steps) == (0.5, [9], 2)
    with pytest.raises(ValueError):
        make().parse_json('{"steps": 2.5}')
    assert make().override_from_dict({"name": "b"}).name == "b"
    assert str(HParams(a=1, b="x")) == "a=1,b=x"
    assert repr(HParams(b=1, a=2)) == "HParams([('a', 2), ('b', 1)])"
    assert list(make().values()) == ["lr", "steps", "name", "debug", "sizes", "rates", "tags", "flags"]


def test_no_tensorflow_needed():
    import subprocess
    code = ("import sys; from unscope.contrib.training import HParams; "
            "HParams(a=1).parse('a=2'); print('tensorflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_proto_is_refused_with_a_hint():
    with pytest.raises(NotImplementedError, match="parse_json"):
        HParams(hparam_def=object())
    with pytest.raises(NotImplementedError, match="to_json"):
        make().to_proto()
