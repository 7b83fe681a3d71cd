"""The offer grammar reads managers' wordings as labelled, with the turn's acts as labelled."""

from __future__ import annotations

import pytest

from sparring.scenarios.loader import open_library
from sparring.understanding import corpus
from sparring.understanding.external import negochat_terms
from sparring.understanding.offers import grammar_for, offering
from sparring.understanding.reader import Reader
from sparring.understanding.types import Context, Table

ITEMS = {item.text: item for item in corpus.load(corpus.default_dir(), corpus.TRAIN)}
LIBRARY = open_library(())


class LabelledActs:
    """Reads every turn with the acts it was labelled with, so only the grammar is tested."""

    name = "labelled"

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        return dict.fromkeys(ITEMS[text].acts, text)


@pytest.mark.parametrize(
    "text",
    [
        "Not 4 weeks - 8.",  # a correction after a dash
        "bump it to 1.5 and you've got a deal",  # a decimal of the larger unit
        "two million from the reserve, or 2.5 if we chip in from our underspend",
        "another half million and we'll return whatever we don't spend by November 30",
        "same, but as contractors from June",  # edits the package on the table
        "I'll co-present the capacity case to the exec team with you if you approve four "
        "net-new roles.",  # two describing words between number and unit
        "We'll pitch Premier Support in the renewal to fund a sustaining engineer; in return, "
        "all eleven open bugs fixed.",  # "a sustaining engineer" is not one engineer
        "one engineer for a month past the renewal, standard SLA",  # the phrase wins
        "push the launch to Q2",  # "in Q2" also read as "to Q2"
        "I'd rather present a phased roadmap to the board together than promise a single date.",
        # "now" after an amount is the scenario's "immediately" / "up front" option...
        "Let's keep quarterly reporting and release $1.5M now.",
        "Two contractors now or four permanent people after the board review.",
        # ...but not "now that", "Now, about", nor an amount now with more to come later
        "I need two engineers now that the migration is slipping.",
        "Now, about the dashboard: we could defer it if you give us three engineers.",
        "What about a million now and a checkpoint before any more?",
        # terms in steps: each step after "and" is a package with its own amount
        "Would you consider one engineer now and two more from November?",
        "Can we get a single engineer immediately and a second one once the migration lands?",
        "If you lent us one engineer mid-October and another in November, I think we'd make it.",
        # a year of a month-counted issue; "six months" of the issue the other option names
        "10% with a year of price protection, or 15% with six months",
        "Fifteen percent with a full year of grandfathering, or ten percent with half a year.",
        # possessive pronouns name the option their determiner names
        "A three-times cap with our DPA, or twice fees with theirs.",
        "Our paper or theirs - either way, ten business days.",  # the clause "either way" opens
        # "In both cases:" opens a list that every alternative shares, to the sentence's end
        "One engineer for three months, or two engineers through the renewal. In both cases: a "
        "four-hour response, their top three bugs fixed, and we close the Slack channel.",
        "Two engineers for eight weeks or three for six. In both cases: starting November, "
        "phased, and the dashboard deferred.",
        # bare option names contrasted: the first is chosen
        "API instead of custom, and give it 14 weeks",
        "Phased rather than single, and two debt sprints.",
        # a letter picks one of the learner's options, even unlettered; "a phased" is no letter
        "let's go with B",
        "Let's go with a phased launch then.",
    ],
)
def test_the_grammar_reads_the_wording_as_labelled(text: str) -> None:
    item = ITEMS[text]
    assert item.scenario is not None
    parsed = Reader(LabelledActs()).parse(
        text, Context(LIBRARY.get(item.scenario), item.table or Table())
    )
    assert [dict(p) for p in parsed.offers] == [dict(p) for p in item.offers or ()]


@pytest.mark.parametrize(
    ("sentence", "offers"),
    [
        ("Is anything changing in how you cover European hours?", False),
        ("Is someone on your team free in November?", False),
        ("If the API ships in fourteen weeks, does anything slip on your side?", False),
        ("If we take six weeks, would that work?", True),  # asks them to take terms
        ("Could someone start in November?", True),
        # a question put as a statement asks about their side; it offers nothing
        ("I wonder what the next eight weeks look like for your team.", False),
        ("I'd love to hear how November is shaping up for you.", False),
        ("Walk me through what two extra engineers would change for you.", False),
        ("I wonder if you could spare two engineers from November.", True),  # a request
    ],
)
def test_a_question_about_what_happens_names_terms_without_offering_them(
    sentence: str, offers: bool
) -> None:
    assert offering(sentence) is offers


@pytest.mark.parametrize(
    ("text", "offers"),
    [
        ("I'm not able to do eight weeks.", []),
        ("We're unable to do eight weeks.", []),
        ("I'm able to do eight weeks.", [{"duration_weeks": 8}]),
    ],
)
def test_terms_one_is_not_able_to_do_are_not_offered(
    text: str, offers: list[dict[str, int]]
) -> None:
    grammar = grammar_for(LIBRARY.get("q4-capacity"))
    assert [dict(p) for p in grammar.packages(grammar.offered_text(text), None)] == offers


def test_a_not_to_that_reaches_the_value_offers_nothing_of_it() -> None:
    grammar = grammar_for(negochat_terms())
    for negated in [
        "I would like not to offer you a company car.",
        "we must have more than 8 hours",
    ]:
        assert grammar.packages(grammar.offered_text(negated), None) == [], negated
    assert grammar.packages(grammar.offered_text("no more than 9 hours"), None) == [{"hours": 9}]
