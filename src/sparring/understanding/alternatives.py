"""Group the values found in one turn into its alternative packages.

"Two engineers for eight weeks, or three for six, from November either way" holds
two packages that share a start; this module decides which value goes where.
Pure functions over the normalized text and the values the grammar found in it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from sparring.scenarios.model import OptionId

_ALTERNATIVE = re.compile(
    r"\b(?:or else|or|alternatively|otherwise|either)\b|\b(?:option|package) (?:\d|a|b|c)\b"
    r"|\bplan [ab]\b|\b(?:second|third)(?:ly)?(?=[,:])|(?:^|\s)\(?\d\)\s"
)
_STRONG_CUT = re.compile(r"\b(?:option|package|alternatively|plan [ab]|otherwise|second|third)\b")
_SHARED = re.compile(r"\b(?:either way|in both cases|in either case|for both|both with)\b")
_CLAUSE_END = re.compile(r"[,:;.]")
_SAME = re.compile(r"\b(?:the same|same (?:terms|package|thing|deal|again))\b")
# A unit-less number, but not the label of "option 2" or "plan 1".
_BARE_NUMBER = re.compile(r"(?<![\w.])(?<!option )(?<!plan )(\d+)(?![\w%]|\.\d)")
# A number without a unit is a value only where the sentence makes it one:
# "or three", "two for eight weeks", "three from November", "2 or 3 engineers", "for six".
_BARE_BEFORE = re.compile(r"\b(?:or|for|need|want|do|take|make it)\s+$")
_BARE_AFTER = re.compile(r"^\s+(?:for|from|starting|beginning)\b|^\s+or\s+\d")


@dataclass(frozen=True)
class Mention:
    """One issue value found in the text, absolute or relative ("one more engineer")."""

    issue: str
    option: OptionId | None
    start: int
    end: int
    delta: int = 0


Resolve = Callable[[str, int], OptionId | None]


def bare_values(
    text: str, span: tuple[int, int], taken: list[Mention], missing: list[str], resolve: Resolve
) -> list[Mention]:
    """Unit-less numbers in a span that stand for the quantity issues it lacks, in order."""
    found = []
    missing = list(missing)
    for match in _BARE_NUMBER.finditer(text, *span):
        if not missing or any(m.start <= match.start() < m.end for m in taken):
            continue
        before, after = text[max(0, match.start() - 10) : match.start()], text[match.end() :]
        if not (_BARE_BEFORE.search(before) or _BARE_AFTER.match(after)):
            continue
        for issue in missing:
            option = resolve(issue, int(match.group(1)))
            if option is not None:
                missing.remove(issue)
                found.append(Mention(issue, option, *match.span()))
                break
    return found


def segments(
    text: str, mentions: list[Mention], quantity_issues: list[str], resolve: Resolve
) -> list[list[Mention]]:
    """Cut the text at "or", "option 2", "alternatively"; each cut holding terms is one."""
    cuts = [0, *(m.start() for m in _ALTERNATIVE.finditer(text)), len(text)]
    spans = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    cut = [[m for m in mentions if a <= m.start < b] for a, b in spans]
    for span, segment in zip(spans, cut, strict=True):
        present = {m.issue for m in segment}
        missing = [issue for issue in quantity_issues if issue not in present]
        segment += bare_values(text, span, mentions, missing, resolve)
        segment.sort(key=lambda m: m.start)
    merged: list[list[Mention]] = []
    for segment in (s for s in cut if s):
        # A cut that repeats no issue of the one before continues it ("2 engineers, or so").
        if merged and not ({m.issue for m in segment} & {m.issue for m in merged[-1]}):
            between = text[merged[-1][-1].end : segment[0].start]
            if not _STRONG_CUT.search(between):
                merged[-1] = merged[-1] + segment
                continue
        merged.append(segment)
    return merged


def shared_terms(text: str, groups: list[list[Mention]]) -> list[Mention]:
    """Remove and return the values said once for every alternative."""
    if len(groups) < 2:
        return []
    shared: list[Mention] = []
    marker = _SHARED.search(text)
    if marker:
        # The clause around "either way" / "in both cases" applies to every package.
        starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, marker.start())]
        ends = [m.start() for m in _CLAUSE_END.finditer(text, marker.end())]
        low, high = (starts[-1] if starts else 0), (ends[0] if ends else len(text))
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
    """Give a one-value alternative ("or three") the other terms of its neighbour."""
    for index, group in enumerate(groups):
        if len(group) != 1:
            continue
        neighbours = [groups[i] for i in (index + 1, index - 1) if 0 <= i < len(groups)]
        for neighbour in neighbours:
            if len(neighbour) > 1 and group[0].issue in {m.issue for m in neighbour}:
                group += [replace(m, delta=0) for m in neighbour if m.issue != group[0].issue]
                break


def refers_to_previous(text: str, group: list[Mention]) -> bool:
    """Tell whether an alternative starts from the one before ("package two: the same, plus…")."""
    start = group[0].start if group else len(text)
    return bool(_SAME.search(text, max(0, start - 40), start + 1))
