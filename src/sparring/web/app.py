"""Build the web application: API, pages, static files, sign-in cookies and error pages."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from importlib import resources
from importlib.metadata import version
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from sparring.analytics import outbox
from sparring.analytics.service import Analytics
from sparring.errors import UserError
from sparring.scenarios.loader import Library
from sparring.storage import accounts
from sparring.storage.database import Database
from sparring.storage.errors import Conflict, Forbidden, NotFound
from sparring.storage.service import Practice
from sparring.understanding.registry import default_reader
from sparring.web import analytics_api, analytics_pages, api, cohort_pages, pages
from sparring.web.deps import SignInRequired
from sparring.web.render import render

SECRET_ENV = "SPARRING_SECRET_KEY"
SECURE_ENV = "SPARRING_SECURE_COOKIES"
STATIC = Path(str(resources.files("sparring.web") / "static"))
COOKIE_DAYS = 14
Lifespan = Callable[[FastAPI], AbstractAsyncContextManager[None]]


def _status(error: UserError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden):
        return 403
    if isinstance(error, Conflict):
        return 409
    return 422


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _error_page(request: Request, status: int, message: str) -> Response:
    if _is_api(request):
        return JSONResponse({"detail": message}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _deliver_statements(database: Database, lrs: outbox.Lrs | None) -> Lifespan:
    """Run the xAPI outbox worker beside the server when a Learning Record Store is configured."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        worker = outbox.Worker(database, lrs, outbox.interval_from_env()) if lrs else None
        if worker:
            worker.start()
        try:
            yield
        finally:
            if worker:
                worker.stop()

    return lifespan


def create_app(
    database: Database, library: Library | None = None, lrs: outbox.Lrs | None = None
) -> FastAPI:
    """Build the application over a migrated database; `lrs` defaults to the environment's."""
    practice = Practice(database, library)
    default_reader()  # build the act classifier now, not in the first requests at once
    lrs = lrs or outbox.lrs_from_env()
    with database.transaction() as tx:
        secret = os.environ.get(SECRET_ENV) or accounts.secret_key(tx)
    app = FastAPI(
        title="Sparring",
        version=version("sparring"),
        summary="Practise peer negotiation and get a scorecard that quotes your own words.",
        docs_url=None,
        redoc_url=None,
        lifespan=_deliver_statements(database, lrs),
    )
    app.state.practice = practice
    app.state.analytics = Analytics(database, practice.library)
    app.state.lrs_endpoint = lrs.endpoint if lrs else None
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret,
        session_cookie="sparring",
        max_age=COOKIE_DAYS * 24 * 3600,
        same_site="lax",
        # Behind HTTPS the cookie must never travel in clear; a laptop serves plain HTTP.
        https_only=os.environ.get(SECURE_ENV, "") == "1",
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router)
    app.include_router(analytics_api.router)
    app.include_router(pages.router)
    app.include_router(analytics_pages.router)
    app.include_router(cohort_pages.router)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="Sparring API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.exception_handler(UserError)
    def user_error(request: Request, error: UserError) -> Response:
        return _error_page(request, _status(error), str(error))

    @app.exception_handler(HTTPException)
    def http_error(request: Request, error: HTTPException) -> Response:
        if _is_api(request):
            return JSONResponse(
                {"detail": error.detail}, status_code=error.status_code, headers=error.headers
            )
        return _error_page(request, error.status_code, str(error.detail))

    @app.exception_handler(SignInRequired)
    def sign_in(request: Request, error: SignInRequired) -> Response:
        target = f"/sign-in?next={error.path}"
        if request.headers.get("HX-Request"):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    return app
