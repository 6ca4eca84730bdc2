"""Every golden native output (tests/native/cases, islands/ too) imports, and each class it
made is built (arguments its constructor needs without a default: small ones, by name) - a class that cannot be built (tf.Module's
read-only ``name`` assigned, a clashing attribute, a name that does not exist) fails here.
Classes of a ``# verify`` case are called too, on the input the verifier feeds them."""
from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.native import programs
from tests.native.support import load, parse_case

CASES_DIR = Path(__file__).parent / "cases"
CASES = [c for c in sorted(CASES_DIR.glob("*.py")) + sorted((CASES_DIR / "islands").glob("*.py"))
         if parse_case(c)[2] is not None]


def _made_classes(code: str) -> list[str]:
    """Names of the top-level classes in ``code`` deriving from ``nn.Module``."""
    out = []
    for s in ast.parse(code).body:
        if type(s) is ast.ClassDef and any(ast.unparse(b).endswith("nn.Module") for b in s.bases):
            out.append(s.name)
    return out


# small constructor arguments, by parameter name: a scope path, a config, an input a class
# builds its heads on (a TF1 policy object), else a width
_SMALL = {"scope": lambda: "m", "name": lambda: "m",
          "hparams": lambda: SimpleNamespace(n_vocab=5, n_embd=4, n_layer=2),
          "obs": lambda: __import__("tensorflow").constant(programs.X),
          "padding": lambda: "same", "activation": lambda: None}


def _small_arguments(cls, module=None) -> dict:
    """A parameter named after another class of the output (``generator``: a module built from
    the ``Generator`` class, as a sampler sharing its layers takes) gets an instance of it."""
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    out = {}
    for p in params:
        if p.default is not p.empty or p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
            continue
        other = getattr(module, "".join(w.capitalize() for w in p.name.split("_")), None)
        if isinstance(other, type) and other is not cls:
            out[p.name] = other(**_small_arguments(other, module))
        else:
            out[p.name] = _SMALL.get(p.name, lambda: 4)()
    return out


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.relative_to(CASES_DIR).as_posix())
def test_golden_output_imports_and_its_classes_build(case, tmp_path):
    import tensorflow as tf

    headers, _, expected = parse_case(case)
    if any(f.startswith("--nn-import") and "from unscope import nn" not in f for f in headers["flags"]):
        pytest.skip("imports a vendored copy that is not on sys.path")
    module = load(expected, tmp_path, case.stem)
    names = _made_classes(expected)
    assert names, "a golden output with no class"
    for name in names:
        cls = getattr(module, name)
        instance = cls(**_small_arguments(cls, module))
        assert isinstance(instance, tf.Module)
        assert instance.name.isidentifier(), instance.name
        if headers.get("verify") and name == _build_class(expected):
            out = instance(tf.constant(programs.X))
            assert len(instance.variables) > 0 and bool(tf.reduce_all(tf.math.is_finite(out)))


def _build_class(code: str) -> str | None:
    """The class made from ``def build`` (the verifier's entry), by its comment line."""
    for line in code.splitlines():
        if line.startswith("# build: ") and line.endswith("above is its native form"):
            return line.rsplit(";", 1)[1].split()[0]
    return None
