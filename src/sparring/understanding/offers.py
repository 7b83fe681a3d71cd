"""Offer grammar over a scenario's vocabulary: quantities, dates, scope words, alternatives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sparring.scenarios.model import Issue, OptionId, Scenario
from sparring.understanding.alternatives import (
    Mention,
    complete_ellipses,
    refers_to_previous,
    segments,
    shared_terms,
)
from sparring.understanding.text import normalize, phrase_pattern, sentences

_QUANTITY_WORD = {
    "a": 1, "an": 1, "single": 1, "another": 1, "no": 0,
    "a second": 2, "a third": 3, "a fourth": 4,
}  # fmt: skip
_MODIFIERS = (
    r"(?:(?:full time|senior|junior|dedicated|backend|frontend|front end|back end|good|strong|"
    r"experienced|extra|additional|solid|whole|full|(?:of )?(?:my|your|the|our|their|those))\s+)"
    r"{0,2}"
)
_NUMBER = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?|a (?:second|third|fourth)|an?|single|another|no)"
_RELATIVE = r"(?:(?P<rel>more|extra|additional|fewer|less)\s+)?"
_EDIT = re.compile(
    r"\b(?:make it|instead|how about|what about|what if|could we do|can we do|bump|change|"
    r"switch|same but|but with|up it|drop it to|drop to|go (?:up|down) to|"
    r"same terms|same thing|same deal|same package|the same|to that|on top of that|keep it at|"
    r"stretch it to|(?:drop|push|move|bring) (?:the start|it) to|your offer|"
    r"your proposal|what you offered)\b"
)
# Questions about their numbers name terms without offering them.
_INFO_QUESTION = re.compile(
    r"^(?:so,? |and |but |ok,? |okay,? |out of curiosity,? |roughly,? )?"
    r"(?:how (?:many|much|long)|how would|what (?:does|did)|what would [\w\s]{0,40}?"
    r"\b(?:mean|cost|change|do to)|if \w+ [^?]*, how)\b"
)
# "add an engineer" changes the package on the table by one.
_ADDING = re.compile(r"\b(?:add|adding|plus)\s+$")
# "instead of November", "can't do four weeks": named, but not offered.
_NOT_OFFERED = re.compile(r"\b(?:instead of|rather than)\s+$")
# "I can't give up the dashboard" names the other option of a two-way issue.
_NEGATED = re.compile(
    r"\b(?:not|never|can't|cannot|won't|don't|wouldn't|rather not|no way to)\b(?:\s+[\w']+){0,2}\s*$"
)


def _union(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(phrase_pattern(p) for p in phrases))


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
            _Phrase(
                issue.id, option.id, re.compile(phrase_pattern(p) + r"(?!\s*\d(?!\s*\)))"), len(p)
            )
            for issue in scenario.issues
            for option in issue.options
            for p in option.phrases
        ]
        self._phrases = sorted(phrases, key=lambda p: -p.length)
        self._quantity_issues = [issue.id for issue, _ in self._quantities]
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
                    adding = _ADDING.search(normalized, max(0, match.start() - 8), match.start())
                    relative = match.group("rel") or (
                        "more" if raw == "another" or adding else None
                    )
                    sign = -1 if relative in ("fewer", "less") else 1
                    if value != int(value):
                        continue
                    taken.append(match.span())
                    if self._not_offered(normalized, match.start(), negation=True):
                        continue
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
                if not free(*match.span()):
                    continue
                taken.append(match.span())
                options = [o.id for o in self.scenario.issue(phrase.issue).options]
                binary = len(options) == 2
                if self._not_offered(normalized, match.start(), negation=not binary):
                    continue
                option = phrase.option
                if binary and _NEGATED.search(
                    normalized, max(0, match.start() - 30), match.start()
                ):
                    option = next(o for o in options if o != option)
                found.append(Mention(phrase.issue, option, *match.span()))
        return sorted(found, key=lambda m: m.start)

    @staticmethod
    def _not_offered(normalized: str, start: int, negation: bool) -> bool:
        """Tell whether a value is named only to be set aside ("instead of November")."""
        before = max(0, start - 30)
        if _NOT_OFFERED.search(normalized, before, start):
            return True
        return negation and bool(_NEGATED.search(normalized, before, start))

    @staticmethod
    def _option(issue: Issue, value: int) -> OptionId | None:
        return value if any(o.id == value for o in issue.options) else None

    def _resolve(self, issue_id: str, value: int) -> OptionId | None:
        return self._option(self.scenario.issue(issue_id), value)

    def offer_sentences(self, text: str) -> frozenset[str]:
        """The sentences of a turn that name terms, leaving out questions about their numbers."""
        return frozenset(
            s
            for s in sentences(text)
            if self.has_terms(s) and not _INFO_QUESTION.match(normalize(s))
        )

    def offered_text(self, text: str) -> str:
        """The turn without its questions about numbers ("How many engineers are free in November?")."""
        return " ".join(s for s in sentences(text) if not _INFO_QUESTION.match(normalize(s)))

    def has_terms(self, sentence: str) -> bool:
        """Tell whether a sentence names any option of the scenario."""
        return any(m.option is not None or m.delta for m in self.mentions(normalize(sentence)))

    def packages(self, text: str, latest: dict[str, OptionId] | None) -> list[dict[str, OptionId]]:
        """Return the alternative packages of a turn; `latest` is the package on the table."""
        normalized = normalize(text)
        mentions = self.mentions(normalized)
        if not mentions:
            return []
        groups = segments(normalized, mentions, self._quantity_issues, self._resolve)
        shared = shared_terms(normalized, groups)
        complete_ellipses(groups)
        relative = any(m.delta for m in mentions)
        editing = latest is not None and (relative or bool(_EDIT.search(normalized)))
        packages: list[dict[str, OptionId]] = []
        for group in groups:
            base = latest if editing else None
            if packages and refers_to_previous(normalized, group):
                base = packages[-1]
            package = self._package(group + shared, base)
            if package and package not in packages:
                packages.append(package)
        return packages

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
