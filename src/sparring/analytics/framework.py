"""An organization's competency framework: named competencies made of scored indicators and
dimensions, and the level each role expects. JSON or YAML, validated here."""

from __future__ import annotations

import json
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from sqlalchemy.orm import Session

from sparring.errors import UserError
from sparring.scoring.rubric import CURRENT_VERSION, load_rubric
from sparring.storage.models import Framework as StoredFramework
from sparring.storage.models import now

ID = r"^[a-z0-9][a-z0-9_-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Competency(_Strict):
    id: str = Field(pattern=ID, description="Used in 360 CSV files and the API.")
    name: str = Field(min_length=1)
    description: str = ""
    indicators: dict[str, float] = Field(default_factory=dict, description="Indicator weights.")
    dimensions: dict[str, float] = Field(default_factory=dict, description="Dimension weights.")

    @model_validator(mode="after")
    def _weighted(self) -> Competency:
        weights = {**self.indicators, **self.dimensions}
        if not weights:
            raise ValueError(f"competency '{self.id}' needs at least one indicator or dimension")
        if any(w <= 0 for w in weights.values()):
            raise ValueError(f"competency '{self.id}': weights must be positive")
        rubric = load_rubric(CURRENT_VERSION)
        for kind, names, known in (
            ("indicator", self.indicators, rubric.indicators),
            ("dimension", self.dimensions, rubric.dimensions),
        ):
            for name in names:
                if name not in known:
                    raise ValueError(
                        f"competency '{self.id}': unknown {kind} '{name}' "
                        f"(known: {', '.join(known)})"
                    )
        return self


class Role(_Strict):
    id: str = Field(pattern=ID)
    name: str = Field(min_length=1)
    expected: dict[str, int] = Field(
        description="Competency id -> the score (0-100) the role expects; absent means none."
    )


class Framework(_Strict):
    competencies: list[Competency] = Field(min_length=1)
    roles: list[Role] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Framework:
        ids = [c.id for c in self.competencies]
        if len(set(ids)) != len(ids):
            raise ValueError("two competencies share an id")
        if len({r.id for r in self.roles}) != len(self.roles):
            raise ValueError("two roles share an id")
        for role in self.roles:
            for competency, level in role.expected.items():
                if competency not in ids:
                    raise ValueError(f"role '{role.id}' expects unknown competency '{competency}'")
                if not 0 <= level <= 100:
                    raise ValueError(f"role '{role.id}': levels are 0-100, not {level}")
        return self

    def competency(self, key: str) -> Competency | None:
        """The competency with this id or name (any case), if any."""
        wanted = key.strip().lower()
        return next((c for c in self.competencies if wanted in (c.id, c.name.lower())), None)

    def role(self, key: str | None) -> Role:
        """The role with this id (the last, most senior, role when none is given)."""
        if not key:
            return self.roles[-1]
        for role in self.roles:
            if role.id == key:
                return role
        known = ", ".join(r.id for r in self.roles)
        raise UserError(f"no role '{key}' in the competency framework (roles: {known})")


DEFAULT = Framework(
    competencies=[
        Competency(
            id="influence",
            name="Influence without authority",
            description="Getting a peer you do not control to a viable agreement.",
            dimensions={"influence_without_authority": 1},
        ),
        Competency(
            id="information_gathering",
            name="Information gathering",
            description="Asking before proposing, and characterizing their constraints precisely.",
            indicators={"inquiry": 0.4, "constraint_precision": 0.4, "anchoring": 0.2},
        ),
        Competency(
            id="creating_value",
            name="Creating value",
            description="Trading across issues and bringing a range of packages.",
            dimensions={"value_creation": 1},
        ),
        Competency(
            id="peer_relationships",
            name="Peer relationships",
            description="Naming the tension and leaving the relationship stronger.",
            indicators={"relationship": 0.5, "tension_naming": 0.5},
        ),
    ],
    roles=[
        Role(
            id="director",
            name="Director",
            expected={
                "influence": 50,
                "information_gathering": 50,
                "creating_value": 45,
                "peer_relationships": 50,
            },
        ),
        Role(
            id="vp",
            name="VP",
            expected={
                "influence": 70,
                "information_gathering": 65,
                "creating_value": 65,
                "peer_relationships": 70,
            },
        ),
    ],
)


def parse(text: str) -> Framework:
    """Read a framework from JSON or YAML text; a UserError names the first problem."""
    try:
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise UserError(f"the framework is not valid JSON or YAML: {error}") from None
    return validate(data)


def validate(data: Any) -> Framework:
    """Check framework data; a UserError names the first problem and where it is."""
    try:
        return Framework.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise UserError(f"framework{': ' + where if where else ''}: {message}") from None


def load(tx: Session, organization_id: int) -> Framework:
    """The organization's framework, or the default one."""
    stored = tx.get(StoredFramework, organization_id)
    return DEFAULT if stored is None else Framework.model_validate(json.loads(stored.body))


def save(tx: Session, organization_id: int, framework: Framework) -> None:
    """Store an organization's framework, replacing the one before."""
    body = framework.model_dump_json()
    stored = tx.get(StoredFramework, organization_id)
    if stored is None:
        tx.add(StoredFramework(organization_id=organization_id, body=body))
    else:
        stored.body, stored.updated_at = body, now()
    tx.flush()


def as_yaml(framework: Framework) -> str:
    """The framework as YAML, for editing."""
    return yaml.safe_dump(framework.model_dump(), sort_keys=False, allow_unicode=True)
