"""What can go wrong with a stored session, each mapped to one HTTP status by the web."""

from __future__ import annotations

from sparring.errors import UserError


class NotFound(UserError):
    """No such session, or one the caller may not see: the two are never told apart."""


class Forbidden(UserError):
    """The caller may see the session but not change it."""


class Conflict(UserError):
    """The session is busy with another turn, or has ended."""
