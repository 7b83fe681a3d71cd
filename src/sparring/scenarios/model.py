"""The scenario format: what an author writes, validated by Pydantic."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, model_validator

OptionId = StrictInt | str
IssueKind = Literal["distributive", "integrative", "compatible"]
SimulationType = Literal["cross_functional", "managing_up", "multi_party"]
LEARNER = "learner"


class Strict(BaseModel):
    """Base for every scenario part: unknown fields are an author's mistake."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(Strict):
    id: OptionId
    text: str = Field(description="How the counterpart says it, e.g. 'two engineers'.")
    points: dict[str, int] = Field(description="Points of this option for each party id.")
    phrases: list[str] = Field(
        default_factory=list,
        description="Words a learner uses for this option, e.g. 'phase the launch'.",
    )


class Quantity(Strict):
    """A numeric issue: option ids are the numbers, units are the words after them."""

    units: list[str] = Field(description="Unit words, e.g. 'engineer', 'people'.")
    per: dict[str, int] = Field(
        default_factory=dict,
        description="Larger units and how many units each holds, e.g. month: 4 (weeks).",
    )


class Issue(Strict):
    id: str
    label: str
    kind: IssueKind
    default: OptionId = Field(description="The status quo when a package leaves the issue out.")
    quantity: Quantity | None = None
    words: list[str] = Field(
        default_factory=list,
        description="Words that name the issue itself, e.g. 'dashboard', 'QA'.",
    )
    core: bool = Field(
        default=False,
        description="What the learner came for: every counter-offer moves it off the status quo.",
    )
    surfaced_by: list[str] = Field(
        default_factory=list,
        description=(
            "Constraint ids: the counterpart trades on this issue only once one of them is "
            "revealed or the learner raises the issue."
        ),
    )
    options: list[Option]

    def option(self, option_id: OptionId) -> Option:
        """Return the option with this id."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"{self.id} has no option {option_id!r}")


class Requirement(Strict):
    """One condition of a feasibility rule: a numeric product bound or an allowed set."""

    product: list[str] | None = Field(
        default=None, description="Issue ids whose numeric options are multiplied."
    )
    at_least: int | None = None
    at_most: int | None = None
    issue: str | None = None
    in_: list[OptionId] | None = Field(default=None, alias="in")
    not_in: list[OptionId] | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Requirement:
        bound = self.at_least is not None or self.at_most is not None
        numeric = self.product is not None and bound
        membership = self.issue is not None and (self.in_ is not None or self.not_in is not None)
        if numeric == membership:
            raise ValueError(
                "a requirement is either {product: [issues], at_least: N} (or at_most: N) "
                "or {issue: ID, in: [...]} / {issue: ID, not_in: [...]}"
            )
        return self


class FeasibilityRule(Strict):
    when: dict[str, OptionId | list[OptionId]] = Field(default_factory=dict)
    require: list[Requirement]
    explain: str = Field(description="The rule in the learner's words, shown in the brief.")


class Batna(Strict):
    points: int
    description: str


class LearnerRole(Strict):
    title: str
    brief: str
    batna: Batna


class Constraint(Strict):
    id: str
    fact: str = Field(description="What the counterpart knows, in one sentence.")
    topics: list[str] = Field(description="Words of a question that can surface it.")
    gate: float = Field(default=0.0, ge=0.0, description="Trust needed before it is revealed.")
    sensitive: bool = False
    reflect: list[str] = Field(
        default_factory=list, description="Words that show a learner reflected it back."
    )
    accommodated_by: dict[str, list[OptionId]] = Field(
        default_factory=dict, description="Options of an offer that build it in."
    )
    lines: list[str] = Field(description="How the counterpart reveals it (variants).")


class TrustSettings(Strict):
    start: float = Field(default=0.35, ge=0.0, le=1.0)
    walk_away_below: float = Field(default=0.05, ge=0.0, le=1.0)


class Lines(Strict):
    opening: list[str] = Field(description="Opening lines; with an opening offer, use {package}.")
    deflect: list[str]
    push_back: dict[str, list[str]] = Field(
        description="Reasons to resist an ask, by issue id; 'pressure' answers pressure."
    )
    decline: list[str]
    counter: list[str] = Field(description="Lines with {package}, the counterpart's offer.")
    accept: list[str] = Field(description="Lines with {package}, the agreed terms.")
    acknowledge: list[str]
    listen: list[str] = Field(description="Neutral replies when nothing else applies.")
    close: dict[str, list[str]] = Field(
        description="Closing lines by outcome: agreement, escalated, walked_away, no_agreement."
    )
    support: list[str] = Field(
        default_factory=list,
        description="Multi-party: lines with {package} saying it could accept if the others do.",
    )


class CounterpartRole(Strict):
    id: str
    name: str
    title: str
    brief: str = Field(description="The counterpart's private brief (never shown to learners).")
    reservation: int = Field(description="No package worth less than this to it is accepted.")
    aspiration: int = Field(
        default=0, description="What it hopes for at the start; it concedes toward reservation."
    )
    trust: TrustSettings = TrustSettings()
    opening_offer: dict[str, OptionId] | None = Field(
        default=None,
        description="A package it puts on the table in its opening line (an early anchor).",
    )
    constraints: list[Constraint]
    lines: Lines


class Difficulty(Strict):
    """How a difficulty level changes the economics, not only the tone."""

    reservation_shift: int = Field(
        default=0, description="Added to every counterpart's reservation (higher is tighter)."
    )
    trust_start: float | None = Field(default=None, ge=0.0, le=1.0)
    gate_shift: float = Field(default=0.0, description="Added to every constraint's trust gate.")
    concession: float = Field(
        default=1.0, gt=0.0, description="Concession exponent: above 1 concedes later."
    )
    concession_window: float = Field(
        default=0.6,
        gt=0.0,
        le=1.0,
        description="Share of the meeting by which it has conceded down to its reservation.",
    )
    max_turns: int = Field(default=20, ge=2, description="Learner turns before the meeting ends.")
    disclosures_per_turn: int = Field(default=2, ge=1)


STRATEGIES = ("integrative", "early_anchor", "capitulator", "escalator")


class ReferenceStrategies(Strict):
    """Scripted learners that prove the scenario rewards the behaviour it teaches."""

    integrative: list[str] = Field(
        min_length=2, description="Inquiry first, reflects, names the tension, offers a range."
    )
    early_anchor: list[str] = Field(min_length=1, description="Opens with a positional ask.")
    capitulator: list[str] = Field(min_length=1, description="Accepts the first lowball offer.")
    escalator: list[str] = Field(min_length=1, description="Threatens to go over their head.")
    overrides: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="Per difficulty, scripts that replace the ones above at that level.",
    )

    def scripts(self, difficulty: str) -> dict[str, list[str]]:
        """The four scripts to play at a difficulty."""
        chosen = {name: list(getattr(self, name)) for name in STRATEGIES}
        chosen.update(self.overrides.get(difficulty, {}))
        return chosen


class Scenario(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    version: int = Field(ge=1)
    title: str
    type: SimulationType
    summary: str
    learner: LearnerRole
    counterparts: list[CounterpartRole] = Field(min_length=1)
    issues: list[Issue] = Field(min_length=1)
    feasibility: list[FeasibilityRule] = Field(default_factory=list)
    difficulties: dict[str, Difficulty] = Field(default_factory=lambda: {"standard": Difficulty()})
    reference_strategies: ReferenceStrategies | None = None

    def issue(self, issue_id: str) -> Issue:
        """Return the issue with this id."""
        for issue in self.issues:
            if issue.id == issue_id:
                return issue
        raise KeyError(issue_id)

    @property
    def parties(self) -> list[str]:
        """Party ids whose points every option must give: the learner, then counterparts."""
        return [LEARNER, *(c.id for c in self.counterparts)]

    def difficulty(self, name: str) -> Difficulty:
        """Return a difficulty level's settings."""
        try:
            return self.difficulties[name]
        except KeyError:
            known = ", ".join(self.difficulties)
            raise KeyError(f"{self.id} has no difficulty {name!r} (it has: {known})") from None


def scenario_schema() -> dict[str, object]:
    """The JSON Schema of the scenario format."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Sparring scenario"
    return schema
