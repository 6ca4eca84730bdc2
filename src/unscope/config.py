"""``[tool.unscope]`` in pyproject.toml: found from the working directory upwards, as black
finds its configuration, validated, and turned into command-line defaults.

    [tool.unscope]
    mode = "native"              # migrate --mode
    exclude = ["build/*"]        # scan / migrate --exclude (a flag given replaces the list)
    jobs = 2                     # scan / migrate -j
    vendor = "third_party"       # migrate --vendor (relative to this pyproject.toml)
    rtol = 1e-6                  # verify --rtol
    atol = 1e-5                  # verify --atol

    >>> cfg = Config({"mode": "native", "jobs": 2}, "pyproject.toml")
    >>> cfg.defaults_for({"mode", "jobs", "paths"})
    {'mode': 'native', 'jobs': 2}

Flags given on the command line always win: the values only become argparse defaults.
A bad key or value raises :class:`ConfigError`, one line naming the file and the key.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

__all__ = ["Config", "ConfigError", "find_pyproject", "load_config", "KEYS"]

MODES = ("compat", "native")
KEYS = ("mode", "exclude", "jobs", "vendor", "rtol", "atol")
_ROOT_MARKERS = (".git", ".hg")


class ConfigError(ValueError):
    """``[tool.unscope]`` cannot be used; the message names the file and the key."""


class _FromConfig(list):
    """The config's exclude list as an argparse default.  argparse's ``append`` copies the
    default (keeping this type and ``n``) and appends each ``--exclude``: items past ``n``
    were given on the command line."""

    def __init__(self, items) -> None:
        super().__init__(items)
        self.n = len(self)


@dataclass
class Config:
    """Validated ``[tool.unscope]`` values (only the keys that were set) and where they came from."""

    values: dict = field(default_factory=dict)
    path: str | None = None

    def defaults_for(self, dests) -> dict:
        """The values for the argparse destinations ``dests`` a subcommand has."""
        out = {k: v for k, v in self.values.items() if k in dests}
        if "exclude" in out:
            out["exclude"] = _FromConfig(out["exclude"])
        return out

    def set_defaults(self, parser) -> None:
        """Make the config's values ``parser``'s defaults (flags given still win)."""
        dests = {a.dest for a in parser._actions}
        defaults = self.defaults_for(dests)
        if defaults:
            parser.set_defaults(**defaults)

    @staticmethod
    def finish(args) -> None:
        """After parsing: an ``--exclude`` given replaces the config's list instead of extending it."""
        value = getattr(args, "exclude", None)
        if isinstance(value, _FromConfig):
            n = getattr(value, "n", 0)
            args.exclude = list(value[n:]) if len(value) > n else list(value)


def find_pyproject(start: str | None = None) -> str | None:
    """The ``pyproject.toml`` of the project ``start`` (default: the working directory) is in:
    the first one on the way up, stopping at a repository root (``.git``, ``.hg``)."""
    here = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(here, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        if any(os.path.exists(os.path.join(here, m)) for m in _ROOT_MARKERS):
            return None
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def _toml():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    return tomllib


def load_config(start: str | None = None) -> Config:
    """``[tool.unscope]`` of the project ``start`` is in, validated; an empty Config if none."""
    path = find_pyproject(start)
    if path is None:
        return Config()
    tomllib = _toml()
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}); fix the file") from None
    table = data.get("tool", {}).get("unscope")
    if table is None:
        return Config(path=path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.unscope] must be a table")
    return Config(validate(table, path), path)


def validate(table: dict, path: str) -> dict:
    """Checked and normalised values; :class:`ConfigError` on the first bad key."""
    out = {}
    for key, value in table.items():
        where = f"{path}: [tool.unscope] {key}"
        if key not in KEYS:
            hint = _closest(key)
            raise ConfigError(f"{path}: [tool.unscope]: unknown key {key!r}"
                              + (f" (did you mean {hint!r}?)" if hint else "")
                              + f"; known keys: {', '.join(KEYS)}")
        if key == "mode":
            if value not in MODES:
                raise ConfigError(f"{where}: must be one of {', '.join(repr(m) for m in MODES)}, not {value!r}")
        elif key == "exclude":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: must be a glob or a list of globs, not {value!r}")
        elif key == "jobs":
            if type(value) is not int or value < 1:
                raise ConfigError(f"{where}: must be a whole number of at least 1, not {value!r}")
        elif key == "vendor":
            if not isinstance(value, str) or not value:
                raise ConfigError(f"{where}: must be a directory name, not {value!r}")
            value = os.path.join(os.path.dirname(path), value)
        elif key in ("rtol", "atol"):
            if type(value) not in (int, float) or value < 0:
                raise ConfigError(f"{where}: must be a number of at least 0, not {value!r}")
            value = float(value)
        out[key] = value
    return out


def _closest(key: str) -> str | None:
    import difflib

    found = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
    return found[0] if found else None
