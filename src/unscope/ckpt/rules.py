"""Rename and drop rules: how source names become destination names.

A rules file (TOML)::

    drop = ['^tower_[1-9]/', 'ExponentialMovingAverage$']

    [[rename]]
    from = '^gpt2/(.*)$'
    to = 'model/\\1'

The same as a Python dict: ``{"rename": [{"from": ..., "to": ...}], "drop": [...]}``.

- ``drop``: a source name that matches (``re.search``) any pattern is left out, with the
  pattern as the reason.  Patterns see the *original* source name.
- ``rename``: every rule is applied in order with ``re.sub`` to the result of the previous
  one, so rules compose.  ``to`` uses ``re.sub`` syntax (``\\1``, ``\\g<name>``); in TOML
  write it as a literal string (single quotes) so backslashes stay as they are.

Source names are checkpoint tensor names when converting TF1 -> TF2, and the model's TF1
variable names with ``--to-tf1``; destination names are the other side.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from unscope.ckpt.errors import RulesError

_KEYS = {"rename", "drop"}


@dataclass(frozen=True)
class Rules:
    renames: tuple[tuple[re.Pattern, str], ...] = ()
    drops: tuple[re.Pattern, ...] = ()

    def dropped_by(self, name: str) -> str | None:
        """The drop pattern that matches ``name``, or None."""
        for pattern in self.drops:
            if pattern.search(name):
                return pattern.pattern
        return None

    def rename(self, name: str) -> str:
        for pattern, replacement in self.renames:
            name = pattern.sub(replacement, name)
        return name

    def __bool__(self) -> bool:
        return bool(self.renames or self.drops)

    def to_dict(self) -> dict:
        return {"rename": [{"from": p.pattern, "to": r} for p, r in self.renames],
                "drop": [p.pattern for p in self.drops]}

    @classmethod
    def from_dict(cls, data: dict, origin: str = "rules") -> "Rules":
        if not isinstance(data, dict):
            raise RulesError(f"{origin}: expected a table with 'rename' and/or 'drop', got {type(data).__name__}")
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise RulesError(f"{origin}: unknown key {unknown[0]!r} (expected 'rename' and 'drop')")
        renames = []
        for i, rule in enumerate(_as_list(data.get("rename", []), f"{origin}: rename")):
            where = f"{origin}: rename[{i}]"
            if not isinstance(rule, dict) or set(rule) != {"from", "to"}:
                raise RulesError(f"{where}: expected a table with exactly 'from' and 'to'")
            pattern = _compile(rule["from"], where)
            if not isinstance(rule["to"], str):
                raise RulesError(f"{where}: 'to' must be a string")
            try:
                _check_template(pattern, rule["to"])
            except (re.error, IndexError) as exc:
                raise RulesError(f"{where}: bad replacement {rule['to']!r}: {exc}") from None
            renames.append((pattern, rule["to"]))
        drops = tuple(_compile(p, f"{origin}: drop[{i}]")
                      for i, p in enumerate(_as_list(data.get("drop", []), f"{origin}: drop")))
        return cls(tuple(renames), drops)

    @classmethod
    def from_toml(cls, path: str | os.PathLike) -> "Rules":
        try:
            import tomllib
        except ImportError:  # Python 3.10
            import tomli as tomllib
        try:
            with open(path, "rb") as f:
                data = tomllib.load(f)
        except OSError as exc:
            raise RulesError(f"{path}: cannot read rules: {exc.strerror or exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{path}: not valid TOML: {exc}") from None
        return cls.from_dict(data, origin=str(path))


def load_rules(rules) -> Rules:
    """``None``, a dict, a path to a TOML file, or ``Rules`` -> ``Rules``."""
    if rules is None:
        return Rules()
    if isinstance(rules, Rules):
        return rules
    if isinstance(rules, dict):
        return Rules.from_dict(rules)
    if isinstance(rules, (str, os.PathLike)):
        return Rules.from_toml(rules)
    raise RulesError(f"rules: expected a dict, a TOML path or Rules, got {type(rules).__name__}")


def _as_list(value, where: str) -> list:
    if isinstance(value, (str, dict)) or not isinstance(value, (list, tuple)):
        raise RulesError(f"{where}: expected a list")
    return list(value)


def _compile(pattern, where: str) -> re.Pattern:
    if not isinstance(pattern, str):
        raise RulesError(f"{where}: pattern must be a string, got {type(pattern).__name__}")
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise RulesError(f"{where}: bad regular expression {pattern!r}: {exc}") from None


def _check_template(pattern: re.Pattern, template: str) -> None:
    # re.sub checks group references only when something matches: expand against a match of
    # the same groups on "" (the newline ends a verbose-mode comment before the empty branch).
    match = re.compile(pattern.pattern + "\n|", pattern.flags).match("")
    if match is not None:
        match.expand(template)
