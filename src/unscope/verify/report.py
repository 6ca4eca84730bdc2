"""What `unscope verify` found: `Comparison` rows, `Mismatch`es and the `Report`."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field

OK, DIFFERS, NOT_COMPARABLE = "ok", "differs", "not comparable"


@dataclass
class Comparison:
    """One compared pair: an output, a gradient, the regularization total, a value after."""

    kind: str                 # "output" | "gradient" | "regularization" | "after"
    name: str
    status: str               # OK | DIFFERS | NOT_COMPARABLE
    shape: list | None = None
    max_abs: float | None = None
    max_rel: float | None = None
    worst_index: list | None = None
    old_value: float | None = None
    new_value: float | None = None
    note: str = ""
    draw: int | None = None   # the input draw of the worst element, when several were compared


@dataclass
class Mismatch:
    """A named difference: ``variable b/w: missing in NEW``."""

    kind: str
    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind} {self.name}: {self.message}"


@dataclass
class VariableCheck:
    old_count: int = 0
    new_count: int = 0
    matched: int = 0
    missing: list = field(default_factory=list)      # [{"name", "shape", "dtype"}]
    extra: list = field(default_factory=list)        # [{"name", "shape", "dtype"}]
    duplicated: dict = field(default_factory=dict)   # name -> count
    mismatched: list = field(default_factory=list)   # [{"name", "what", "old", "new"}]


@dataclass
class Report:
    """The verdict: `ok` is True when every compared quantity agrees within tolerance."""

    old: str
    new: str
    layers: str
    settings: dict
    variables: VariableCheck
    outputs: list[Comparison]
    regularization: Comparison | None
    gradients: list[Comparison]
    after: list[Comparison]
    notes: list[str] = field(default_factory=list)
    # what OLD was checked against: {"tf", "tf_layers", "tf_contrib", "independent"}
    reference: dict = field(default_factory=lambda: {"independent": True})

    def comparisons(self) -> list[Comparison]:
        rows = list(self.outputs)
        if self.regularization is not None:
            rows.append(self.regularization)
        return rows + list(self.gradients) + list(self.after)

    @property
    def mismatches(self) -> list[Mismatch]:
        out = []
        for item in self.variables.missing:
            out.append(Mismatch("variable", item["name"],
                                f"missing in NEW ({_shape(item['shape'])} {item['dtype']})"))
        for item in self.variables.extra:
            out.append(Mismatch("variable", item["name"],
                                f"extra in NEW ({_shape(item['shape'])} {item['dtype']})"))
        for name, count in self.variables.duplicated.items():
            out.append(Mismatch("variable", name, f"NEW has {count} distinct variables with this "
                                                  "name; TF1 has one (shared)"))
        for item in self.variables.mismatched:
            out.append(Mismatch("variable", item["name"],
                                f"{item['what']} is {item['old']} in OLD, {item['new']} in NEW"))
        for row in self.comparisons():
            if row.status == DIFFERS:
                message = _numbers(row) if row.max_abs is not None else row.note
                if row.note and row.max_abs is not None:
                    message += f"; {row.note}"
                out.append(Mismatch(row.kind, row.name, message or "differs"))
        return out

    @property
    def not_comparable(self) -> list[Comparison]:
        return [r for r in self.comparisons() if r.status == NOT_COMPARABLE]

    @property
    def self_reference(self) -> bool:
        """OLD's tf.layers ran on unscope.layers, and that was not explicitly allowed."""
        return not self.reference.get("independent", True) and \
            not self.settings.get("allow_self_reference")

    @property
    def draws(self) -> int:
        return int(self.settings.get("draws", 1))

    @property
    def ok(self) -> bool:
        """Everything compared agrees and nothing was left unproven.

        Rows that random ops made not comparable are not agreement: a model whose
        outputs are all random would otherwise "pass" having proven nothing. Nor is a
        check of unscope.layers against unscope.layers (`self_reference`).
        """
        return not self.mismatches and not self.not_comparable and not self.self_reference

    def reference_line(self) -> str:
        """``reference: ...``: what OLD's TF1 behaviour came from."""
        r = self.reference
        parts = [r.get("tf") or "tensorflow.compat.v1"]
        if r.get("tf_layers"):
            parts.append(f"tf.layers from {r['tf_layers']}")
        if r.get("tf_contrib"):
            parts.append(f"tf.contrib from {r['tf_contrib']} (TF2 has no tf.contrib)")
        line = "reference: " + ", ".join(parts)
        if not r.get("independent", True):
            line += (f" - unscope.layers ({r.get('why_not') or 'tf_keras not installed'}) is "
                     "not an independent TF1 check; install the oracle (see README: "
                     "unscope[oracle])")
        return line

    def summary(self) -> str:
        """One line: ``verify: 14 checks agree`` or ``verify: 2 differences: ...``."""
        rows = self.comparisons()
        agree = sum(r.status == OK for r in rows)
        tail = f"; {len(self.not_comparable)} not comparable" if self.not_comparable else ""
        mismatches = self.mismatches
        draws = f", {self.draws} input draws" if self.draws != 1 else ", 1 input draw"
        if not mismatches and not self.not_comparable and self.self_reference:
            why = self.reference.get("why_not") or "tf_keras not installed"
            return (f"verify: not proven: OLD's tf.layers ran on unscope.layers ({why}), so "
                    f"unscope was checked against itself; {agree} checks agree{draws} - "
                    "install the oracle (unscope[oracle]) or pass --allow-self-reference")
        if not mismatches and not self.not_comparable:
            return f"verify: OLD and NEW agree ({agree} checks, {self.variables.matched} " \
                   f"variables{draws})"
        if not mismatches:
            return (f"verify: not proven: {len(self.not_comparable)} checks not comparable "
                    f"(random ops draw different numbers on each side; pass --same-random); "
                    f"{agree} checks agree")
        names = ", ".join(f"{m.kind} {m.name}" for m in mismatches[:6])
        more = f", and {len(mismatches) - 6} more" if len(mismatches) > 6 else ""
        return f"verify: {len(mismatches)} difference{'s' * (len(mismatches) != 1)}: " \
               f"{names}{more}{tail}"

    def to_dict(self) -> dict:
        """Plain data; infinities and NaNs become the strings "inf", "-inf", "nan"."""
        data = {"schema_version": 1, "kind": "verify", **_finite(asdict(self))}  # docs/verify-json.md
        data["ok"] = self.ok
        data["draws"] = self.draws
        data["self_reference"] = self.self_reference
        data["mismatches"] = [asdict(m) for m in self.mismatches]
        data["summary"] = self.summary()
        return data

    def to_json(self, **kwargs) -> str:
        return json.dumps(self.to_dict(), **kwargs)

    def __str__(self) -> str:
        from unscope.verify.render import render_plain

        return render_plain(self)


def _finite(value):
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _shape(shape) -> str:
    return "[" + ",".join(str(d) for d in shape) + "]"


def _numbers(row: Comparison) -> str:
    where = f" at {tuple(row.worst_index)}" if row.worst_index else ""
    return (f"max abs error {row.max_abs:.3g}, max rel error {row.max_rel:.3g}{where} "
            f"(OLD {row.old_value:.7g}, NEW {row.new_value:.7g})")
