"""A multi-party alignment: two counterparts hear every turn; both must accept one package."""

from __future__ import annotations

from sparring.scenarios.loader import open_library
from sparring.session import replay

PRICING = open_library(()).get("pricing-alignment")


def test_both_counterparts_answer_every_turn_in_order() -> None:
    result = replay(
        PRICING, ["Marcus, how is the pipeline? Elena, what did you commit to the board?"]
    ).result()
    learner, sales, finance = result["turns"]
    assert (learner["n"], sales["n"], finance["n"]) == (1, 2, 3)
    assert (sales["counterpart"], finance["counterpart"]) == ("sales", "finance")
    assert sales["revealed"] == ["q1_pipeline"]
    assert finance["revealed"] == ["margin_target"]


def test_a_package_only_one_side_accepts_is_not_an_agreement() -> None:
    session = replay(PRICING, ["Could we do a 10% increase launching in January?"])
    _, sales, finance = session.result()["turns"]
    assert "decline" in sales["moves"]
    assert "support" in finance["moves"]
    assert "accept" not in finance["moves"]
    assert session.status == "open"


def test_integrative_package_is_accepted_by_both() -> None:
    assert PRICING.reference_strategies is not None
    session = replay(PRICING, PRICING.reference_strategies.integrative)
    result = session.result()
    last_sales, last_finance = result["turns"][-2:]
    assert last_sales["moves"][-2:] == ["accept", "close"]
    assert last_finance["moves"][-2:] == ["accept", "close"]
    assert last_sales["offer"] == last_finance["offer"] == result["outcome"]["package"]
    assert set(result["outcome"]["points_by_counterpart"]) == {"sales", "finance"}


def test_multi_party_adds_bridging_and_single_counterpart_does_not() -> None:
    assert PRICING.reference_strategies is not None
    multi = replay(PRICING, PRICING.reference_strategies.integrative).result()
    assert multi["scorecard"]["indicators"]["bridging"]["score"] >= 80
    single = replay(open_library(()).get("q4-capacity"), ["Hello."]).result()
    assert "bridging" not in single["scorecard"]["indicators"]


def test_neglecting_one_party_scores_low_on_bridging() -> None:
    one_sided = [
        "Marcus, how is the pipeline looking? And how are your reps feeling about comp?",
        "I know this is a lot to ask of your team, Marcus. What are competitors doing?",
        "So the six deals are quoted on current pricing and the reps are nervous about quota.",
    ]
    result = replay(PRICING, one_sided).result()
    assert result["scorecard"]["indicators"]["bridging"]["value"] == 0
    assert result["scorecard"]["indicators"]["constraint_precision"]["value"] > 0


def test_one_party_escalation_ends_the_meeting_for_both() -> None:
    result = replay(PRICING, ["If you two won't back it, I'll take it to the CEO."]).result()
    assert result["outcome"]["status"] == "escalated"
    assert [t["moves"] for t in result["turns"][1:]] == [["close"], ["close"]]
