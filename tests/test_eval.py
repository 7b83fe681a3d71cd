"""`sparring eval understanding`: the figures, the external mappings, and clear skips."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sparring.cli import app
from sparring.understanding import external
from sparring.understanding.evaluation import Labelled, Report, markdown, report
from sparring.understanding.measure import mapped
from sparring.understanding.reader import Reader
from sparring.understanding.registry import default_reader
from sparring.understanding.types import LEARNER_ACTS

runner = CliRunner()


def test_heldout_report_has_every_figure_the_issue_names() -> None:
    result = runner.invoke(app, ["eval", "understanding", "--dataset", "heldout", "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["model"] == "trained"
    (heldout,) = data["reports"]
    assert set(heldout["acts"]) == set(LEARNER_ACTS)
    for score in heldout["acts"].values():
        assert {"precision", "recall", "f1", "support"} <= set(score)
        assert score["support"] > 0
    assert 0 < heldout["macro_f1"] <= 1 and 0 < heldout["exact_set_accuracy"] <= 1
    assert 0 < heldout["offers"]["exact_match"] <= 1
    assert heldout["confusions"] and {"gold", "predicted", "count"} == set(heldout["confusions"][0])


def test_a_missing_external_dataset_is_skipped_with_a_clear_message(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["eval", "understanding", "--dataset", "casino", "--data", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert "skipped casino" in result.stderr
    assert str(tmp_path / "casino" / "casino_test.json") in result.stderr.replace("\n", "")


def test_an_unknown_dataset_or_model_is_the_users_mistake() -> None:
    assert runner.invoke(app, ["eval", "understanding", "--dataset", "imdb"]).exit_code == 1
    assert runner.invoke(app, ["eval", "understanding", "--model", "oracle"]).exit_code == 1


def test_external_labels_are_mapped_to_acts(tmp_path: Path) -> None:
    (tmp_path / "casino").mkdir()
    dialogue = {
        "annotations": [
            ["Hello! How are you?", "small-talk"],
            ["What do you need most?", "elicit-pref,small-talk"],
            ["I need water, my kids drink a lot", "self-need,other-need"],
            ["ok", "non-strategic"],
        ]
    }
    (tmp_path / "casino" / "casino_test.json").write_text(json.dumps([dialogue]))
    folder = tmp_path / "negochat" / "negochat"
    folder.mkdir(parents=True)
    turns = [
        {"role": "Employer", "input": "I can offer 60,000", "output": [{"Offer": {"Salary": "60,000"}}]},
        {"role": "Candidate", "data": "x", "output": [{"Accept": True}]},
        {"role": "Employer", "input": "No. What do you want?", "output": [{"Reject": True}, {"Query": "Offer"}]},
    ]  # fmt: skip
    (folder / "0.json").write_text(json.dumps({"set": "test", "turns": turns}))
    (folder / "1.json").write_text(json.dumps({"set": "train", "turns": turns}))

    casino = external.casino(tmp_path)
    assert [sorted(u.acts) for u in casino.utterances] == [
        ["rapport"], ["inquiry", "rapport"], ["need"], [],
    ]  # fmt: skip
    negochat = external.negochat(tmp_path)
    assert [sorted(u.acts) for u in negochat.utterances] == [["proposal"], ["inquiry", "reject"]]
    result = runner.invoke(app, ["eval", "understanding", "--data", str(tmp_path), "--json"])
    names = [r["dataset"] for r in json.loads(result.stdout)["reports"]]
    assert names == ["heldout", "casino", "negochat"]


class _Rejects:
    """A classifier that reads every turn as a rejection."""

    name = "rejects"

    def classify(self, text: str, offer_sentences: frozenset[str]) -> dict[str, str]:
        return {"reject": text}


def test_external_acts_are_also_scored_where_the_labels_settle_them_the_guides_way() -> None:
    def turn(text: str, *names: str) -> external.Utterance:
        acts = frozenset(external.NEGOCHAT_LABELS[n] for n in names)
        return external.Utterance(text, acts, frozenset(names))

    dataset = external.Dataset(
        "negochat",
        "three turns",
        external.NEGOCHAT_LABELS,
        (
            turn("No, that is too low.", "Reject"),
            turn("I cannot offer more than 90,000 salary", "Offer"),  # a limit: reject left open
            turn("How about 90,000?", "Offer"),
        ),
    )
    report = mapped(Reader(_Rejects()), dataset)
    assert (report.acts["reject"].precision, report.acts["reject"].scored) == (1 / 3, 3)
    assert (report.settled["reject"].precision, report.settled["reject"].scored) == (0.5, 2)
    assert "| reject (Reject) | 0.333 | 1.000 | 0.500 | [0.00, 1.00] | 1 | 0.667 | 2 |" in markdown(
        report, "x"
    )


def test_each_f1_comes_with_a_repeatable_interval_that_widens_with_fewer_utterances() -> None:
    def rows(n: int) -> list[Labelled]:
        # three readings in four miss the proposal; every inquiry is read right
        return [
            Labelled(
                str(i), frozenset({"proposal"}), frozenset() if i % 4 else frozenset({"proposal"})
            )
            for i in range(n)
        ] + [Labelled(f"q{i}", frozenset({"inquiry"}), frozenset({"inquiry"})) for i in range(n)]

    def width(result: Report) -> float:
        low, high = result.acts["proposal"].interval or (0.0, 0.0)
        return high - low

    acts = ["proposal", "inquiry"]
    small, large = report("s", rows(40), acts), report("l", rows(400), acts)
    for result in (small, large):
        low, high = result.acts["proposal"].interval or (0.0, 0.0)
        assert low < result.acts["proposal"].f1 < high
        assert result.acts["inquiry"].interval == (1.0, 1.0)
        assert result.macro_interval is not None
        assert result.macro_interval[0] < result.macro_f1 < result.macro_interval[1]
    assert width(small) > 2 * width(large)
    assert markdown(report("s", rows(40), acts), "trained") == markdown(small, "trained")
    assert "| proposal | 1.000 | 0.250 | 0.400 | [" in markdown(small, "trained")


def test_a_negochat_turn_is_read_with_the_candidates_standing_asks_on_the_table(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "negochat" / "negochat"
    folder.mkdir(parents=True)
    turns = [
        {"role": "Candidate", "input": "I want a company car and a salary of 120,000",
         "output": [{"Offer": {"Leased Car": "With leased car"}},
                    {"Offer": {"Salary": "120,000 USD"}}]},
        {"role": "Employer", "input": "You can have a company car.", "output": [{"Accept": True}]},
        {"role": "Candidate", "input": "I agree with a salary of 90,000",
         "output": [{"Accept": {"Salary": "90,000 USD"}}]},
        {"role": "Employer", "input": "I could agree to 90000.", "output": [{"Offer": True}]},
    ]  # fmt: skip
    (folder / "0.json").write_text(json.dumps({"set": "test", "turns": turns}))
    dataset = external.negochat(tmp_path)
    granting, own_terms = dataset.utterances
    # The asks come from the Candidate's turns; accepting a value settles that issue.
    assert dict(granting.counter) == {"car": "with", "salary": "s120"}
    assert dict(own_terms.counter) == {"car": "with"}
    reader = default_reader()
    assert reader.parse(granting.text, dataset.context(granting)).acts == ("accept",)
    own = reader.parse(own_terms.text, dataset.context(own_terms))
    assert "accept" not in own.acts and "proposal" in own.acts
