"""What can go wrong in a conversion, as exceptions the CLI maps to exit codes.

=======================  ==========================================  =========
exception                meaning                                     CLI exit
=======================  ==========================================  =========
``ConversionRefused``    names/shapes/dtypes do not line up, or DST  1
                         exists: the answer is "no", nothing written
``CheckpointReadError``  SRC is missing, unreadable, corrupted, V1   123
``CheckpointWriteError`` DST could not be written or did not re-read 123
``RulesError``           a rename/drop rule is malformed             2
=======================  ==========================================  =========
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One reason a conversion is refused, about one name.

    ``kind`` is one of ``unmatched`` (a model variable without a tensor), ``unexplained`` (a
    tensor without a variable or a reason to drop it), ``shape``, ``dtype``, ``partition``,
    ``duplicate``, ``exists``.
    """

    kind: str
    name: str
    message: str
    candidates: tuple[str, ...] = field(default=())

    def line(self) -> str:
        text = f"{self.name}: {self.kind}: {self.message}"
        if self.candidates:
            text += "; closest: " + ", ".join(repr(c) for c in self.candidates)
        return text

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name, "message": self.message,
                "candidates": list(self.candidates)}


class ConversionError(Exception):
    """Base class of every error ``convert_checkpoint`` raises on purpose."""


class CheckpointReadError(ConversionError):
    """The source checkpoint is missing, unreadable, corrupted or in an unsupported format."""


class CheckpointWriteError(ConversionError):
    """The destination could not be written, or what was written did not read back the same."""


class RulesError(ConversionError, ValueError):
    """A rules file or dict is malformed (unknown key, bad regular expression)."""


class ConversionRefused(ConversionError):
    """The conversion would lose or invent something; nothing was written.

    ``problems`` lists every reason, ``report`` the full plan (what would map, what would drop).
    """

    def __init__(self, problems: list[Problem], report=None):
        self.problems = list(problems)
        self.report = report
        first = self.problems[0].line() if self.problems else "refused"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' * (more > 1)})" if more else ""))
