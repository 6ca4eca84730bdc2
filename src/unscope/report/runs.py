"""Reading the JSON reports the page is made from, and telling their kinds apart."""
from __future__ import annotations

import json

__all__ = ["ReportError", "read_report", "kind_of", "KINDS", "SUPPORTED_SCHEMA"]

KINDS = ("migrate", "convert", "verify")
SUPPORTED_SCHEMA = 1


class ReportError(ValueError):
    """A report file that cannot be used; the message is one line naming the file."""


def kind_of(data) -> str | None:
    """``"migrate"``, ``"convert"``, ``"verify"`` or None; reports written before the
    ``kind`` field existed are recognised by their keys."""
    if not isinstance(data, dict):
        return None
    kind = data.get("kind")
    if kind in KINDS:
        return kind
    if kind is not None:
        return None
    if {"files", "failures", "summary"} <= set(data):
        return "migrate"
    if {"mapped", "dropped", "direction"} <= set(data):
        return "convert"
    if {"outputs", "gradients", "variables", "ok"} <= set(data):
        return "verify"
    return None


def read_report(path: str) -> dict:
    """The parsed report at ``path``, with ``data["kind"]`` set; :class:`ReportError` otherwise."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise ReportError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: not a JSON report ({exc}); pass the file written by "
                          "migrate --report, convert --format json or verify --format json") from None
    kind = kind_of(data)
    if kind is None:
        raise ReportError(f"{path}: not an unscope migrate, convert or verify report "
                          "(see docs/migrate-json.md)")
    version = data.get("schema_version", SUPPORTED_SCHEMA)
    if not isinstance(version, int) or version > SUPPORTED_SCHEMA:
        raise ReportError(f"{path}: schema_version {version!r} is newer than this unscope "
                          f"understands ({SUPPORTED_SCHEMA}); upgrade unscope")
    return {**data, "kind": kind}
