"""Example inputs for `unscope verify`: an npz file, or a SPEC filled from a seed.

A SPEC names each keyword argument with a dtype and a static shape::

    x:float32[2,4],ids:int32[2,6]<50,mask:bool[2,6]

Floats are standard-normal, integers uniform in ``[0, high)`` (``<high``, default 10),
bools fair coin flips; the same seed always gives the same arrays.

`verify` compares several draws (`make_draws`, 4 by default): draws 0, 2, 4, ... are
independent; each odd draw is the previous one with its floats negated, so every float input
element is seen with both signs (a ``relu`` a small batch happens to keep positive shows).
"""
from __future__ import annotations

import os
import re
import zlib
from collections.abc import Mapping

import numpy as np

DEFAULT_INT_HIGH = 10
DEFAULT_DRAWS = 4

_FIELD = re.compile(
    r"""^\s*(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<dtype>[A-Za-z0-9_]+)\s*
        \[(?P<shape>[0-9,\s]*)\]\s*(?:<\s*(?P<high>[0-9]+)\s*)?$""",
    re.VERBOSE,
)
_SUPPORTED = {
    "float16", "float32", "float64", "bfloat16",
    "int8", "int16", "int32", "int64", "uint8", "bool",
}


class UsageError(ValueError):
    """A request that cannot be understood: a bad SPEC, a missing file, conflicting options."""


def parse_spec(spec: str) -> list[tuple[str, str, tuple[int, ...], int | None]]:
    """Parse ``x:float32[2,4],ids:int32[2,6]<50`` into ``(name, dtype, shape, high)`` rows.

    >>> parse_spec("x:float32[2,4]")
    [('x', 'float32', (2, 4), None)]
    """
    rows = []
    # split on commas that are not inside [...]
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(spec):
        depth += ch == "["
        depth -= ch == "]"
        if ch == "," and depth == 0:
            parts.append(spec[start:i])
            start = i + 1
    parts.append(spec[start:])
    for part in parts:
        if not part.strip():
            continue
        match = _FIELD.match(part)
        if not match:
            raise UsageError(
                f"bad input spec {part.strip()!r}: expected NAME:DTYPE[D0,D1,...], "
                "e.g. x:float32[2,4] or ids:int32[2,6]<50")
        dtype = match["dtype"]
        if dtype not in _SUPPORTED:
            raise UsageError(f"bad input spec {part.strip()!r}: unsupported dtype {dtype!r} "
                             f"(one of {', '.join(sorted(_SUPPORTED))})")
        shape = tuple(int(d) for d in match["shape"].replace(" ", "").split(",") if d)
        high = int(match["high"]) if match["high"] else None
        if high is not None and not (dtype.startswith(("int", "uint"))):
            raise UsageError(f"bad input spec {part.strip()!r}: '<high' is only for integer inputs")
        if high is not None and high < 1:
            raise UsageError(f"bad input spec {part.strip()!r}: '<high' must be at least 1")
        if any(r[0] == match["name"] for r in rows):
            raise UsageError(f"bad input spec: {match['name']!r} is given twice")
        rows.append((match["name"], dtype, shape, high))
    if not rows:
        raise UsageError("empty input spec: give at least one NAME:DTYPE[SHAPE]")
    return rows


def make_inputs(spec: str, seed: int = 0, draw: int = 0) -> dict[str, np.ndarray]:
    """Deterministic arrays for a SPEC: the same ``(spec, seed, draw)`` gives the same values."""
    out = {}
    for name, dtype, shape, high in parse_spec(spec):
        # one generator per input, keyed by its name, so adding an input keeps the others
        key = [seed, zlib.crc32(name.encode())] + ([draw] if draw else [])
        rng = np.random.default_rng(key)
        if dtype == "bool":
            value = rng.integers(0, 2, size=shape).astype(bool)
        elif dtype.startswith(("int", "uint")):
            value = rng.integers(0, high or DEFAULT_INT_HIGH, size=shape).astype(dtype)
        elif dtype == "bfloat16":
            import ml_dtypes  # shipped with TensorFlow

            value = rng.standard_normal(size=shape).astype(ml_dtypes.bfloat16)
        else:
            value = rng.standard_normal(size=shape).astype(dtype)
        out[name] = value
    return out


def load_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """The arrays of an ``.npz`` file, keyed by argument name."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise UsageError(f"{path}: no such example-inputs file")
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {key: np.asarray(data[key]) for key in data.files}
    except Exception as exc:  # a corrupt or non-npz file is a usage problem of the caller
        raise UsageError(f"{path}: not a readable .npz file ({exc})") from None
    if not arrays:
        raise UsageError(f"{path}: the .npz file holds no arrays")
    return arrays


def make_draws(spec: str, seed: int = 0, draws: int = DEFAULT_DRAWS) -> list[dict]:
    """`draws` input sets for a SPEC; draw 0 is ``make_inputs(spec, seed)``.

    >>> d = make_draws("x:float32[2,4]", draws=2)
    >>> bool((d[1]["x"] == -d[0]["x"]).all())
    True
    """
    if draws < 1:
        raise UsageError(f"draws must be at least 1, not {draws}")
    out = []
    for k in range(draws):
        fresh = make_inputs(spec, seed, k)
        if k % 2:
            for name, value in out[k - 1].items():
                if np.issubdtype(value.dtype, np.floating) or value.dtype.name == "bfloat16":
                    fresh[name] = -value
        out.append(fresh)
    return out


def normalize_draws(inputs, seed: int = 0, draws: int | None = None) -> list[dict]:
    """Input draws: a SPEC gives `draws` of them (default 4); given arrays are one draw.

    A list of dicts is taken as the draws themselves. Asking for more than one draw of given
    arrays is a `UsageError` (there is nothing to draw from).
    """
    if isinstance(inputs, (list, tuple)):
        if not inputs:
            raise UsageError("no input draws given")
        return [normalize(d, seed) for d in inputs]
    if _is_spec(inputs):
        return make_draws(os.fspath(inputs), seed, DEFAULT_DRAWS if draws is None else draws)
    if draws not in (None, 1):
        raise UsageError(f"{draws} draws asked for, but the inputs are given arrays (one draw); "
                         "pass a SPEC (--inputs) to draw several")
    return [normalize(inputs, seed)]


def _is_spec(inputs) -> bool:
    if not isinstance(inputs, (str, os.PathLike)):
        return False
    text = os.fspath(inputs)
    return not (text.endswith(".npz") or os.path.exists(text))


def normalize(inputs, seed: int = 0) -> dict[str, np.ndarray]:
    """Accept a mapping of arrays, a SPEC string (filled from `seed`), or an ``.npz`` path."""
    if isinstance(inputs, (str, os.PathLike)):
        text = os.fspath(inputs)
        if not (text.endswith(".npz") or os.path.exists(text)):
            return make_inputs(text, seed)
        inputs = load_npz(text)
    if not isinstance(inputs, Mapping):
        raise UsageError("inputs must be a dict of arrays, a SPEC string or an .npz path, "
                         f"not {type(inputs).__name__}")
    out = {}
    for key, value in inputs.items():
        if not isinstance(key, str) or not key.isidentifier():
            raise UsageError(f"input name {key!r} is not a valid keyword argument name")
        if hasattr(value, "numpy"):
            value = value.numpy()
        out[key] = np.asarray(value)
        if out[key].dtype == object:
            raise UsageError(f"input {key!r} is not a numeric array")
    if not out:
        raise UsageError("no inputs given")
    return out
