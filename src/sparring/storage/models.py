"""The stored records: people, sessions as learner turns, derived scores, cohorts and results."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ROLES = ("learner", "coach", "admin")
OPEN = "open"
CLOSED = "closed"


def now() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def utc(moment: datetime) -> datetime:
    """A stored time as UTC (SQLite returns it without a zone)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Every stored table."""


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # Tokens are random and long, so a SHA-256 digest is enough to keep them unreadable.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Setting(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class StoredSession(Base):
    """A practice session: its learner turns replayed against this scenario version and seed."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_organization_created", "organization_id", "created_at"),
        Index("ix_sessions_learner_created", "learner_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    scenario_id: Mapped[str] = mapped_column(String(100))
    scenario_version: Mapped[int] = mapped_column(Integer)
    difficulty: Mapped[str] = mapped_column(String(40))
    seed: Mapped[int] = mapped_column(Integer)
    rubric_version: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    turn_count: Mapped[int] = mapped_column(Integer, default=0)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("sessions.id"), index=True)
    branch_turn: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Turn(Base):
    """One learner turn, appended once and never changed."""

    __tablename__ = "turns"
    __table_args__ = (UniqueConstraint("session_id", "number", name="uq_turns_session_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Scorecard(Base):
    """A closed session's scores under one rubric version: derived, recomputable."""

    __tablename__ = "scorecards"
    __table_args__ = (
        UniqueConstraint("session_id", "rubric_version", name="uq_scorecards_session_rubric"),
        Index("ix_scorecards_org_scenario", "organization_id", "rubric_version", "scenario_id"),
        Index("ix_scorecards_learner_played", "learner_id", "played_at"),
        # Covers the failure-pattern counts, so they read the index and not the table.
        Index(
            "ix_scorecards_patterns",
            "organization_id",
            "rubric_version",
            "simulation_type",
            "anchoring_value",
            "inquiry_value",
            "options_value",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"))
    rubric_version: Mapped[str] = mapped_column(String(20))
    # Copied from the session so aggregates need no join.
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    scenario_id: Mapped[str] = mapped_column(String(100))
    scenario_version: Mapped[int] = mapped_column(Integer)
    simulation_type: Mapped[str] = mapped_column(String(40))
    difficulty: Mapped[str] = mapped_column(String(40))
    played_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    learner_turns: Mapped[int] = mapped_column(Integer)
    outcome_status: Mapped[str] = mapped_column(String(20))
    learner_points: Mapped[int] = mapped_column(Integer)
    counterpart_points: Mapped[int] = mapped_column(Integer)
    joint_efficiency: Mapped[float | None] = mapped_column(Float)
    feasible_for_learner: Mapped[bool | None] = mapped_column(Boolean)
    capitulated: Mapped[bool] = mapped_column(Boolean)
    escalated: Mapped[bool] = mapped_column(Boolean)
    # Copied from three indicators so the failure patterns are one pass over scorecards.
    anchoring_value: Mapped[float | None] = mapped_column(Float)
    inquiry_value: Mapped[float | None] = mapped_column(Float)
    options_value: Mapped[float | None] = mapped_column(Float)
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class _CopiedFromScorecard:
    """The scorecard's organization, rubric, type, learner and time, so aggregates need no join."""

    organization_id: Mapped[int] = mapped_column(Integer)
    rubric_version: Mapped[str] = mapped_column(String(20))
    simulation_type: Mapped[str] = mapped_column(String(40))
    learner_id: Mapped[int] = mapped_column(Integer)
    played_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DimensionScore(_CopiedFromScorecard, Base):
    __tablename__ = "dimension_scores"
    __table_args__ = (
        Index("ix_dimension_scores_dimension", "dimension", "score"),
        Index(
            "ix_dimension_scores_org",
            "organization_id",
            "rubric_version",
            "simulation_type",
            "dimension",
            "score",
        ),
        Index("ix_dimension_scores_learner", "learner_id", "dimension", "played_at"),
        # Each learner's attempts in order, with the score: progress numbers them without a sort.
        Index(
            "ix_dimension_scores_attempts",
            "organization_id",
            "rubric_version",
            "dimension",
            "learner_id",
            "played_at",
            "scorecard_id",
            "score",
            "simulation_type",
        ),
    )

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    dimension: Mapped[str] = mapped_column(String(64), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    level: Mapped[str] = mapped_column(String(32))


class IndicatorScore(_CopiedFromScorecard, Base):
    __tablename__ = "indicator_scores"
    __table_args__ = (
        Index("ix_indicator_scores_indicator", "indicator", "score"),
        Index(
            "ix_indicator_scores_org",
            "organization_id",
            "rubric_version",
            "simulation_type",
            "indicator",
            "score",
        ),
        Index("ix_indicator_scores_learner", "learner_id", "indicator", "played_at"),
    )

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True
    )
    indicator: Mapped[str] = mapped_column(String(64), primary_key=True)
    score: Mapped[int] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)


class _Summary:
    """A learner's figures per dimension or indicator, kept with their scores (`rollups.py`)."""

    rubric_version: Mapped[str] = mapped_column(String(20), primary_key=True)
    learner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    organization_id: Mapped[int] = mapped_column(Integer)
    sessions: Mapped[int] = mapped_column(Integer)


class LearnerTotal(_Summary, Base):
    """Per learner, type and dimension or indicator: sessions, the sum of their scores and how
    many fell in each band; the organization's distributions add these up."""

    __tablename__ = "learner_totals"
    __table_args__ = (
        Index("ix_learner_totals_org", "organization_id", "rubric_version", "simulation_type"),
    )

    simulation_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    total: Mapped[int] = mapped_column(Integer)
    band_0: Mapped[int] = mapped_column(Integer)
    band_1: Mapped[int] = mapped_column(Integer)
    band_2: Mapped[int] = mapped_column(Integer)
    band_3: Mapped[int] = mapped_column(Integer)
    band_4: Mapped[int] = mapped_column(Integer)


class LearnerRecent(_Summary, Base):
    """Per learner and dimension or indicator: the mean over their latest sessions of one type,
    or of all types (`scope` "all"); readiness and the 360 comparison read these."""

    __tablename__ = "learner_recent"
    __table_args__ = (Index("ix_learner_recent_org", "organization_id", "rubric_version", "scope"),)

    scope: Mapped[str] = mapped_column(String(40), primary_key=True)
    mean: Mapped[float] = mapped_column(Float)


class Cohort(Base):
    """A group of learners a coach follows and assigns scenarios to."""

    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("organization_id", "name", name="uq_cohorts_org_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Membership(Base):
    __tablename__ = "cohort_members"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Assignment(Base):
    """A scenario a cohort is asked to practise, at a difficulty, by a date."""

    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"), index=True)
    scenario_id: Mapped[str] = mapped_column(String(100))
    difficulty: Mapped[str] = mapped_column(String(40))
    due_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class Framework(Base):
    """An organization's competency framework (JSON validated by `analytics.framework`)."""

    __tablename__ = "competency_frameworks"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    body: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class FeedbackRating(Base):
    """One 360-feedback rating: a rater group's score of a learner on a competency."""

    __tablename__ = "feedback_ratings"
    __table_args__ = (
        UniqueConstraint(
            "learner_id", "competency", "rater_group", name="uq_feedback_learner_competency_group"
        ),
        Index("ix_feedback_ratings_org", "organization_id", "competency"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    competency: Mapped[str] = mapped_column(String(64))
    rater_group: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class OutboxStatement(Base):
    """A closed session's xAPI statement, kept until the Learning Record Store has it."""

    __tablename__ = "xapi_outbox"
    __table_args__ = (
        Index("ix_xapi_outbox_due", "delivered_at", "next_attempt_at"),
        Index("ix_xapi_outbox_org_created", "organization_id", "created_at"),
        # The delivery counts read this index alone.
        Index(
            "ix_xapi_outbox_org_state",
            "organization_id",
            "delivered_at",
            "gave_up_at",
            "attempts",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), unique=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    learner_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    statement: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    gave_up_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
