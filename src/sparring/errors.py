"""Errors that are the user's to fix: shown as one or two lines, never as a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input, explained in a sentence."""


class ScenarioNotFound(UserError):
    """No scenario with the given id, version or path."""
