"""Native coverage: the share of variable-making functions and methods native mode turns
into classes, on the model zoo and on generated programs (README's coverage sentence).

    .venv/bin/python -m tests.native.coverage [N]    # N generated programs (default 300)

Prints one line per zoo model, then the totals. Deterministic (derandomized hypothesis).
"""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from tests.native import programs
from tests.zoo import harness
from unscope.native import migrate_native

ZOO_DIR = Path(harness.__file__).parent


def zoo() -> dict[str, tuple[int, int]]:
    """``{model: (native, functions)}``."""
    out = {}
    for name in harness.ZOO:
        result = migrate_native((ZOO_DIR / f"{name}.py").read_text(), f"{name}.py")
        out[name] = (result.native, result.functions)
    return out


def generated(n: int) -> tuple[int, int]:
    totals = [0, 0]

    @settings(max_examples=n, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(source=programs.program())
    def count(source):
        result = migrate_native(source, "gen.py")
        totals[0] += result.native
        totals[1] += result.functions

    count()
    return totals[0], totals[1]


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 300
    found = zoo()
    for name, (native, functions) in found.items():
        print(f"{name}: {native} / {functions}")
    native, functions = (sum(v[i] for v in found.values()) for i in (0, 1))
    print(f"zoo: {native} / {functions} ({100 * native / functions:.0f} %)")
    native, functions = generated(n)
    print(f"generated ({n}): {native} / {functions} ({100 * native / functions:.0f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
