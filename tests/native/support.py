"""Helpers for native-migration tests: import migrated source, read golden cases."""
from __future__ import annotations

import importlib.util
import io
import tokenize
import itertools
import sys
from pathlib import Path

_counter = itertools.count()


def load(code: str, directory: Path, stem: str = "migrated"):
    """Import ``code`` as a fresh module written under ``directory``."""
    name = f"_native_{stem}_{next(_counter)}"
    path = Path(directory) / f"{name}.py"
    path.write_text(code)
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(name, None)
    return module


def class_for(result, function: str) -> str:
    for entry in result.classes:
        if entry["function"] == function:
            return entry["class"]
    raise AssertionError(f"no class made from {function}: {result.classes} {result.findings}")


def parse_case(path: Path) -> tuple[dict, str, str | None]:
    """Headers (flags/warns lists), input, expected output (None: must not change)."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    headers: dict = {"warns": [], "flags": []}
    i = 0
    while i < len(lines) and lines[i].startswith(("# warns:", "# flags:", "# verify")):
        line = lines[i]
        if line.startswith("# warns:"):
            headers["warns"].append(line[len("# warns:"):].strip())
        elif line.startswith("# flags:"):
            headers["flags"].append(line[len("# flags:"):].strip())
        else:
            headers["verify"] = True
        i += 1
    rest = lines[i:]
    for j, line in enumerate(rest):
        if line.rstrip("\n") == "# output":
            return headers, "".join(rest[:j]), "".join(rest[j + 1:])
    return headers, "".join(rest), None


def code_words(code: str) -> str:
    """The code without comments and string literals (to look for API names)."""
    out = []
    for tok in tokenize.generate_tokens(io.StringIO(code).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.STRING):
            out.append(tok.string)
    return " ".join(out)


def kept_functions(code: str) -> list[str]:
    """Names of the TF1 functions native mode kept beside their classes (under its comment)."""
    import ast

    lines = code.split("\n")
    return [s.name for s in ast.parse(code).body if type(s) in (ast.FunctionDef, ast.ClassDef) and s.lineno > 1
            and lines[s.lineno - 2].startswith(f"# {s.name}: ")
            and lines[s.lineno - 2].endswith("above is its native form")]


def native_part(code: str) -> str:
    """The code without the TF1 functions kept for callers (see :func:`kept_functions`), to
    check that what native mode made holds no TF1 variable machinery."""
    import ast

    kept = set(kept_functions(code))
    lines = code.split("\n")
    drop = set()
    for s in ast.parse(code).body:
        if type(s) in (ast.FunctionDef, ast.ClassDef) and s.name in kept:
            drop.update(range(s.lineno - 2, s.end_lineno))
    return "\n".join(line for i, line in enumerate(lines) if i not in drop)
