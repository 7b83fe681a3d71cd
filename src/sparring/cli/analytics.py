"""`sparring admin seed-demo`, `import-360`, `deliver` and `export-xapi`: demo data, 360
ratings and xAPI results."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import select

from sparring.analytics import feedback, framework, outbox
from sparring.analytics.seeding import seed_demo
from sparring.cli.admin import admin
from sparring.cli.common import ScenariosOption, library, out, user_errors
from sparring.cli.database import DatabaseOption, database
from sparring.errors import UserError
from sparring.storage import accounts
from sparring.storage.demo import ORGANIZATION, PASSWORD
from sparring.storage.models import Cohort


@admin.command("seed-demo")
@user_errors
def seed(
    learners: Annotated[int, typer.Option("--learners", help="How many learners to create.")] = 40,
    sessions: Annotated[
        int, typer.Option("--sessions", help="How many sessions they play in all.")
    ] = 400,
    org: Annotated[str, typer.Option("--org", help="The organization (created if absent).")] = (
        ORGANIZATION
    ),
    seed: Annotated[int, typer.Option("--seed", help="Same seed, same learners and sessions.")] = 0,
    db: DatabaseOption = None,
    packs: ScenariosOption = None,
) -> None:
    """Create demo learners, cohorts, assignments, 360 ratings and simulated sessions."""
    made = seed_demo(
        database(db),
        library(packs),
        organization=org,
        learner_count=learners,
        session_count=sessions,
        seed=seed,
    )
    out.print(
        f"seeded {made.organization}: {made.learners} learners in {made.cohorts} cohorts, "
        f"{made.sessions} sessions ({made.distinct_conversations} distinct conversations), "
        f"{made.ratings} 360 ratings"
    )
    out.print(f"sign in as {made.coach} or {made.admin} (password {PASSWORD})")


@admin.command("import-360")
@user_errors
def import_360(
    file: Annotated[
        Path, typer.Argument(help="CSV with the header email,competency,rater_group,score.")
    ],
    org: Annotated[str, typer.Option("--org", help="The organization's name.")],
    db: DatabaseOption = None,
) -> None:
    """Import 360-feedback ratings from a CSV: every row, or nothing (problems named by line)."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UserError(f"cannot read {file}: {error}") from None
    with database(db).transaction() as tx:
        organization = accounts.organization(tx, org)
        chosen = framework.load(tx, organization.id)
        count = feedback.import_csv(tx, organization.id, chosen, text)
    out.print(f"imported {count} ratings into {org}")


@admin.command("deliver")
@user_errors
def deliver(
    retry: Annotated[
        bool, typer.Option("--retry", help="First re-queue statements that ran out of attempts.")
    ] = False,
    db: DatabaseOption = None,
) -> None:
    """Send due xAPI statements to the LRS in $SPARRING_LRS_ENDPOINT (for cron)."""
    lrs = outbox.lrs_from_env()
    if lrs is None:
        raise UserError(f"no Learning Record Store: set {outbox.ENDPOINT_ENV} (and credentials)")
    opened = database(db)
    if retry:
        out.print(f"re-queued {outbox.retry_given_up(opened)} statements")
    total = outbox.Report()
    while True:
        report = outbox.deliver_due(opened, lrs)
        total.delivered += report.delivered
        total.failed += report.failed
        total.gave_up += report.gave_up
        if report.delivered + report.failed == 0 or report.failed:
            break
    out.print(
        f"delivered {total.delivered}, failed {total.failed} (retried later), "
        f"gave up {total.gave_up}"
    )
    if total.failed:
        raise typer.Exit(1)


def _day(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UserError(f"{option} must be a date like 2026-03-31, not '{value}'") from None
    return datetime(day.year, day.month, day.day)


@admin.command("export-xapi")
@user_errors
def export_xapi(
    org: Annotated[str, typer.Option("--org", help="The organization's name.")],
    cohort: Annotated[
        str | None, typer.Option("--cohort", help="Only this cohort's learners (its name).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Sessions closed on or after this date.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Sessions closed before this date.")
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (default: stdout).")
    ] = None,
    db: DatabaseOption = None,
) -> None:
    """Write the xAPI 1.0.3 statements of an organization's completed sessions as JSON."""
    opened = database(db)
    with opened.transaction() as tx:
        organization = accounts.organization(tx, org)
        cohort_id = None
        if cohort is not None:
            cohort_id = tx.scalar(
                select(Cohort.id).where(
                    Cohort.organization_id == organization.id, Cohort.name == cohort
                )
            )
            if cohort_id is None:
                raise UserError(f"no cohort '{cohort}' in {org}")
        statements = outbox.export(
            tx,
            organization.id,
            cohort_id=cohort_id,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
        )
    text = json.dumps(statements, indent=1) + "\n"
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        out.print(f"wrote {len(statements)} statements to {output}")
