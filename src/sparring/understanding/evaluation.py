"""Measure an understander against labelled utterances: per-act scores, sets, offers.

Pure functions over predictions and labels; reading files and printing live elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from sparring.scenarios.model import Scenario
from sparring.understanding.corpus import Item, Package
from sparring.understanding.types import LEARNER_ACTS, Context, Table, Understander

RESAMPLES = 1000  # bootstrap resamples behind each 95% interval (seeded: same figures every run)


@dataclass(frozen=True)
class Labelled:
    """Gold and predicted readings of one utterance."""

    text: str
    gold: frozenset[str]
    predicted: frozenset[str]
    offers_labelled: bool = False
    offers_match: bool = False
    has_terms: bool = False


@dataclass(frozen=True)
class ActScore:
    """Precision, recall and F1 of one act, with how many utterances carry it."""

    precision: float
    recall: float
    f1: float
    support: int
    scored: int = 0  # utterances the act was scored over
    interval: tuple[float, float] | None = None  # 95% bootstrap interval of the F1

    def as_dict(self) -> dict[str, Any]:
        """The score as JSON-ready numbers."""
        found: dict[str, Any] = {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
            "support": self.support,
            "scored": self.scored,
        }
        if self.interval is not None:
            found["f1_interval"] = _rounded(self.interval)
        return found


@dataclass(frozen=True)
class Report:
    """Everything `sparring eval understanding` prints for one dataset."""

    name: str
    items: int
    acts: dict[str, ActScore]
    macro_f1: float
    exact_set: float
    confusions: list[tuple[str, str, int]]
    offers: dict[str, float | int] = field(default_factory=dict)
    misses: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # act -> the dataset's own label
    # act -> its score over the turns whose labels settle it the guide's way (external sets)
    settled: dict[str, ActScore] = field(default_factory=dict)
    macro_interval: tuple[float, float] | None = None  # 95% bootstrap interval of macro-F1

    def as_dict(self) -> dict[str, Any]:
        """The report as a JSON object."""
        return {
            "dataset": self.name,
            "items": self.items,
            "source_labels": self.sources,
            "acts": {act: score.as_dict() for act, score in self.acts.items()},
            "acts_where_settled": {act: score.as_dict() for act, score in self.settled.items()},
            "macro_f1": round(self.macro_f1, 3),
            "macro_f1_interval": _rounded(self.macro_interval),
            "exact_set_accuracy": round(self.exact_set, 3),
            "offers": self.offers,
            "confusions": [
                {"gold": gold, "predicted": predicted, "count": count}
                for gold, predicted, count in self.confusions
            ],
        }


def _rounded(interval: tuple[float, float] | None) -> list[float] | None:
    return [round(bound, 3) for bound in interval] if interval is not None else None


def _span(interval: tuple[float, float] | None) -> str:
    return f"[{interval[0]:.2f}, {interval[1]:.2f}]" if interval is not None else "-"


def markdown(result: Report, model: str) -> str:
    """The report as Markdown: what `sparring eval understanding` prints and the docs quote."""
    out = [f"**{result.name}**: {result.items} utterances, classifier `{model}`", ""]
    header = "| act | precision | recall | F1 | F1, 95% interval | support |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if result.settled:
        header += " F1 where settled | turns settled |"
        rule += "---:|---:|"
    out += [header, rule]
    for act, score in result.acts.items():
        label = f"{act} ({result.sources[act]})" if act in result.sources else act
        line = (
            f"| {label} | {score.precision:.3f} | {score.recall:.3f} | {score.f1:.3f} "
            f"| {_span(score.interval)} | {score.support} |"
        )
        if act in result.settled:
            agreed = result.settled[act]
            line += f" {agreed.f1:.3f} | {agreed.scored} |"
        out.append(line)
    out += [
        "",
        f"- macro-F1: {result.macro_f1:.3f} (95% interval {_span(result.macro_interval)})",
        f"- exact-set accuracy: {result.exact_set:.3f}",
    ]
    if result.offers:
        offers = result.offers
        out.append(
            f"- offer exact-match: {offers['exact_match']:.3f} over {offers['items']} scenario "
            f"utterances; {offers['exact_match_with_terms']:.3f} over the "
            f"{offers['items_with_terms']} that name terms or had terms read into them"
        )
    if result.confusions:
        pairs = ", ".join(f"{g} → {p} ({n})" for g, p, n in result.confusions[:5])
        out.append(f"- most confused (gold → read as): {pairs}")
    return "\n".join(out) + "\n"


def act_score(rows: Sequence[Labelled], act: str) -> ActScore:
    """Score one act over every utterance."""
    tp = sum(1 for r in rows if act in r.gold and act in r.predicted)
    fp = sum(1 for r in rows if act not in r.gold and act in r.predicted)
    fn = sum(1 for r in rows if act in r.gold and act not in r.predicted)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return ActScore(precision, recall, f1, tp + fn, len(rows))


def confusions(rows: Iterable[Labelled], top: int = 8) -> list[tuple[str, str, int]]:
    """The (gold act missed, act predicted instead) pairs seen most often."""
    pairs: Counter[tuple[str, str]] = Counter()
    for row in rows:
        missed, extra = row.gold - row.predicted, row.predicted - row.gold
        for gold in missed or {"(none)"}:
            for predicted in extra or ({"(none)"} if missed else set()):
                pairs[(gold, predicted)] += 1
    ordered = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(gold, predicted, count) for (gold, predicted), count in ordered[:top]]


def intervals(
    rows: Sequence[Labelled], acts: Sequence[str]
) -> tuple[dict[str, tuple[float, float]], tuple[float, float]] | None:
    """95% intervals of each act's F1 and of their macro-F1, by resampling the utterances.

    Each of RESAMPLES draws takes as many utterances as there are, with replacement, from
    a generator seeded at 0, so the same readings always give the same intervals. Macro-F1
    averages the acts with support in the whole set, as `report` does.
    """
    if not rows or not acts:
        return None
    gold = np.array([[act in r.gold for act in acts] for r in rows])
    read = np.array([[act in r.predicted for act in acts] for r in rows])
    draws = np.random.default_rng(0).integers(0, len(rows), size=(RESAMPLES, len(rows)))
    tp = (gold & read)[draws].sum(axis=1)
    wrong = (gold ^ read)[draws].sum(axis=1)  # false positives plus false negatives
    f1 = 2 * tp / np.maximum(2 * tp + wrong, 1)
    low, high = np.percentile(f1, [2.5, 97.5], axis=0)
    supported = gold.any(axis=0)
    macro = f1[:, supported].mean(axis=1) if supported.any() else np.zeros(RESAMPLES)
    bounds = np.percentile(macro, [2.5, 97.5])
    per_act = {act: (float(low[k]), float(high[k])) for k, act in enumerate(acts)}
    return per_act, (float(bounds[0]), float(bounds[1]))


def report(name: str, rows: Sequence[Labelled], acts: Sequence[str] = LEARNER_ACTS) -> Report:
    """Summarize predictions over the given acts (the ten learner acts by default)."""
    scores = {act: act_score(rows, act) for act in acts}
    spread = intervals(rows, acts)
    if spread is not None:
        scores = {act: replace(score, interval=spread[0][act]) for act, score in scores.items()}
    scored = [s.f1 for s in scores.values() if s.support]
    exact = sum(1 for r in rows if r.gold == r.predicted) / len(rows) if rows else 0.0
    offers: dict[str, float | int] = {}
    labelled = [r for r in rows if r.offers_labelled]
    if labelled:
        with_terms = [r for r in labelled if r.has_terms]
        offers = {
            "items": len(labelled),
            "exact_match": round(sum(r.offers_match for r in labelled) / len(labelled), 3),
            "items_with_terms": len(with_terms),
            "exact_match_with_terms": round(
                sum(r.offers_match for r in with_terms) / len(with_terms), 3
            )
            if with_terms
            else 0.0,
        }
    misses = [
        {"text": r.text, "gold": sorted(r.gold), "predicted": sorted(r.predicted)}
        for r in rows
        if r.gold != r.predicted or (r.offers_labelled and not r.offers_match)
    ]
    return Report(
        name=name,
        items=len(rows),
        acts=scores,
        macro_f1=sum(scored) / len(scored) if scored else 0.0,
        exact_set=exact,
        confusions=confusions(rows),
        offers=offers,
        misses=misses,
        macro_interval=spread[1] if spread is not None else None,
    )


def _same_packages(a: Iterable[Mapping[str, Any]], b: Iterable[Mapping[str, Any]]) -> bool:
    def key(packages: Iterable[Mapping[str, Any]]) -> list[str]:
        return sorted(repr(sorted(p.items())) for p in packages)

    return key(a) == key(b)


def read_item(reader: Understander, item: Item, scenarios: Mapping[str, Scenario]) -> Labelled:
    """Read one corpus item in its context and compare with its labels."""
    scenario = scenarios[item.scenario] if item.scenario else None
    parsed = reader.parse(item.text, Context(scenario, item.table or Table()))
    labelled = item.offers is not None
    gold_offers: tuple[Package, ...] = item.offers or ()
    match = labelled and (
        _same_packages(parsed.offers, gold_offers) and (parsed.accepts or None) == item.accepts
    )
    has_terms = bool(gold_offers or item.accepts or parsed.offers or parsed.accepts)
    return Labelled(
        text=item.text,
        gold=frozenset(item.acts),
        predicted=frozenset(parsed.acts),
        offers_labelled=labelled,
        offers_match=bool(match),
        has_terms=has_terms,
    )
