"""An author's mistakes that the schema alone cannot see, each with its location."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from sparring.scenarios.analysis import Economics
from sparring.scenarios.model import OptionId, Scenario
from sparring.scenarios.problems import LineFinder, Path, Problem

CLOSE_OUTCOMES = ("agreement", "escalated", "walked_away", "no_agreement")
PUSH_BACK_EXTRA = ("pressure", "warning", "default")
MAX_TRUST = 1.0


def _duplicates(values: list[OptionId]) -> list[OptionId]:
    return [value for value, count in Counter(values).items() if count > 1]


def _check_issues(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    parties = scenario.parties
    for dup in _duplicates([i.id for i in scenario.issues]):
        yield ("issues",), f"issue id '{dup}' is used twice"
    for i, issue in enumerate(scenario.issues):
        at: Path = ("issues", i)
        ids = [o.id for o in issue.options]
        for dup in _duplicates(ids):
            yield (*at, "options"), f"option id {dup!r} is used twice in issue '{issue.id}'"
        if issue.default not in ids:
            yield (*at, "default"), f"default {issue.default!r} is not an option of '{issue.id}'"
        if issue.quantity is not None and not all(isinstance(x, int) for x in ids):
            yield (*at, "options"), f"'{issue.id}' is a quantity, so its option ids must be numbers"
        for j, option in enumerate(issue.options):
            for party in parties:
                if party not in option.points:
                    yield (
                        (*at, "options", j, "points"),
                        (f"option {option.id!r} of '{issue.id}' has no points for '{party}'"),
                    )
            for party in option.points:
                if party not in parties:
                    yield (*at, "options", j, "points", party), f"unknown party '{party}'"


def _option_problem(scenario: Scenario, issue_id: str, options: list[OptionId]) -> str | None:
    try:
        issue = scenario.issue(issue_id)
    except KeyError:
        return f"unknown issue id '{issue_id}'"
    known = [o.id for o in issue.options]
    missing = [o for o in options if o not in known]
    if missing:
        return f"'{issue_id}' has no option {missing[0]!r} (its options: {known})"
    return None


def _check_feasibility(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    for r, rule in enumerate(scenario.feasibility):
        for issue_id, wanted in rule.when.items():
            problem = _option_problem(
                scenario, issue_id, wanted if isinstance(wanted, list) else [wanted]
            )
            if problem:
                yield ("feasibility", r, "when", issue_id), problem
        for q, req in enumerate(rule.require):
            at: Path = ("feasibility", r, "require", q)
            for issue_id in req.product or []:
                problem = _option_problem(scenario, issue_id, [])
                if problem:
                    yield (*at, "product"), problem
                elif not all(isinstance(o.id, int) for o in scenario.issue(issue_id).options):
                    yield (*at, "product"), f"'{issue_id}' has options that are not numbers"
            if req.issue is not None:
                problem = _option_problem(
                    scenario, req.issue, [*(req.in_ or []), *(req.not_in or [])]
                )
                if problem:
                    yield (*at, "issue"), problem


def _check_counterparts(scenario: Scenario) -> Iterator[tuple[Path, str]]:
    issue_ids = {i.id for i in scenario.issues}
    for dup in _duplicates([c.id for c in scenario.counterparts]):
        yield ("counterparts",), f"counterpart id '{dup}' is used twice"
    max_gate_shift = max(d.gate_shift for d in scenario.difficulties.values())
    for c, counterpart in enumerate(scenario.counterparts):
        at: Path = ("counterparts", c)
        if counterpart.id == "learner":
            yield (*at, "id"), "'learner' is the learner's party id; choose another"
        for dup in _duplicates([k.id for k in counterpart.constraints]):
            yield (*at, "constraints"), f"constraint id '{dup}' is used twice"
        for k, constraint in enumerate(counterpart.constraints):
            where: Path = (*at, "constraints", k)
            if not constraint.topics:
                yield (
                    (*where, "topics"),
                    (f"constraint '{constraint.id}' has no topics, so nobody can ever reveal it"),
                )
            if constraint.gate + max_gate_shift > MAX_TRUST:
                yield (
                    (*where, "gate"),
                    (
                        f"constraint '{constraint.id}' needs trust {constraint.gate + max_gate_shift:.2f}"
                        f" at the hardest difficulty, above the maximum {MAX_TRUST}: "
                        "nobody can ever reveal it"
                    ),
                )
            if not constraint.lines:
                yield (*where, "lines"), f"constraint '{constraint.id}' has no lines to reveal it"
            for issue_id, options in constraint.accommodated_by.items():
                problem = _option_problem(scenario, issue_id, options)
                if problem:
                    yield (*where, "accommodated_by", issue_id), problem
        yield from _check_lines(counterpart.lines.model_dump(), (*at, "lines"), issue_ids)
        if len(scenario.counterparts) > 1 and not counterpart.lines.support:
            yield (
                (*at, "lines", "support"),
                ("with several counterparts, each needs 'support' lines (with {package})"),
            )
        if counterpart.opening_offer is not None:
            for issue_id, option in counterpart.opening_offer.items():
                problem = _option_problem(scenario, issue_id, [option])
                if problem:
                    yield (*at, "opening_offer", issue_id), problem
            if not all("{package}" in line for line in counterpart.lines.opening):
                yield (
                    (*at, "lines", "opening"),
                    ("with an opening offer, every opening line must say it: include {package}"),
                )
    constraint_ids = {k.id for cp in scenario.counterparts for k in cp.constraints}
    for i, issue in enumerate(scenario.issues):
        for constraint_id in issue.surfaced_by:
            if constraint_id not in constraint_ids:
                yield ("issues", i, "surfaced_by"), f"unknown constraint id '{constraint_id}'"


def _check_lines(
    lines: dict[str, object], at: Path, issue_ids: set[str]
) -> Iterator[tuple[Path, str]]:
    for move, variants in lines.items():
        if isinstance(variants, list) and not variants and move != "support":
            yield (*at, move), f"'{move}' needs at least one line"
    for move in ("counter", "accept", "support"):
        variants = lines[move]
        assert isinstance(variants, list)
        for v, line in enumerate(variants):
            if "{package}" not in str(line):
                yield (*at, move, v), f"a '{move}' line must say the terms: include {{package}}"
    close = lines["close"]
    assert isinstance(close, dict)
    for outcome in CLOSE_OUTCOMES:
        if not close.get(outcome):
            yield (*at, "close"), f"no closing line for the outcome '{outcome}'"
    push_back = lines["push_back"]
    assert isinstance(push_back, dict)
    for key, variants in push_back.items():
        if key not in issue_ids and key not in PUSH_BACK_EXTRA:
            yield (*at, "push_back", key), f"unknown issue id '{key}'"
        elif not variants:
            yield (*at, "push_back", key), f"'{key}' needs at least one line"


def _check_economics(scenario: Scenario, difficulty: str | None) -> Iterator[tuple[Path, str]]:
    names = [difficulty] if difficulty else list(scenario.difficulties)
    for name in names:
        economics = Economics(scenario, scenario.difficulty(name))
        if not economics.zopa:
            yield (
                ("difficulties", name),
                (
                    f"the ZOPA is empty at '{name}': no package is feasible for the learner "
                    "and acceptable to every counterpart"
                ),
            )


def lint(scenario: Scenario, text: str = "", difficulty: str | None = None) -> list[Problem]:
    """Return every problem of a validated scenario, located in its source text."""
    lines = LineFinder(text)
    structural = [
        *_check_issues(scenario),
        *_check_feasibility(scenario),
        *_check_counterparts(scenario),
    ]
    found = structural or list(_check_economics(scenario, difficulty))
    return [Problem(path, message, lines.line(path)) for path, message in found]
