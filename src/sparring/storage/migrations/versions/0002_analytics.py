"""Analytics: cohorts, assignments, frameworks, 360 ratings, the xAPI outbox; scores copy
their scorecard's organization, rubric, type, learner and time so aggregates need no join,
and scorecards copy the three indicator values the failure patterns read.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COPIED = (
    ("organization_id", sa.Integer()),
    ("rubric_version", sa.String(length=20)),
    ("simulation_type", sa.String(length=40)),
    ("learner_id", sa.Integer()),
    ("played_at", sa.DateTime(timezone=True)),
)
SCORES = (("dimension_scores", "dimension"), ("indicator_scores", "indicator"))
PATTERN_INDICATORS = ("anchoring", "inquiry", "options")


def _copy_scorecard_columns() -> None:
    for table, name in SCORES:
        with op.batch_alter_table(table) as batch:
            for column, kind in COPIED:
                batch.add_column(sa.Column(column, kind, nullable=True))
        for column, _ in COPIED:
            op.execute(
                f"UPDATE {table} SET {column} = (SELECT scorecards.{column} FROM scorecards "
                f"WHERE scorecards.id = {table}.scorecard_id)"
            )
        with op.batch_alter_table(table) as batch:
            for column, kind in COPIED:
                batch.alter_column(column, existing_type=kind, nullable=False)
            batch.create_index(
                f"ix_{table}_org",
                ["organization_id", "rubric_version", "simulation_type", name, "score"],
            )
            batch.create_index(f"ix_{table}_learner", ["learner_id", name, "played_at"])


def _copy_pattern_values() -> None:
    with op.batch_alter_table("scorecards") as batch:
        for name in PATTERN_INDICATORS:
            batch.add_column(sa.Column(f"{name}_value", sa.Float(), nullable=True))
    for name in PATTERN_INDICATORS:
        op.execute(
            f"UPDATE scorecards SET {name}_value = (SELECT indicator_scores.value "
            "FROM indicator_scores WHERE indicator_scores.scorecard_id = scorecards.id "
            f"AND indicator_scores.indicator = '{name}')"
        )


def upgrade() -> None:
    """Apply this revision."""
    _copy_scorecard_columns()
    _copy_pattern_values()
    op.create_table(
        "cohorts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organization_id", "name", name="uq_cohorts_org_name"),
    )
    op.create_table(
        "cohort_members",
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("cohort_id", "user_id"),
    )
    op.create_index("ix_cohort_members_user_id", "cohort_members", ["user_id"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=False),
        sa.Column("scenario_id", sa.String(length=100), nullable=False),
        sa.Column("difficulty", sa.String(length=40), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["cohort_id"], ["cohorts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assignments_cohort_id", "assignments", ["cohort_id"])
    op.create_table(
        "competency_frameworks",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"]),
        sa.PrimaryKeyConstraint("organization_id"),
    )
    op.create_table(
        "feedback_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(length=64), nullable=False),
        sa.Column("rater_group", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"]),
        sa.ForeignKeyConstraint(["learner_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "learner_id", "competency", "rater_group", name="uq_feedback_learner_competency_group"
        ),
    )
    op.create_index(
        "ix_feedback_ratings_org", "feedback_ratings", ["organization_id", "competency"]
    )
    op.create_table(
        "xapi_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=32), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("statement", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("gave_up_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"]),
        sa.ForeignKeyConstraint(["organization_id"], ["organizations.id"]),
        sa.ForeignKeyConstraint(["learner_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id"),
    )
    op.create_index("ix_xapi_outbox_due", "xapi_outbox", ["delivered_at", "next_attempt_at"])
    op.create_index("ix_xapi_outbox_org_created", "xapi_outbox", ["organization_id", "created_at"])


def downgrade() -> None:
    """Revert this revision."""
    for table in (
        "xapi_outbox",
        "feedback_ratings",
        "competency_frameworks",
        "assignments",
        "cohort_members",
        "cohorts",
    ):
        op.drop_table(table)
    with op.batch_alter_table("scorecards") as batch:
        for name in PATTERN_INDICATORS:
            batch.drop_column(f"{name}_value")
    for table, _ in SCORES:
        with op.batch_alter_table(table) as batch:
            batch.drop_index(f"ix_{table}_org")
            batch.drop_index(f"ix_{table}_learner")
            for column, _kind in COPIED:
                batch.drop_column(column)
