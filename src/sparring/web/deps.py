"""Who is asking: API tokens for the API, a signed cookie with CSRF tokens for the pages."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from sparring.analytics.service import Analytics
from sparring.storage import accounts
from sparring.storage.accounts import Account
from sparring.storage.service import Practice

bearer = HTTPBearer(auto_error=False, description="An API token from `sparring admin token`.")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def practice(request: Request) -> Practice:
    """The application's practice service."""
    service: Practice = request.app.state.practice
    return service


Service = Annotated[Practice, Depends(practice)]


def analytics(request: Request) -> Analytics:
    """The application's analytics service."""
    service: Analytics = request.app.state.analytics
    return service


AnalyticsService = Annotated[Analytics, Depends(analytics)]


def api_account(
    service: Service,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)],
) -> Account:
    """The account an API request's bearer token belongs to; 401 without a valid one."""
    if credentials is None:
        raise HTTPException(
            401,
            "this request needs an API token: Authorization: Bearer TOKEN",
            headers={"WWW-Authenticate": "Bearer"},
        )
    with service.database.transaction() as tx:
        account = accounts.by_token(tx, credentials.credentials)
    if account is None:
        raise HTTPException(
            401, "this API token is not valid", headers={"WWW-Authenticate": "Bearer"}
        )
    return account


ApiAccount = Annotated[Account, Depends(api_account)]


class SignInRequired(Exception):
    """A page asked for without a signed-in user."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def page_account(request: Request, service: Service) -> Account:
    """The signed-in user of a page request; without one, go to the sign-in page."""
    user_id = request.session.get("user")
    account = None
    if isinstance(user_id, int):
        with service.database.transaction() as tx:
            account = accounts.by_id(tx, user_id)
    if account is None:
        raise SignInRequired(request.url.path)
    return account


PageAccount = Annotated[Account, Depends(page_account)]


def csrf_token(request: Request) -> str:
    """The cookie session's CSRF token, made on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing page request whose CSRF token does not match the cookie's."""
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    expected = request.session.get("csrf")
    if not sent or not isinstance(expected, str) or not secrets.compare_digest(sent, expected):
        raise HTTPException(403, "this form has expired; reload the page and try again")


Csrf = Depends(check_csrf)
