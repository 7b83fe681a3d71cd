"""Offer grammar over a scenario's vocabulary: quantities, dates, scope words, alternatives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sparring.scenarios.model import Issue, OptionId, Scenario
from sparring.understanding.alternatives import (
    Mention,
    Quantities,
    complete_ellipses,
    continues,
    segments,
    shared_terms,
)
from sparring.understanding.patterns import CANNOT
from sparring.understanding.text import MONTH_NAMES, normalize, phrase_pattern, sentences

_QUANTITY_WORD = {
    "a": 1, "an": 1, "single": 1, "another": 1, "no": 0,
    "a second": 2, "a third": 3, "a fourth": 4, "half": 0.5,
}  # fmt: skip
_MODIFIERS = (
    r"(?:(?:full time|senior|junior|dedicated|backend|frontend|front end|back end|good|strong|"
    r"experienced|extra|additional|solid|whole|full|(?:of )?(?:my|your|the|our|their|those))\s+)"
    r"{0,2}"
)
_NUMBER = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?|a (?:second|third|fourth)|an?|single|another|no|half)"
_RELATIVE = r"(?:(?P<rel>more|extra|additional|fewer|less)\s+)?"
# Up to two describing words the vocabulary does not list: "four partner connectors",
# "four net-new roles", "three mid-level scientists".
_ANY_WORD = (
    r"(?:(?<=\s)(?!(?:or|and|to|for|of|by|in|from|with|at|on|per|than|more|less|same|next|each|"
    r"every|this|that|the|half|weeks?|months?|days?)\b)"
    r"[a-z]+\s+){0,2}"
)
_EDIT = re.compile(
    r"\b(?:make it|instead|how about|what about|what if|could we do|can we do|bump|change|"
    r"switch|swap|same,? but|but with|up it|drop it to|drop to|go (?:up|down) to|"
    r"same terms|same thing|same deal|same package|the same|to that|on top of that|keep it at|"
    r"stretch it to|(?:drop|push|move|bring) (?:the start|it) to|your offer|"
    r"your proposal|what you offered|your (?:plan|terms)|the rest|everything else|all that|"
    r"as before|what i (?:said|proposed|offered)|keep (?:everything|those terms)|"
    r"(?:in|for|with|to|on|make) (?:that|it)\b(?! (?:is|was|would|will)))\b"
    # An order that changes something while a package is on the table edits it.
    r"|^(?:ok,? |okay,? |fine,? |then,? |so,? )?(?:add|push|move|slip|pull|bring|cut|drop|knock|"
    r"make|take|give|keep|extend|shorten|raise|lower|bump|swap|change|switch|put|double|triple|"
    r"halve)\b"
)
# Questions about their numbers name terms without offering them.
_INFO_QUESTION = re.compile(
    r"^(?:so,? |and |but |ok,? |okay,? |out of curiosity,? |roughly,? |\w+, )?"
    r"(?:how (?:many|much|long)|how would(?! you (?:feel|like|see) )|what (?:does|did)|"
    r"how (?:does|do|did|is|are)(?![^?]*\b(?:sound|work for|look to|suit)\b)|"
    r"(?:has|have|did|does|do|is|are|was|were) (?:anyone|anybody|someone|somebody|anything|"
    r"something|everything|nothing|the (?!chance)\w+|your|they|he|she)\b|"
    r"what would [\w\s]{0,40}?"
    r"\b(?:mean|cost|change|do to)|if \S+ [^?]*, (?:how|what|when|who|which|where|"
    r"(?:does|do|is|are|would|will) (?:anything|anyone|anybody|something|someone)))\b"
)
# "I wonder what the next six weeks look like for you": a question asked as a statement.
_INDIRECT_QUESTION = re.compile(
    r"^(?:so,? |and |but |honestly,? |\w+, )?"
    r"(?:i(?:'d| would) (?:love|like) to (?:hear|know|understand)|i wonder|"
    r"i(?:'m| am) curious(?: about)?|tell me|help me understand|walk me through)"
    r" (?:a bit )?(?:more )?(?:about )?(?:what|how|who|when|where|which|why)\b"
)
# "So the migration lands October 31", "We can't do six weeks": terms named, none offered,
# unless the sentence goes on to propose ("…, so let's start in November").
_REFLECTING = re.compile(
    r"^(?:ok,? |okay,? |right,? |got it,? )?(?:so,? )?(?:you(?:'re| are)? (?:said|saying|mentioned|"
    r"told)|(?:it )?sounds like|what i(?:'m| am) hearing|if i (?:heard|understand|got)|"
    r"so (?:you|your|their|the|anything|nothing|nobody))\b"
)
_PROPOSING = re.compile(
    r"\b(?:let's|let us|how about|what about|what if|could (?:you|we)|can (?:you|we)|"
    r"would (?:you|it)|i'll|we'll|i will|we will|we could|i can|we can|i'd|we'd|then|instead|"
    r"so (?:we|i|my|our)|(?:my|our) team (?:will|can|could|would))\b"
)
# "add an engineer" changes the package on the table by one; "shave five days off" by minus five.
_ADDING = re.compile(r"\b(?:add|adding|plus|another)\s+$")
_TAKING = re.compile(r"\b(?:shave|knock|take|cut|trim)\s+$")
_OFF = re.compile(r"\s+off\b")
# "instead of November", "the rest in Q1": named, but not offered.
_NOT_OFFERED = re.compile(
    r"\b(?:instead of|rather than|the rest(?:\s+(?:in|by|after|from))?)\s+"
    r"(?:(?:a|an|the|your|their|our|my)\s+)?$"
)
# "I'd rather present a phased roadmap than promise a single date": the value after "than".
_THAN = re.compile(r"\bthan\s+(?:[\w']+\s+){0,2}$")
_PREFERRING = re.compile(r"\b(?:rather|sooner|prefer|preferably)\b")
# "can't do four weeks": named, but not offered.
_NEGATION = r"(?:not |un)able to|not|never|can't|cannot|won't|don't|wouldn't|rather not|no way to"
# "we must have more than eight hours": named, but not offered, unless it is the limit of
# what is given ("I can't do more than two engineers", "no more than two").
_BEYOND = re.compile(r"\b(?:more|less|fewer) than\s+$")
_LIMIT_BEFORE = re.compile(r"(?:\b(?:no|not|never|cannot)|n't)(?:\s+[\w']+){0,2}\s*$")
# "I'd like not to offer you a company car": "not to" reaches one word further.
_NEGATED = re.compile(
    rf"\b(?:{_NEGATION})\b(?:\s+[\w']+){{0,2}}\s*$|\bnot to(?:\s+[\w']+){{1,3}}\s*$"
)
# "I can't give up the dashboard", "drop the dedicated team": the other option of a two-way issue.
_FLIPPED = re.compile(
    rf"\b(?:{_NEGATION}|drop|skip|lose|forget|no more|minus|without)\b(?:\s+[\w']+){{0,2}}\s*$"
)
# "two contractors now", "release $1.5M now": "now" after an amount names the option the
# scenario words as "immediately" or "up front" (not "now that the migration slipped").
_IMMEDIATE = frozenset({"now", "immediately", "right away", "straight away", "asap", "up front"})
_NOW = re.compile(r"\s+(?:right\s+)?now\b(?!\s+that\b)")
# "a million now and another after the checkpoint": an amount now and more later is staged,
# unless the later step has a timing of its own ("two more from November").
_MORE_LATER = re.compile(r"\b(?:more|another|the rest|remainder)\b")
# "API instead of custom", "phased rather than single": two bare option names of one issue.
_CONTRAST = re.compile(r"\b([\w']+) (?:instead of|rather than) ([\w']+)\b")
# "our paper or theirs": a possessive pronoun names the option its determiner names.
_POSSESSIVE = re.compile(r"\b(ours|theirs|yours|mine)\b")
_DETERMINER = {"ours": "our", "theirs": "their", "yours": "your", "mine": "my"}
_DETERMINERS = re.compile(r"\b(?:our|their|your|my)\b")
# An issue counted in months also counts in years and quarters ("a year of price protection").
_LARGER = dict.fromkeys(
    ("month", "months"), (("year", 12), ("years", 12), ("quarter", 3), ("quarters", 3))
)
_TIME_UNITS = frozenset({"day", "days", "week", "weeks", "month", "months", "year", "years"})
# A phrase naming a month or quarter with "in" ("in may", "in q2").
_IN_PERIOD = re.compile(rf"^in (?:{MONTH_NAMES}|q[1-4]|h[12])$")
# A phrase ending in a month must not match the start of a date ("november" in "november 12").
_DATE_END = re.compile(rf"(?:\b(?:{MONTH_NAMES})|\d)$")


def _larger_units(issue: Issue) -> dict[str, int]:
    """The issue's larger units and their sizes, with years and quarters of a month count.

    "months of grandfathering" also reads "a year of grandfathering" (12) and "half a year
    of grandfathering" (6), unless the scenario sizes those units itself.
    """
    assert issue.quantity is not None
    larger = dict(issue.quantity.per)
    for unit in issue.quantity.units:
        words = normalize(unit).split()
        for index, word in enumerate(words):
            for bigger, size in _LARGER.get(word, ()):
                derived = " ".join([*words[:index], bigger, *words[index + 1 :]])
                if bigger not in issue.quantity.per:
                    larger.setdefault(derived, size)
    return larger


def _time_heads(issue: Issue) -> frozenset[str]:
    """The time words a unit of the issue starts with: "months" of "months of grandfathering"."""
    assert issue.quantity is not None
    units = [*issue.quantity.units, *_larger_units(issue)]
    return frozenset(w for u in units if (w := normalize(u).split()[0]) in _TIME_UNITS)


def _union(phrases: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(phrase_pattern(p) for p in phrases))


@dataclass(frozen=True)
class _Phrase:
    issue: str
    option: OptionId
    pattern: re.Pattern[str]
    length: int
    anchor: str  # text every match contains: its longest word, less a final "e"


def _anchor(phrase: str) -> str:
    words = normalize(phrase.replace("...", " ")).split()
    if _IN_PERIOD.match(" ".join(words)):  # matched with "to" too: anchor on the period
        words = words[1:]
    longest = max(words, key=len)
    return longest[:-1] if len(longest) > 3 and longest.endswith("e") else longest


class OfferGrammar:
    """Find packages in a learner's words, using one scenario's issues and options."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self._quantities = [
            (issue, self._quantity_patterns(issue)) for issue in scenario.issues if issue.quantity
        ]
        phrases = [
            _Phrase(issue.id, option.id, self._phrase_regex(p), len(p), _anchor(p))
            for issue in scenario.issues
            for option in issue.options
            for p in option.phrases
        ]
        self._phrases = sorted(phrases, key=lambda p: -p.length)
        self._count = Quantities(
            issues=[issue.id for issue, _ in self._quantities],
            percent=frozenset(
                issue.id
                for issue, _ in self._quantities
                if issue.quantity and any(u.startswith("%") for u in issue.quantity.units)
            ),
            resolve=self._resolve,
            scales={
                issue.id: tuple(sorted(set(_larger_units(issue).values())))
                for issue, _ in self._quantities
            },
            heads={issue.id: _time_heads(issue) for issue, _ in self._quantities},
        )
        # The option "now" names, when one issue's vocabulary says "immediately" or "up front".
        immediate = [
            (issue.id, option.id)
            for issue in scenario.issues
            for option in issue.options
            if _IMMEDIATE & {normalize(p) for p in option.phrases}
        ]
        self._now = immediate[0] if len(immediate) == 1 else None
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
    def _phrase_regex(phrase: str) -> re.Pattern[str]:
        pattern = phrase_pattern(phrase, inflect=True)
        # "in May" or "in Q2" is also where a date moves to: "push the launch to Q2".
        if _IN_PERIOD.match(normalize(phrase)):
            pattern = pattern.replace("in", "(?:in|to)", 1)
        if _DATE_END.search(normalize(phrase)):
            pattern += r"(?!\s*\d(?!\s*\)))"
        return re.compile(pattern)

    @staticmethod
    def _quantity_patterns(issue: Issue) -> list[tuple[re.Pattern[str], int]]:
        assert issue.quantity is not None
        patterns = []
        groups = [(issue.quantity.units, 1)] + [
            ([unit], size) for unit, size in _larger_units(issue).items()
        ]
        for units, size in groups:
            alternatives = "|".join(
                re.escape(normalize(u)) for u in sorted(units, key=len, reverse=True)
            )
            regex = (
                rf"\b{_NUMBER}\s*{_RELATIVE}{_MODIFIERS}{_ANY_WORD}"
                rf"(?P<unit>{alternatives})(?![\w'])"
            )
            patterns.append((re.compile(regex), size))
        return patterns

    def mentions(self, normalized: str) -> list[Mention]:
        """Return the issue values in normalized text, in reading order.

        Values of one issue never overlap, nor do two phrases; a phrase may overlap another
        issue's quantity ("two contractors" is two hires, as contractors). Values named only
        to be set aside ("instead of November") come back marked `aside`.
        """
        found: list[Mention] = []
        quantity_spans: list[tuple[int, int, str]] = []
        phrase_spans: list[tuple[int, int, str]] = []  # with the issue each phrase names
        articles: list[tuple[int, Mention]] = []  # "a sustaining engineer": its describing word
        nows: list[Mention] = []  # "two contractors now"

        def overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
            return any(start < b and end > a for a, b in spans)

        for issue, patterns in self._quantities:
            for pattern, size in patterns:
                for match in pattern.finditer(normalized):
                    if overlaps(*match.span(), [(a, b) for a, b, _ in quantity_spans]):
                        continue
                    raw = match.group("num")
                    amount = float(_QUANTITY_WORD.get(raw, 0) if not raw[0].isdigit() else raw)
                    value = amount * size
                    before = max(0, match.start() - 8)
                    adding = _ADDING.search(normalized, before, match.start())
                    taking = _TAKING.search(normalized, before, match.start()) and _OFF.match(
                        normalized, match.end()
                    )
                    ordinal = raw.startswith("a ")  # "add a second sprint" makes it two
                    relative = match.group("rel") or (
                        "more"
                        if raw == "another" or (adding and not ordinal)
                        else "less"
                        if taking
                        else None
                    )
                    sign = -1 if relative in ("fewer", "less") else 1
                    if value != int(value):
                        continue
                    quantity_spans.append((*match.span(), issue.id))
                    now = _NOW.match(normalized, match.end())
                    if now and self._now and self._now[0] != issue.id:
                        nows.append(Mention(self._now[0], self._now[1], *now.span()))
                    mention = Mention(
                        issue.id,
                        self._option(issue, int(value)),
                        *match.span(),
                        delta=sign * int(value) if relative else 0,
                        aside=self._not_offered(normalized, match.start(), negation=True),
                    )
                    found.append(mention)
                    if raw in ("a", "an") and match.start("unit") > match.end("num") + 1:
                        articles.append((match.end("num") + 1, mention))
        for phrase in self._phrases:
            if phrase.anchor not in normalized:
                continue
            same_issue = [(a, b) for a, b, issue in quantity_spans if issue == phrase.issue]
            for match in phrase.pattern.finditer(normalized):
                # A phrase that holds a quantity of its own issue reads as the phrase: "a
                # month past the renewal" is three months, not one.
                start, end = match.span()
                held = [(a, b) for a, b in same_issue if start <= a and b <= end]
                blocking = [span for span in same_issue if span not in held]
                if overlaps(start, end, [(a, b) for a, b, _ in phrase_spans] + blocking):
                    continue
                if held:
                    found = [
                        m
                        for m in found
                        if not (m.issue == phrase.issue and (m.start, m.end) in held)
                    ]
                    quantity_spans = [q for q in quantity_spans if q[:2] not in held]
                    same_issue = blocking
                phrase_spans.append((*match.span(), phrase.issue))
                options = [o.id for o in self.scenario.issue(phrase.issue).options]
                binary = len(options) == 2
                option = phrase.option
                # A negation inside an earlier value ("whatever we don't spend by November
                # 30") does not flip the next one.
                before = max(
                    [max(0, match.start() - 30)]
                    + [b for _, b, _ in phrase_spans[:-1] if b <= match.start()]
                )
                if binary and _FLIPPED.search(normalized, before, match.start()):
                    option = next(o for o in options if o != option)
                aside = self._not_offered(normalized, match.start(), negation=not binary)
                found.append(Mention(phrase.issue, option, *match.span(), aside=aside))
        for immediate in nows:
            timed = any(m.issue == immediate.issue and m.start > immediate.end for m in found)
            if timed or not _MORE_LATER.search(normalized, immediate.end):
                found.append(immediate)
        found += self._bare_names(normalized, found)
        found += self._possessives(normalized, sorted(found, key=lambda m: m.start))
        # "fund a sustaining engineer" names another issue's option, not one engineer: the
        # describing word belongs to that option's phrase.
        for words, mention in articles:
            if mention in found and any(
                a <= words < b and issue != mention.issue for a, b, issue in phrase_spans
            ):
                found.remove(mention)
        return sorted(found, key=lambda m: m.start)

    def _bare_names(self, normalized: str, found: list[Mention]) -> list[Mention]:
        """Options named by their bare ids in a contrast: "API instead of custom" is the API."""
        named = []
        for match in _CONTRAST.finditer(normalized):
            chosen, other = match.group(1), match.group(2)
            for issue in self.scenario.issues:
                ids = {
                    normalize(o.id.replace("_", " ")): o.id
                    for o in issue.options
                    if isinstance(o.id, str)
                }
                if chosen in ids and other in ids and chosen != other:
                    start, end = match.span(1)
                    if not any(m.issue == issue.id and m.start <= start < m.end for m in found):
                        named.append(Mention(issue.id, ids[chosen], start, end))
        return named

    def _possessives(self, normalized: str, found: list[Mention]) -> list[Mention]:
        """Read "our DPA or theirs": the pronoun names an option of the last possessive value.

        The option is the other one of that issue whose phrases use the pronoun's determiner
        ("their dpa"); without such a value before it, the pronoun names nothing.
        """
        named = []
        for match in _POSSESSIVE.finditer(normalized):
            determiner = _DETERMINER[match.group(1)]
            before = [
                m
                for m in found
                if m.end <= match.start()
                and {*_DETERMINERS.findall(normalized[m.start : m.end])} - {determiner}
            ]
            if not before:
                continue
            issue = self.scenario.issue(before[-1].issue)
            options = [
                o.id
                for o in issue.options
                if o.id != before[-1].option
                and any(determiner in normalize(p).split() for p in o.phrases)
            ]
            if len(options) == 1:
                aside = self._not_offered(normalized, match.start(), negation=False)
                named.append(Mention(issue.id, options[0], *match.span(), aside=aside))
        return named

    @staticmethod
    def _not_offered(normalized: str, start: int, negation: bool) -> bool:
        """Tell whether a value is named only to be set aside ("instead of November")."""
        before = max(0, start - 30)
        if _NOT_OFFERED.search(normalized, before, start):
            return True
        beyond = _BEYOND.search(normalized, before, start)
        if beyond and not _LIMIT_BEFORE.search(normalized, before, beyond.start()):
            return True
        if _THAN.search(normalized, before, start) and _PREFERRING.search(normalized, 0, start):
            return True
        return negation and bool(_NEGATED.search(normalized, before, start))

    @staticmethod
    def _option(issue: Issue, value: int) -> OptionId | None:
        return value if any(o.id == value for o in issue.options) else None

    def _resolve(self, issue_id: str, value: int) -> OptionId | None:
        return self._option(self.scenario.issue(issue_id), value)

    def offer_sentences(self, text: str) -> frozenset[str]:
        """The sentences of a turn that offer terms (see `offering`)."""
        return frozenset(s for s in sentences(text) if self.has_terms(s) and offering(s))

    def offered_text(self, text: str) -> str:
        """The turn without its sentences that name terms but offer none (see `offering`)."""
        return " ".join(s for s in sentences(text) if offering(s))

    def has_terms(self, sentence: str) -> bool:
        """Tell whether a sentence names any option of the scenario ("make it 3" does)."""
        normalized = normalize(sentence)
        groups = segments(normalized, self.mentions(normalized), self._count)
        return any(_offered(m) for group in groups for m in group)

    def packages(self, text: str, latest: dict[str, OptionId] | None) -> list[dict[str, OptionId]]:
        """Return the alternative packages of a turn; `latest` is the package on the table.

        A turn edits the package on the table when it changes it by an amount ("one more
        engineer"), says so ("make it", "instead", "the rest"), or names a single issue
        ("Could you do three?"); otherwise it offers only the terms it names.
        """
        normalized = normalize(text)
        groups = segments(normalized, self.mentions(normalized), self._count)
        if not any(_offered(m) for group in groups for m in group):
            return []
        shared = shared_terms(normalized, groups)
        complete_ellipses(groups)
        named = {m.issue for group in groups for m in group + shared if _offered(m)}
        relative = any(m.delta for group in groups for m in group)
        edit = relative or len(named) == 1 or bool(_EDIT.search(normalized))
        packages: list[dict[str, OptionId]] = []
        for index, group in enumerate(groups):
            base = latest if edit else None
            if packages and continues(normalized, groups[index - 1], group):
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


def offering(sentence: str) -> bool:
    """Tell whether a sentence can offer the terms it names.

    A question about their numbers ("How many engineers are free in November?", "I wonder
    what the next six weeks look like for you"), a reflection ("So the migration lands
    October 31") or a limit ("We can't do six weeks") names terms without offering them,
    unless it goes on to propose.
    """
    normalized = normalize(sentence)
    if _INFO_QUESTION.match(normalized) or _INDIRECT_QUESTION.match(normalized):
        return False
    if _REFLECTING.match(normalized) or CANNOT.search(normalized):
        return bool(_PROPOSING.search(normalized))
    return True


def _offered(mention: Mention) -> bool:
    return not mention.aside and (mention.option is not None or bool(mention.delta))


_GRAMMARS: dict[int, tuple[Scenario, OfferGrammar]] = {}


def grammar_for(scenario: Scenario) -> OfferGrammar:
    """Return the compiled grammar of a scenario (compiled once per scenario object)."""
    cached = _GRAMMARS.get(id(scenario))
    if cached is None or cached[0] is not scenario:
        cached = (scenario, OfferGrammar(scenario))
        _GRAMMARS[id(scenario)] = cached
    return cached[1]
