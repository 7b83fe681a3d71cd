"""`sparring admin`: organizations, people, API tokens, migrations and re-scoring."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sparring.cli.common import ScenariosOption, app, library, out, user_errors
from sparring.cli.database import DatabaseOption, database
from sparring.errors import UserError
from sparring.storage import accounts
from sparring.storage.models import ROLES
from sparring.storage.service import Practice

admin = typer.Typer(
    help="Manage organizations, people and API tokens; migrate and re-score the database; "
    "seed demo data; deliver and export xAPI statements.",
    no_args_is_help=True,
)
app.add_typer(admin, name="admin")


@admin.command("create-org")
@user_errors
def create_org(
    name: Annotated[str, typer.Argument(help="The organization's name.")],
    db: DatabaseOption = None,
) -> None:
    """Create an organization."""
    with database(db).transaction() as tx:
        accounts.create_organization(tx, name)
    out.print(f"created organization {name}")


def _password() -> tuple[str, bool]:
    if sys.stdin.isatty():
        return accounts.generate_password(), True
    password = sys.stdin.read().rstrip("\r\n")
    if not password:
        raise UserError("no password on standard input (or run in a terminal to generate one)")
    return password, False


@admin.command("create-user")
@user_errors
def create_user(
    org: Annotated[str, typer.Option("--org", help="The organization's name.")],
    email: Annotated[str, typer.Option("--email", help="The person's email, used to sign in.")],
    role: Annotated[str, typer.Option("--role", help=f"One of: {', '.join(ROLES)}.")],
    db: DatabaseOption = None,
) -> None:
    """Add a person; the password is read from standard input, or generated and printed."""
    password, generated = _password()
    with database(db).transaction() as tx:
        account = accounts.create_user(tx, accounts.organization(tx, org), email, role, password)
    out.print(f"created {account.role} {account.email} in {account.organization}")
    if generated:
        out.print(f"password: {password}")


@admin.command("token")
@user_errors
def token(
    email: Annotated[str, typer.Option("--email", help="Whose token: the person's email.")],
    db: DatabaseOption = None,
) -> None:
    """Print a new API token for a person (send it as `Authorization: Bearer TOKEN`)."""
    with database(db).transaction() as tx:
        issued = accounts.issue_token(tx, accounts.by_email(tx, email))
    sys.stdout.write(issued + "\n")


@admin.command("migrate")
@user_errors
def migrate(db: DatabaseOption = None) -> None:
    """Bring the database's schema up to date (`sparring serve` does this at start too)."""
    opened = database(db)
    out.print(f"database {opened} is up to date")


@admin.command("rescore")
@user_errors
def rescore(
    rubric: Annotated[
        str | None, typer.Option("--rubric", help="Rubric version (default: the current one).")
    ] = None,
    db: DatabaseOption = None,
    packs: ScenariosOption = None,
) -> None:
    """Recompute every finished session's scores from its turns; queue missing xAPI statements."""
    count = Practice(database(db), library(packs)).rescore(rubric)
    out.print(f"re-scored {count} sessions")
