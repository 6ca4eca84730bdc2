"""``ConversionReport``: every tensor accounted for, as data, JSON and a human summary."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from unscope.ckpt.errors import Problem
from unscope.ckpt.namemap import Entry, Plan


@dataclass
class ConversionReport:
    """What a conversion did (or, for a dry run or a refusal, would do).

    ``mapped``: TF1 name -> the variable it fills (a tuple of the parts for a partitioned
    variable).  TF1 -> TF2 the names are the checkpoint's; with ``--to-tf1`` the written ones.
    ``dropped``: TF1 name -> reason (``"optimizer slot: Adam of model/w"``, ``"rule: drop ..."``).

    >>> report = unscope.convert_checkpoint("tf1/model.ckpt", "tf2/ckpt", model)
    >>> report.dropped["model/w/Adam"]
    'optimizer slot: Adam of model/w'
    >>> print(report)  # a summary; report.to_json() for everything
    """

    src: str
    dst: str
    direction: str  # "tf1->tf2" or "tf2->tf1"
    entries: list[Entry] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    global_step: str | None = None
    written: bool = False
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)  # what loading the model file left out, hints

    @classmethod
    def from_plan(cls, plan: Plan, src: str, dst: str, direction: str, dry_run: bool = False):
        return cls(str(src), str(dst), direction, list(plan.entries), dict(plan.dropped),
                   list(plan.problems), plan.global_step, dry_run=dry_run)

    @property
    def mapped(self) -> dict:
        key = "source" if self.direction == "tf1->tf2" else "dest"
        return {getattr(e, key): (e.target.variables if e.target.partitioned else e.target.variables[0])
                for e in self.entries}

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {
            "schema_version": 1,  # docs/convert-json.md
            "kind": "convert",
            "src": self.src,
            "dst": self.dst,
            "direction": self.direction,
            "written": self.written,
            "dry_run": self.dry_run,
            "mapped": [_entry_dict(e) for e in self.entries],
            "dropped": dict(sorted(self.dropped.items())),
            "global_step": self.global_step,
            "problems": [p.to_dict() for p in self.problems],
            "counts": self.counts(),
            "notes": list(self.notes),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent)

    def counts(self) -> dict:
        return {
            "mapped": len(self.entries),
            "variables": sum(len(e.target.variables) for e in self.entries),
            "split": sum(e.target.partitioned for e in self.entries),
            "cast": sum(e.cast for e in self.entries),
            "renamed": sum(_renamed(e) for e in self.entries),
            "dropped": len(self.dropped),
            "problems": len(self.problems),
        }

    def dropped_by_category(self) -> Counter:
        return Counter(reason.split(":", 1)[0] for reason in self.dropped.values())

    def summary(self) -> str:
        """One line: what was mapped, dropped, and whether anything was written."""
        c = self.counts()
        parts = f"{c['mapped']} tensor{'s' * (c['mapped'] != 1)} -> {c['variables']} variable{'s' * (c['variables'] != 1)}"
        if self.direction == "tf2->tf1":
            parts = f"{c['variables']} variable{'s' * (c['variables'] != 1)} -> {c['mapped']} tensor{'s' * (c['mapped'] != 1)}"
        extras = [f"{c[k]} {k}" for k in ("split", "cast", "renamed") if c[k]]
        if self.direction == "tf2->tf1" and c["split"]:
            extras = [x.replace("split", "joined") for x in extras]
        if extras:
            parts += f" ({', '.join(extras)})"
        if self.dropped:
            cats = ", ".join(f"{n} {cat}" for cat, n in sorted(self.dropped_by_category().items()))
            parts += f", {len(self.dropped)} dropped ({cats})"
        if self.global_step:
            parts += ", global_step kept"
        if self.problems:
            status = f"refused: {len(self.problems)} problem{'s' * (len(self.problems) != 1)}; nothing written"
        elif self.written:
            status = f"wrote {self.dst}"
        else:
            status = "dry run; nothing written"
        return f"{parts}; {status}"

    def mapping_lines(self) -> list[str]:
        """``source -> destination  [shape] dtype`` for every entry, then every drop."""
        lines = []
        for e in self.entries:
            model = ", ".join(e.target.variable_names)
            left, right = ((e.source, model) if self.direction == "tf1->tf2" else (model, e.dest))
            note = ""
            if e.target.partitioned:
                note = f"  ({'split' if self.direction == 'tf1->tf2' else 'joined'} along axis {e.target.axis})"
            if e.cast:
                note += f"  (cast {e.dtype.name} -> {e.target.dtype.name})"
            lines.append(f"{left} -> {right}  {list(e.shape)} {e.target.dtype.name}{note}")
        if self.global_step:
            lines.append(f"{self.global_step} -> global_step (root)")
        for name, reason in sorted(self.dropped.items()):
            lines.append(f"{name} dropped: {reason}")
        return lines

    def __str__(self) -> str:
        head = f"{self.src} -> {self.dst} ({self.direction})"
        lines = [head, "  " + self.summary()]
        lines += ["  " + p.line() for p in self.problems]
        return "\n".join(lines)


def _renamed(e: Entry) -> bool:
    return e.source != e.dest


def _entry_dict(e: Entry) -> dict:
    out = {
        "source": e.source,
        "dest": e.dest,
        "variables": list(e.target.variable_names),
        "shape": list(e.shape),
        "dtype": e.dtype.name,
    }
    if e.cast:
        out["cast_to"] = e.target.dtype.name
    if e.target.partitioned:
        out["axis"] = e.target.axis
        out["offsets"] = list(e.target.offsets)
    return out
