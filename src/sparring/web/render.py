"""Render Jinja2 templates; learner text is always escaped."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sparring.web.deps import csrf_token
from sparring.web.views import label, status_words

TEMPLATES = Path(str(resources.files("sparring.web") / "templates"))
environment = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"], default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
environment.globals.update(label=label, status_words=status_words)


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a page or fragment with the request's CSRF token and signed-in user."""
    page = environment.get_template(template).render(
        request=request,
        csrf=csrf_token(request),
        account=context.pop("account", None),
        **context,
    )
    return HTMLResponse(page, status_code=status, headers=headers)
