"""Organizations, users, passwords and API tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sparring.errors import UserError
from sparring.storage.models import ROLES, ApiToken, Organization, Setting, User

TOKEN_PREFIX = "spr_"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_hasher = PasswordHasher()
# Verified when an email is unknown, so a wrong email takes as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not a password")
MIN_PASSWORD = 8


@dataclass(frozen=True)
class Account:
    """A signed-in user as the web and services see them."""

    id: int
    email: str
    role: str
    organization_id: int
    organization: str

    @property
    def sees_organization(self) -> bool:
        """Coaches and admins see every session of their organization."""
        return self.role in ("coach", "admin")


def _account(user: User, organization: Organization) -> Account:
    return Account(user.id, user.email, user.role, organization.id, organization.name)


def create_organization(tx: Session, name: str) -> Organization:
    """Create an organization; its name must be new."""
    name = name.strip()
    if not name:
        raise UserError("an organization needs a name")
    if tx.scalar(select(Organization).where(Organization.name == name)):
        raise UserError(f"organization '{name}' already exists")
    organization = Organization(name=name)
    tx.add(organization)
    tx.flush()
    return organization


def organization(tx: Session, name: str) -> Organization:
    """Return an organization by name."""
    found = tx.scalar(select(Organization).where(Organization.name == name))
    if found is None:
        raise UserError(f"no organization '{name}' (create it with `sparring admin create-org`)")
    return found


def create_user(tx: Session, org: Organization, email: str, role: str, password: str) -> Account:
    """Create a user in an organization with a role and a password."""
    email = email.strip().lower()
    if not _EMAIL.match(email):
        raise UserError(f"'{email}' is not an email address")
    if role not in ROLES:
        raise UserError(f"unknown role '{role}' (roles: {', '.join(ROLES)})")
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters")
    if tx.scalar(select(User).where(User.email == email)):
        raise UserError(f"a user with email {email} already exists")
    user = User(
        organization_id=org.id, email=email, role=role, password_hash=_hasher.hash(password)
    )
    tx.add(user)
    tx.flush()
    return _account(user, org)


def generate_password() -> str:
    """A random password to hand to a new user."""
    return secrets.token_urlsafe(12)


def _with_organization(tx: Session, user: User | None) -> Account | None:
    if user is None:
        return None
    org = tx.get(Organization, user.organization_id)
    assert org is not None
    return _account(user, org)


def by_email(tx: Session, email: str) -> Account:
    """Return a user by email."""
    user = tx.scalar(select(User).where(User.email == email.strip().lower()))
    account = _with_organization(tx, user)
    if account is None:
        raise UserError(f"no user with email {email}")
    return account


def by_id(tx: Session, user_id: int) -> Account | None:
    """Return a user by id, or None."""
    return _with_organization(tx, tx.get(User, user_id))


def authenticate(tx: Session, email: str, password: str) -> Account | None:
    """Return the user whose email and password these are, or None."""
    user = tx.scalar(select(User).where(User.email == email.strip().lower()))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return _with_organization(tx, user)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(tx: Session, account: Account) -> str:
    """Create an API token for a user; only its digest is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    tx.add(ApiToken(user_id=account.id, token_hash=_digest(token)))
    tx.flush()
    return token


def by_token(tx: Session, token: str) -> Account | None:
    """Return the user an API token belongs to, or None (one query: it runs on every request)."""
    # Plain columns rather than ORM objects: half the work, on the hottest query there is.
    row = tx.execute(
        select(User.id, User.email, User.role, Organization.id, Organization.name)
        .join(ApiToken, ApiToken.user_id == User.id)
        .join(Organization, Organization.id == User.organization_id)
        .where(ApiToken.token_hash == _digest(token))
    ).first()
    return Account(*row) if row is not None else None


def members(tx: Session, organization_id: int) -> list[Account]:
    """Every user of an organization, by email."""
    org = tx.get(Organization, organization_id)
    assert org is not None
    users = tx.scalars(
        select(User).where(User.organization_id == organization_id).order_by(User.email)
    )
    return [_account(user, org) for user in users]


def organization_count(tx: Session) -> int:
    """How many organizations exist."""
    return tx.scalar(select(func.count()).select_from(Organization)) or 0


def secret_key(tx: Session) -> str:
    """The key that signs cookies: made once per database, so restarts keep people signed in."""
    setting = tx.get(Setting, "secret_key")
    if setting is not None:
        return setting.value
    made = secrets.token_urlsafe(48)
    try:
        with tx.begin_nested():
            tx.add(Setting(key="secret_key", value=made))
    except IntegrityError:
        # Another server process on the same empty database made it first: use theirs.
        stored = tx.scalar(select(Setting.value).where(Setting.key == "secret_key"))
        assert stored is not None
        return stored
    return made
