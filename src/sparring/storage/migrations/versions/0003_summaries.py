"""Per-learner score summaries (`rollups.py`) filled from the stored scores, and indexes that
let progress, the failure patterns and the delivery counts read an index instead of a table.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from sparring.storage import rollups

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = (
    (
        "ix_scorecards_patterns",
        "scorecards",
        [
            "organization_id",
            "rubric_version",
            "simulation_type",
            "anchoring_value",
            "inquiry_value",
            "options_value",
        ],
    ),
    (
        "ix_dimension_scores_attempts",
        "dimension_scores",
        [
            "organization_id",
            "rubric_version",
            "dimension",
            "learner_id",
            "played_at",
            "scorecard_id",
            "score",
            "simulation_type",
        ],
    ),
    (
        "ix_xapi_outbox_org_state",
        "xapi_outbox",
        ["organization_id", "delivered_at", "gave_up_at", "attempts"],
    ),
)


def _summary_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("rubric_version", sa.String(length=20), nullable=False),
        sa.Column("learner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("sessions", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "learner_totals",
        *_summary_columns(),
        sa.Column("simulation_type", sa.String(length=40), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        *(sa.Column(f"band_{i}", sa.Integer(), nullable=False) for i in range(5)),
        sa.PrimaryKeyConstraint("rubric_version", "learner_id", "kind", "name", "simulation_type"),
    )
    op.create_index(
        "ix_learner_totals_org",
        "learner_totals",
        ["organization_id", "rubric_version", "simulation_type"],
    )
    op.create_table(
        "learner_recent",
        *_summary_columns(),
        sa.Column("scope", sa.String(length=40), nullable=False),
        sa.Column("mean", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("rubric_version", "learner_id", "kind", "name", "scope"),
    )
    op.create_index(
        "ix_learner_recent_org", "learner_recent", ["organization_id", "rubric_version", "scope"]
    )
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    with Session(bind=op.get_bind()) as session:
        rollups.rebuild(session)


def downgrade() -> None:
    """Revert this revision."""
    for name, table, _ in INDEXES:
        op.drop_index(name, table_name=table)
    op.drop_table("learner_recent")
    op.drop_table("learner_totals")
