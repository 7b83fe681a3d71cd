"""The guide's reading of Negochat's train dialogues, and how far the wizard's labels are from it.

`data/understanding/audit/` holds two labellings, A and B, of every Employer turn in
Negochat's train dialogues, one file per act (`negochat-train-<act>.tsv`). Both follow
the guide and were made blind to the wizard's labels and to the reader's output; the
folder's README says by whom and how. Scoring the wizard's labels against them gives the F1 that a reader
following the guide exactly would score against the wizard. Scoring the reader's
out-of-fold readings against them shows how well it reads the guide in text it was not
written for. Training never reads these files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

from sparring.understanding import external
from sparring.understanding.evaluation import ActScore, Labelled, act_score

ACTS = ("reject", "accept", "inquiry")
DIRECTORY = Path("audit")  # under the corpus directory
_HEADER = ["turn", "A", "B"]
Readings = Mapping[str, tuple[bool, bool]]


class Malformed(ValueError):
    """An audit file that cannot be read, or that does not cover the turns it is scored on."""


def path(corpus_dir: Path, act: str) -> Path:
    """The audit file of one act."""
    return corpus_dir / DIRECTORY / f"negochat-train-{act}.tsv"


def load(file: Path) -> dict[str, tuple[bool, bool]]:
    """Each turn's two readings (does it hold the act?), by turn key."""
    if not file.is_file():
        raise Malformed(f"{file} not found")
    lines = file.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != _HEADER:
        raise Malformed(f"{file}: the first line must be the header turn<TAB>A<TAB>B")
    readings: dict[str, tuple[bool, bool]] = {}
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 3 or not fields[0] or {fields[1], fields[2]} - {"0", "1"}:
            raise Malformed(f"{file}, line {number}: expected a turn and two labels of 0 or 1")
        if fields[0] in readings:
            raise Malformed(f"{file}, line {number}: turn {fields[0]} is labelled twice")
        readings[fields[0]] = (fields[1] == "1", fields[2] == "1")
    return readings


@dataclass(frozen=True)
class Audit:
    """One act scored three ways against the guide's readings."""

    act: str
    turns: int
    agreed: int  # turns on which A and B agree: the guide's reading
    between: ActScore  # B scored against A
    kappa: float  # Cohen's kappa between A and B
    wizard: ActScore  # the wizard's label against the guide's reading
    reader: ActScore  # the reader against the guide's reading


def _score(act: str, gold: Sequence[bool], predicted: Sequence[bool]) -> ActScore:
    def acts(holds: bool) -> frozenset[str]:
        return frozenset({act}) if holds else frozenset()

    rows = [Labelled("", acts(g), acts(p)) for g, p in zip(gold, predicted, strict=True)]
    return act_score(rows, act)


def compare(
    act: str, read: Sequence[tuple[external.Utterance, frozenset[str]]], readings: Readings
) -> Audit:
    """Score the wizard's labels and the reader's readings of the same turns against the guide's."""
    keys = [u.key for u, _ in read]
    missing, extra = sorted(set(keys) - set(readings)), sorted(set(readings) - set(keys))
    if missing or extra:
        raise Malformed(
            f"the {act} audit does not cover the turns read: {len(missing)} turns without "
            f"readings {missing[:3]}, {len(extra)} readings without a turn {extra[:3]}"
        )
    a = [readings[k][0] for k in keys]
    b = [readings[k][1] for k in keys]
    agreed = [k for k in range(len(keys)) if a[k] == b[k]]
    guide = [a[k] for k in agreed]
    return Audit(
        act=act,
        turns=len(keys),
        agreed=len(agreed),
        between=_score(act, a, b),
        kappa=float(cohen_kappa_score(a, b)),
        wizard=_score(act, guide, [act in read[k][0].acts for k in agreed]),
        reader=_score(act, guide, [act in read[k][1] for k in agreed]),
    )


def markdown(audits: Sequence[Audit]) -> str:
    """The audits as one table, a row per act."""

    def prf(score: ActScore) -> str:
        return f"{score.precision:.3f} / {score.recall:.3f} / **{score.f1:.3f}**"

    turns = audits[0].turns if audits else 0
    out = [
        f"**Negochat train, read by the guide** ({turns} turns; the guide's reading is the "
        "turns on which labellings A and B agree)",
        "",
        "| act | A and B agree on | B against A: F1 (kappa) | the wizard against the guide: "
        "precision / recall / F1 | the reader (out of fold) against the guide: precision / "
        "recall / F1 |",
        "|---|---:|---:|---:|---:|",
    ]
    for audit in audits:
        out.append(
            f"| {audit.act} | {audit.agreed} | {audit.between.f1:.3f} ({audit.kappa:.3f}) | "
            f"{prf(audit.wizard)} | {prf(audit.reader)} |"
        )
    return "\n".join(out)
