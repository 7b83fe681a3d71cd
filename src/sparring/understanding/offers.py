"""Offer grammar over a scenario's vocabulary: quantities, dates, scope words, alternatives."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from sparring.scenarios.model import Issue, OptionId, Scenario
from sparring.understanding.text import normalize, phrase_pattern

_QUANTITY_WORD = {"a": 1, "an": 1, "single": 1, "another": 1, "no": 0}
_MODIFIERS = (
    r"(?:(?:full time|senior|junior|dedicated|backend|frontend|front end|back end|good|strong|"
    r"experienced|extra|additional|solid|whole|full|of (?:my|your|the|our|their))\s+){0,2}"
)
_NUMBER = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?|an?|single|another|no)"
_RELATIVE = r"(?:(?P<rel>more|extra|additional|fewer|less)\s+)?"
_ALTERNATIVE = re.compile(
    r"\b(?:or else|or|alternatively|otherwise|either)\b|\boption (?:\d|a|b|c)\b|\bplan [ab]\b"
    r"|(?:^|\s)\(?\d\)\s"
)
_SHARED_AFTER = re.compile(r"\b(?:either way|in both cases|in either case|for both|both with)\b")
_EDIT = re.compile(
    r"\b(?:make it|instead|how about|what about|what if|could we do|can we do|bump|change|"
    r"switch|same but|but with|up it|drop it to|same terms|your offer|"
    r"your proposal|what you offered)\b"
)
# A unit-less number, but not the label of "option 2" or "plan 1".
_BARE_NUMBER = re.compile(r"(?<![\w.])(?<!option )(?<!plan )(\d+)(?![\w.%])")


def _union(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(phrase_pattern(p) for p in phrases))


@dataclass(frozen=True)
class Mention:
    """One issue value found in the text, absolute or relative ("one more engineer")."""

    issue: str
    option: OptionId | None
    start: int
    end: int
    delta: int = 0


@dataclass(frozen=True)
class _Phrase:
    issue: str
    option: OptionId
    pattern: re.Pattern[str]
    length: int


class OfferGrammar:
    """Find packages in a learner's words, using one scenario's issues and options."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._quantities = [
            (issue, self._quantity_patterns(issue)) for issue in scenario.issues if issue.quantity
        ]
        phrases = [
            _Phrase(issue.id, option.id, re.compile(phrase_pattern(p) + r"(?!\s*\d)"), len(p))
            for issue in scenario.issues
            for option in issue.options
            for p in option.phrases
        ]
        self._phrases = sorted(phrases, key=lambda p: -p.length)
        self._quantity_issues = [issue for issue, _ in self._quantities]
        constraints = [k for c in scenario.counterparts for k in c.constraints]
        self._topics = [(k.id, _union(k.topics)) for k in constraints if k.topics]
        self._echoes = [(k.id, _union(k.reflect)) for k in constraints if k.reflect]

    def topics(self, text: str) -> tuple[str, ...]:
        """Constraint ids whose topics the text touches ("how is on-call holding up?")."""
        normalized = normalize(text)
        return tuple(cid for cid, pattern in self._topics if pattern.search(normalized))

    def echoes(self, text: str) -> tuple[str, ...]:
        """Constraint ids whose facts the text restates ("the migration lands Oct 31")."""
        normalized = normalize(text)
        return tuple(cid for cid, pattern in self._echoes if pattern.search(normalized))

    @staticmethod
    def _quantity_patterns(issue: Issue) -> list[tuple[re.Pattern[str], int]]:
        assert issue.quantity is not None
        patterns = []
        groups = [(issue.quantity.units, 1)] + [
            ([unit], size) for unit, size in issue.quantity.per.items()
        ]
        for units, size in groups:
            alternatives = "|".join(
                re.escape(normalize(u)) for u in sorted(units, key=len, reverse=True)
            )
            regex = rf"\b{_NUMBER}\s*{_RELATIVE}{_MODIFIERS}(?P<unit>{alternatives})(?![\w'])"
            patterns.append((re.compile(regex), size))
        return patterns

    def mentions(self, normalized: str) -> list[Mention]:
        """Return the issue values in normalized text, in reading order, without overlaps."""
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= a or start >= b for a, b in taken)

        for issue, patterns in self._quantities:
            for pattern, size in patterns:
                for match in pattern.finditer(normalized):
                    if not free(*match.span()):
                        continue
                    raw = match.group("num")
                    amount = float(_QUANTITY_WORD.get(raw, 0) if not raw[0].isdigit() else raw)
                    value = amount * size
                    relative = match.group("rel") or ("more" if raw == "another" else None)
                    sign = -1 if relative in ("fewer", "less") else 1
                    if value != int(value):
                        continue
                    taken.append(match.span())
                    found.append(
                        Mention(
                            issue.id,
                            self._option(issue, int(value)),
                            *match.span(),
                            delta=sign * int(value) if relative else 0,
                        )
                    )
        for phrase in self._phrases:
            for match in phrase.pattern.finditer(normalized):
                if free(*match.span()):
                    taken.append(match.span())
                    found.append(Mention(phrase.issue, phrase.option, *match.span()))
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _option(issue: Issue, value: int) -> OptionId | None:
        return value if any(o.id == value for o in issue.options) else None

    def has_terms(self, sentence: str) -> bool:
        """Tell whether a sentence names any option of the scenario."""
        return any(m.option is not None or m.delta for m in self.mentions(normalize(sentence)))

    def packages(self, text: str, latest: dict[str, OptionId] | None) -> list[dict[str, OptionId]]:
        """Return the alternative packages of a turn; `latest` is the package on the table."""
        normalized = normalize(text)
        mentions = self.mentions(normalized)
        if not mentions:
            return []
        segments = self._segments(normalized, mentions)
        shared_after = _SHARED_AFTER.search(normalized)
        shared: list[Mention] = []
        if shared_after and len(segments) > 1:
            shared = [m for m in segments[-1] if m.start > shared_after.start()]
            segments[-1] = [m for m in segments[-1] if m.start <= shared_after.start()]
        if len(segments) > 1:
            later = {m.issue for seg in segments[1:] for m in seg}
            prefix = []
            for mention in segments[0]:
                if mention.issue in later:
                    break
                prefix.append(mention)
            if len(prefix) < len(segments[0]):
                shared += prefix
                segments[0] = segments[0][len(prefix) :]
        relative = any(m.delta for m in mentions)
        editing = latest is not None and (relative or bool(_EDIT.search(normalized)))
        packages = []
        for segment in segments:
            package = self._package(segment + shared, latest if editing else None)
            if package and package not in packages:
                packages.append(package)
        return packages

    def _segments(self, normalized: str, mentions: list[Mention]) -> list[list[Mention]]:
        """Cut the text at "or", "alternatively", "option 2"; each cut holding terms is one."""
        cuts = [0, *(m.start() for m in _ALTERNATIVE.finditer(normalized)), len(normalized)]
        spans = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
        segments = [[m for m in mentions if a <= m.start < b] for a, b in spans]
        present = {m.issue for m in mentions}
        taken = [(m.start, m.end) for m in mentions]
        for (a, b), segment in zip(spans, segments, strict=True):
            if len(spans) < 2 or not any(segments):
                continue
            # A unit-less number ("or three for four weeks") takes the unit its sibling used.
            missing = [
                issue
                for issue in self._quantity_issues
                if issue.id in present and all(m.issue != issue.id for m in segment)
            ]
            for match in _BARE_NUMBER.finditer(normalized, a, b):
                # In a cut without terms, only "2" in "2 or 3 engineers" is a value.
                lone = not segment and not re.match(r"\s*or\b", normalized[match.end() :])
                if missing and not lone and not any(x <= match.start() < y for x, y in taken):
                    issue = missing.pop(0)
                    option = self._option(issue, int(match.group(1)))
                    segment.append(Mention(issue.id, option, *match.span()))
            segment.sort(key=lambda m: m.start)
        merged: list[list[Mention]] = []
        for segment in (s for s in segments if s):
            # A cut that repeats no issue of the one before continues it ("2 engineers, or so").
            if merged and not ({m.issue for m in segment} & {m.issue for m in merged[-1]}):
                between = normalized[merged[-1][-1].end : segment[0].start]
                if not re.search(r"\b(?:option|alternatively|plan [ab]|otherwise)\b", between):
                    merged[-1] = merged[-1] + segment
                    continue
            merged.append(segment)
        return merged

    def _package(
        self, mentions: list[Mention], latest: dict[str, OptionId] | None
    ) -> dict[str, OptionId]:
        package: dict[str, OptionId] = dict(latest or {})
        for mention in mentions:
            if mention.delta and latest is not None:
                base = latest.get(mention.issue)
                if isinstance(base, int):
                    value = self._option(self.scenario.issue(mention.issue), base + mention.delta)
                    if value is not None:
                        package[mention.issue] = value
                continue
            if mention.option is not None:
                package[mention.issue] = mention.option
        order = [issue.id for issue in self.scenario.issues]
        return {issue: package[issue] for issue in order if issue in package}


_GRAMMARS: dict[int, tuple[Scenario, OfferGrammar]] = {}


def grammar_for(scenario: Scenario) -> OfferGrammar:
    """Return the compiled grammar of a scenario (compiled once per scenario object)."""
    cached = _GRAMMARS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        cached = (scenario, OfferGrammar(scenario))
        _GRAMMARS[id(scenario)] = cached
    return cached[1]
