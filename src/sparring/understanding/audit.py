"""The guide's reading of Negochat's train `Reject`, and how far the wizard's labels are from it.

`data/understanding/audit/negochat-train-reject.tsv` holds two labellings, A and B, of
every Employer turn in Negochat's train dialogues. Both were made by the guide, blind to
the wizard's labels and to the reader's output; the folder's README says how. Scoring the
wizard's `Reject` against them gives the F1 that a reader following the guide exactly
would score against the wizard. Scoring the reader's out-of-fold readings against them
shows how well it reads the guide in text it was not written for. Training never reads
the file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

from sparring.understanding import external
from sparring.understanding.evaluation import ActScore, Labelled, act_score

ACT = "reject"
FILE = Path("audit") / "negochat-train-reject.tsv"  # under the corpus directory
_HEADER = ["turn", "A", "B"]
Readings = Mapping[str, tuple[bool, bool]]


class Malformed(ValueError):
    """An audit file that cannot be read, or that does not cover the turns it is scored on."""


def load(path: Path) -> dict[str, tuple[bool, bool]]:
    """Each turn's two readings (does it hold a `reject`?), by turn key."""
    if not path.is_file():
        raise Malformed(f"{path} not found")
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != _HEADER:
        raise Malformed(f"{path}: the first line must be the header turn<TAB>A<TAB>B")
    readings: dict[str, tuple[bool, bool]] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or {fields[1], fields[2]} - {"0", "1"}:
            raise Malformed(f"{path}, line {number}: expected a turn and two labels of 0 or 1")
        if fields[0] in readings:
            raise Malformed(f"{path}, line {number}: turn {fields[0]} is labelled twice")
        readings[fields[0]] = (fields[1] == "1", fields[2] == "1")
    return readings


@dataclass(frozen=True)
class Audit:
    """`reject` scored three ways against the guide's readings."""

    turns: int
    agreed: int  # turns on which A and B agree: the guide's reading
    between: ActScore  # B scored against A
    kappa: float  # Cohen's kappa between A and B
    wizard: ActScore  # the wizard's `Reject` against the guide's reading
    wizard_kappa: float
    reader: ActScore  # the reader against the guide's reading


def _acts(holds: bool) -> frozenset[str]:
    return frozenset({ACT}) if holds else frozenset()


def _score(gold: Sequence[bool], predicted: Sequence[bool]) -> ActScore:
    rows = [Labelled("", _acts(g), _acts(p)) for g, p in zip(gold, predicted, strict=True)]
    return act_score(rows, ACT)


def _kappa(x: Sequence[bool], y: Sequence[bool]) -> float:
    return float(cohen_kappa_score(list(x), list(y)))


def compare(read: Sequence[tuple[external.Utterance, frozenset[str]]], readings: Readings) -> Audit:
    """Score the wizard's labels and the reader's readings of the same turns against the guide's."""
    keys = [u.key for u, _ in read]
    if sorted(keys) != sorted(readings):
        missing = sorted(set(keys) - set(readings))
        extra = sorted(set(readings) - set(keys))
        raise Malformed(
            f"the audit does not cover the turns read: {len(missing)} turns without readings "
            f"{missing[:3]}, {len(extra)} readings without a turn {extra[:3]}"
        )
    a = [readings[k][0] for k in keys]
    b = [readings[k][1] for k in keys]
    wizard = [ACT in u.acts for u, _ in read]
    reader = [ACT in acts for _, acts in read]
    agreed = [k for k in range(len(keys)) if a[k] == b[k]]
    guide = [a[k] for k in agreed]
    wizard_agreed = [wizard[k] for k in agreed]
    return Audit(
        turns=len(keys),
        agreed=len(agreed),
        between=_score(a, b),
        kappa=_kappa(a, b),
        wizard=_score(guide, wizard_agreed),
        wizard_kappa=_kappa(guide, wizard_agreed),
        reader=_score(guide, [reader[k] for k in agreed]),
    )


def markdown(audit: Audit) -> str:
    """The audit as a table, one row per comparison."""

    def row(name: str, score: ActScore, kappa: float | None = None) -> str:
        k = "" if kappa is None else f"{kappa:.3f}"
        return f"| {name} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} | {k} |"

    return "\n".join(
        [
            f"**Negochat train `reject`, read by the guide** ({audit.turns} turns; labellings "
            f"A and B agree on {audit.agreed}, the guide's reading)",
            "",
            "| compared | precision | recall | F1 | kappa |",
            "|---|---:|---:|---:|---:|",
            row("labelling B against labelling A", audit.between, audit.kappa),
            row(
                "the wizard's `Reject` against the guide's reading",
                audit.wizard,
                audit.wizard_kappa,
            ),
            row("the reader (out of fold) against the guide's reading", audit.reader),
        ]
    )
