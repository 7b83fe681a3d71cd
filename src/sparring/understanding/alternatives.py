"""Group the values found in one turn into its alternative packages.

"Two engineers for eight weeks, or three for six, from November either way" holds
two packages that share a start; this module decides which value goes where.
Pure functions over the normalized text and the values the grammar found in it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sparring.scenarios.model import OptionId

_ALTERNATIVE = re.compile(
    r"\b(?:or else|or|alternatively|otherwise|either(?! way| case))\b"
    r"|\b(?:option|package) (?:\d|a|b|c)\b"
    r"|\bplan [ab]\b|\b(?:second|third)(?:ly)?(?=[,:])|(?:^|\s)\(?\d\)\s"
)
# Labelled alternatives stand alone; one joined by "or" leaves out what it shares.
_STRONG_CUT = re.compile(
    r"\b(?:option|package|alternatively|plan [ab]|otherwise|second|third)\b|(?:^|\s)\(?\d\)\s"
)
_SHARED = re.compile(
    r"\b(?:either way|in both(?: cases)?|in either case|for both|both with|in each case)\b"
)
_CLAUSE_END = re.compile(r"[,:;.]|\s-\s")
_CLAUSE_BREAK = re.compile(r"[;.!?](?=\s)")
_SAME = re.compile(r"\b(?:the same|same (?:terms|package|thing|deal|again))\b")
# A unit-less number ("or three", "15%"), but not the label of "option 2" or "plan 1".
_BARE_NUMBER = re.compile(
    r"(?<![\w.])(?<!option )(?<!plan )"
    r"(?:(?P<num>\d+(?:\.\d+)?)(?P<pct>\s*%)?|(?<=with )(?P<none>none))"
    r"(?![\w%]|\.\d)"
)
# A number without a unit is a value only where the sentence makes it one:
# "or three", "two for eight weeks", "three from November", "2 or 3 engineers", "for six",
# "down to four", "eight would work".
_BARE_BEFORE = re.compile(
    r"\b(?:or|for|need|want|do|take|make it|either|(?:down|up|back|it|that) to)\s+$"
)
_BARE_AFTER = re.compile(
    r"^\s+(?:for|from|starting|beginning|would (?:work|do|be|help))\b|^\s+or\s+\d"
)
_FOR = re.compile(r"\bfor\s+$")
_PREPOSITION = re.compile(r"\s+(?:for|from|until|till|through|in|on|at|by|with|to|starting)\b")
# "not two, three", "not four contractors, two": the number that corrects a set-aside one.
_CORRECTING = re.compile(r"\bnot\s+(?:an?\s+)?[\d.]+%?(?:\s+[\w']+){0,2}\s*[,;:-]\s*(?:but\s+)?$")
# "one fewer", "two more": a change by an amount whose unit the sentence leaves out.
_BARE_RELATIVE = re.compile(r"^\s+(?P<rel>more|fewer|less)\b(?!\s+(?!and\b|but\b|then\b)[a-z])")
# A percentage that opens a clause ("Fifteen percent with a full year of grandfathering").
_CLAUSE_START = re.compile(r"(?:^|[,;:.!?])\s*$")
# "one engineer now and two more from November": terms given in steps, one package each.
_STEP = re.compile(r"\band\b(?:\s+then\b)?(?:\s+add\b)?")
# How many a later step adds when it leaves the unit out: "another", "a second", "two more".
_STEP_AMOUNT = re.compile(
    r"\s*(?:another(?:\s+(?P<another>\d+))?|an?\s+(?:second|third|fourth)|(?P<more>\d+)\s+more)"
    r"(?:\s+1)?\b"
)


@dataclass(frozen=True)
class Mention:
    """One issue value found in the text, absolute or relative ("one more engineer").

    `aside` marks a value named only to be set aside ("instead of November"); `bare`
    one read from a number without its unit ("or three").
    """

    issue: str
    option: OptionId | None
    start: int
    end: int
    delta: int = 0
    aside: bool = False
    bare: bool = False


Resolve = Callable[[str, int], OptionId | None]


@dataclass(frozen=True)
class Quantities:
    """The scenario's quantity issues, which of them count in percent, and how to read a number."""

    issues: list[str]
    percent: frozenset[str]
    resolve: Resolve
    # The sizes of an issue's larger units ("million" is 1000 of $K): "or 2.5" after
    # "two million" is 2.5 million.
    scales: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # The time words an issue's units start with ("months" of "months of grandfathering"):
    # "or 15% with six months" is six months of it when another alternative names it.
    heads: dict[str, frozenset[str]] = field(default_factory=dict)

    def value(self, issue: str, number: float) -> OptionId | None:
        """The option a unit-less number names: itself, or a fraction of a larger unit."""
        if number == int(number):
            return self.resolve(issue, int(number))
        for size in self.scales.get(issue, ()):
            if number * size == int(number * size):
                option = self.resolve(issue, int(number * size))
                if option is not None:
                    return option
        return None


def bare_values(
    text: str,
    span: tuple[int, int],
    taken: list[Mention],
    quantities: Quantities,
    elliptic: bool = False,
    prefer: frozenset[str] = frozenset(),
    alternatives: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Unit-less numbers in a span that stand for the quantity issues its clause lacks.

    In an `elliptic` alternative (one that lacks a quantity another alternative names)
    any such number counts, for the issues the other alternatives name first (`prefer`):
    "October 22 with four connectors, or November 12 with six". A number that corrects a
    set-aside one ("not four contractors, two") is of the same issue; one said with only
    "more" or "fewer" ("one fewer, but in July") changes the first quantity it fits. A
    number before a time word of an issue another alternative names (`alternatives`) is of
    that issue: "or 15% with six months".
    """
    found: list[Mention] = []
    clauses = [span[0], *(m.end() for m in _CLAUSE_BREAK.finditer(text, *span)), span[1]]
    for low, high in itertools.pairwise(sorted({span[0], *clauses})):
        named = {m.issue for m in taken if low <= m.start < high and not m.aside}
        missing = [issue for issue in quantities.issues if issue not in named]
        for match in _BARE_NUMBER.finditer(text, low, high):
            if not missing or any(m.start <= match.start() < m.end for m in taken):
                continue
            before, after = text[max(0, match.start() - 10) : match.start()], text[match.end() :]
            # "ask for 2 junior hires": the number counts the term named right after it.
            counting = _FOR.search(before) and not _PREPOSITION.match(after)
            if counting and any(0 < m.start - match.end() <= 1 for m in taken):
                continue
            none = match.group("none") is not None
            percent = bool(match.group("pct"))
            correcting = _CORRECTING.search(text, max(0, match.start() - 40), match.start())
            relative = None if percent else _BARE_RELATIVE.match(after)
            opening = percent and _CLAUSE_START.search(
                text, max(0, match.start() - 3), match.start()
            )
            context = _BARE_BEFORE.search(before) or _BARE_AFTER.match(after)
            unit = after.split(None, 1)[0].strip(",.;:") if after.strip() else ""
            timed = {i for i in alternatives if unit in quantities.heads.get(i, ())}
            if not (elliptic or context or none or correcting or relative or opening or timed):
                continue
            value = 0.0 if none else float(match.group("num"))
            first = set(prefer) | timed
            if correcting:
                first = {m.issue for m in taken if m.aside and correcting.start() <= m.start}
            order = sorted(missing, key=lambda issue: issue not in first)
            for issue in order:
                if relative and value == int(value):
                    sign = 1 if relative.group("rel") == "more" else -1
                    missing.remove(issue)
                    found.append(
                        Mention(issue, None, *match.span(), delta=sign * int(value), bare=True)
                    )
                    break
                option = quantities.value(issue, value)
                if percent == (issue in quantities.percent) and option is not None:
                    missing.remove(issue)
                    found.append(Mention(issue, option, *match.span(), bare=True))
                    break
    return found


def segments(text: str, mentions: list[Mention], quantities: Quantities) -> list[list[Mention]]:
    """Cut the text at "or", "option 2", "alternatively"; each cut holding terms is one."""
    cuts = [0, *(m.start() for m in _ALTERNATIVE.finditer(text)), len(text)]
    spans = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    cut = [[m for m in mentions if a <= m.start < b] for a, b in spans]
    named = [{m.issue for m in segment if not m.aside} for segment in cut]
    for index, (span, segment) in enumerate(zip(spans, cut, strict=True)):
        others = set().union(*(n for i, n in enumerate(named) if i != index))
        lacking = {issue for issue in quantities.issues if issue not in named[index]}
        elliptic = bool(named[index]) and bool(lacking & others)
        prefer = frozenset(others - named[index]) if elliptic else frozenset()
        alternatives = frozenset(others - named[index])
        segment += bare_values(text, span, mentions, quantities, elliptic, prefer, alternatives)
        segment.sort(key=lambda m: m.start)
    merged: list[list[Mention]] = []
    for segment in (s for s in ([m for m in c if not m.aside] for c in cut) if s):
        # A cut that repeats no issue of the one before continues it ("2 engineers, or so").
        if merged and not ({m.issue for m in segment} & {m.issue for m in merged[-1]}):
            between = text[merged[-1][-1].end : segment[0].start]
            if not _STRONG_CUT.search(between):
                merged[-1] = merged[-1] + segment
                continue
        merged.append(segment)
    return [step for segment in merged for step in steps(text, segment, quantities)]


def steps(text: str, group: list[Mention], quantities: Quantities) -> list[list[Mention]]:
    """Cut a group at each "and" that starts a new step of the same terms.

    "One engineer now and two more from November" and "one engineer mid-October and another
    in November" are two packages: after the "and" come a new amount of a quantity named
    before it ("two more", "another", "a second one": the step's own amount) and a new
    value of another issue named before it.
    """
    for match in _STEP.finditer(text, group[0].end if group else 0):
        left = [m for m in group if m.end <= match.start()]
        right = [m for m in group if m.start >= match.end()]
        amounts = [m for m in left if m.issue in quantities.issues]
        if not left or not right or not amounts:
            continue
        issue = amounts[-1].issue
        # An issue named on both sides with a new value: "now ... from November".
        before = {(m.issue, m.option) for m in left}
        changed = {m.issue for m in right if m.issue != issue and (m.issue, m.option) not in before}
        if not changed & {m.issue for m in left}:
            continue
        step = _step_amount(text, match.end(), right, issue, quantities)
        if step is None:
            continue
        rest = [m for m in right if not (m.issue == issue and m.start < step.end)]
        return [left, *steps(text, sorted([step, *rest], key=lambda m: m.start), quantities)]
    return [group]


def _step_amount(
    text: str, start: int, right: list[Mention], issue: str, quantities: Quantities
) -> Mention | None:
    """The amount a step adds, said on its own: "two more", "another", "a second engineer"."""
    said = _STEP_AMOUNT.match(text, start)
    if said:
        count = int(said.group("another") or said.group("more") or 1)
        return Mention(issue, quantities.resolve(issue, count), *said.span())
    first = next((m for m in right if m.issue in quantities.issues), None)
    if first is None or first.issue != issue:
        return None
    if first.delta:  # "another engineer", "two more engineers": that many
        return replace(first, option=quantities.resolve(issue, abs(first.delta)), delta=0)
    return first


def shared_terms(text: str, groups: list[list[Mention]]) -> list[Mention]:
    """Remove and return the values said once for every alternative."""
    if len(groups) < 2:
        return []
    shared: list[Mention] = []
    marker = _SHARED.search(text)
    if marker:
        # The clause around "either way" / "in both cases" applies to every package.
        starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, marker.start())]
        ends = list(_CLAUSE_END.finditer(text, marker.end()))
        low, high = (starts[-1] if starts else 0), (ends[0].start() if ends else len(text))
        alone = not text[low : marker.start()].strip() and not text[marker.end() : high].strip()
        if alone and ends and ends[0].group() == ":":
            # "In both cases: a four-hour response, the top bugs fixed, …": the list it opens.
            close = _CLAUSE_BREAK.search(text, ends[0].end())
            low, high = ends[0].end(), (close.start() if close else len(text))
        elif alone and ends:
            # "Our paper or theirs - either way, ten business days": the clause after it.
            low, high = ends[0].end(), (ends[1].start() if len(ends) > 1 else len(text))
        shared = [m for g in groups for m in g if low <= m.start < high]
        for group in groups:
            group[:] = [m for m in group if m not in shared]
    later = {m.issue for group in groups[1:] for m in group}
    prefix = list(itertools.takewhile(lambda m: m.issue not in later, groups[0]))
    if len(prefix) < len(groups[0]):  # "From November, either two for eight or three for six"
        shared += prefix
        groups[0] = groups[0][len(prefix) :]
    return shared


def complete_ellipses(groups: list[list[Mention]]) -> None:
    """Give a one-value alternative ("or three", "2 or 3 engineers") its neighbour's other terms.

    It borrows from the alternative after it only around a bare number ("2 or 3 engineers
    for six weeks", "two engineers or three, for six weeks"); "same-day response or a
    four-hour one at 20% more" keeps the first alone.
    """
    for index, group in enumerate(groups):
        if len(group) != 1:
            continue
        following = groups[index + 1] if index + 1 < len(groups) else []
        bare = group[0].bare or any(m.bare and m.issue == group[0].issue for m in following)
        after = [index + 1] if bare else []
        neighbours = [groups[i] for i in (*after, index - 1) if 0 <= i < len(groups)]
        for neighbour in neighbours:
            if len(neighbour) > 1 and group[0].issue in {m.issue for m in neighbour}:
                group += [replace(m, delta=0) for m in neighbour if m.issue != group[0].issue]
                break


def continues(text: str, previous: list[Mention], group: list[Mention]) -> bool:
    """Tell whether an alternative starts from the one before it.

    "Package two: the same, plus…" does; so does one joined by a plain "or", which leaves
    out what it shares ("two for six weeks from November, or three for four"). A labelled
    one ("Option 2: …") stands alone.
    """
    start = group[0].start if group else len(text)
    if _SAME.search(text, max(0, start - 40), start + 1):
        return True
    end = previous[-1].end if previous else 0
    return not _STRONG_CUT.search(text, end, start)
