"""SPEC parsing, deterministic filling and .npz loading (no TensorFlow)."""
import numpy as np
import pytest

from unscope.verify.inputs import UsageError, load_npz, make_inputs, normalize, parse_spec

PARSED = [
    ("x:float32[2,4]", [("x", "float32", (2, 4), None)]),
    ("x:float32[2,4],ids:int32[2,6]", [("x", "float32", (2, 4), None),
                                        ("ids", "int32", (2, 6), None)]),
    (" ids : int64[3] < 50 ", [("ids", "int64", (3,), 50)]),
    ("s:float64[]", [("s", "float64", (), None)]),
    ("m:bool[2, 2],", [("m", "bool", (2, 2), None)]),
]
BAD = [
    "",
    "x",
    "x:float32",
    "x:float32[2,a]",
    "x:complex64[2]",
    "x:float32[2]<5",       # a bound only for integers
    "ids:int32[2]<0",
    "x:float32[2],x:float32[3]",
    "1x:float32[2]",
]


@pytest.mark.parametrize("spec, expected", PARSED)
def test_parse_spec(spec, expected):
    assert parse_spec(spec) == expected


@pytest.mark.parametrize("spec", BAD)
def test_parse_spec_rejects(spec):
    with pytest.raises(UsageError):
        parse_spec(spec)


def test_make_inputs_is_deterministic_per_seed():
    spec = "x:float32[2,4],ids:int32[2,6]<3,m:bool[4]"
    a, b, c = make_inputs(spec, 0), make_inputs(spec, 0), make_inputs(spec, 1)
    for key in ("x", "ids", "m"):
        np.testing.assert_array_equal(a[key], b[key])
    assert not np.array_equal(a["x"], c["x"])
    assert a["x"].dtype == np.float32 and a["x"].shape == (2, 4)
    assert a["ids"].dtype == np.int32 and a["ids"].min() >= 0 and a["ids"].max() < 3
    assert a["m"].dtype == np.bool_


def test_adding_an_input_keeps_the_others():
    np.testing.assert_array_equal(make_inputs("x:float32[3]", 7)["x"],
                                  make_inputs("y:int32[2],x:float32[3]", 7)["x"])


def test_npz_round_trip_and_errors(tmp_path):
    path = tmp_path / "in.npz"
    np.savez(path, x=np.ones([2, 3], np.float32), ids=np.arange(4))
    arrays = load_npz(path)
    assert sorted(arrays) == ["ids", "x"] and arrays["x"].shape == (2, 3)
    assert sorted(normalize(str(path))) == ["ids", "x"]
    with pytest.raises(UsageError, match="no such"):
        load_npz(tmp_path / "missing.npz")
    (tmp_path / "bad.npz").write_text("not a zip")
    with pytest.raises(UsageError, match="not a readable"):
        load_npz(tmp_path / "bad.npz")


def test_normalize_accepts_dicts_and_specs():
    out = normalize({"x": [[1.0, 2.0]]})
    assert out["x"].shape == (1, 2)
    assert normalize("x:float32[2]", seed=3)["x"].shape == (2,)
    with pytest.raises(UsageError):
        normalize({"not valid": np.ones(2)})
    with pytest.raises(UsageError):
        normalize([1, 2])


def test_npz_keys_must_be_argument_names(tmp_path):
    path = tmp_path / "in.npz"
    np.savez(path, **{"not-a-name": np.ones(2)})
    with pytest.raises(UsageError, match="not a valid keyword argument name"):
        normalize(str(path))
