"""Pages for coaches and admins: analytics, learner profiles, readiness, 360, the framework,
cohorts. Learners get 403. Parse, call the analytics service, render."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from sparring.analytics.feedback import ImportRejected
from sparring.analytics.framework import as_yaml
from sparring.analytics.progress import DEFAULT_DIMENSION
from sparring.analytics.selection import SIMULATION_TYPES, require_coach
from sparring.analytics.tables import to_csv
from sparring.errors import UserError
from sparring.scoring.rubric import CURRENT_VERSION
from sparring.storage.accounts import Account
from sparring.web import analytics_views as views
from sparring.web.analytics_api import csv_response
from sparring.web.deps import AnalyticsService, Csrf, PageAccount
from sparring.web.render import render
from sparring.web.views import labels

router = APIRouter(include_in_schema=False)
# Learners per readiness page; the CSV and the API list everyone.
PAGE_SIZE = 100


def _number(value: str | None) -> int | None:
    """A query parameter that is an id, or nothing when empty."""
    if value in (None, ""):
        return None
    try:
        return int(value)
    except ValueError:
        raise UserError(f"'{value}' is not a cohort id") from None


def _filters(
    service: AnalyticsService, account: Account, cohort: str | None, kind: str | None
) -> dict[str, Any]:
    """The selector's state: cohorts to pick from and what is picked."""
    require_coach(account)
    return {
        "account": account,
        "cohorts": service.cohorts(account),
        "cohort": _number(cohort),
        "kind": kind or "all",
        "types": SIMULATION_TYPES,
    }


def _query(context: dict[str, Any], **more: Any) -> str:
    """The selection as a query string for links to CSV files and other pages."""
    pairs = {"cohort": context["cohort"], "type": context["kind"], **more}
    return "&".join(f"{k}={v}" for k, v in pairs.items() if v not in (None, "", "all"))


@router.get("/analytics")
def analytics(
    request: Request,
    service: AnalyticsService,
    account: PageAccount,
    cohort: str | None = None,
    type: str | None = None,
) -> Response:
    context = _filters(service, account, cohort, type)
    chosen = (context["cohort"], None if context["kind"] == "all" else context["kind"])
    competencies = service.competencies(account, *chosen)
    patterns = service.patterns(account, *chosen)
    progress = service.progress(account, *chosen)
    context.update(
        competencies=competencies,
        patterns=patterns,
        progress=progress,
        weakest=views.weakest_sentence(competencies, account.organization),
        delivery=views.delivery_sentence(service.delivery(account), request.app.state.lrs_endpoint),
        means=views.means_chart(competencies),
        distribution=views.distribution_chart(competencies),
        rates=views.patterns_chart(patterns),
        attempts=views.attempts_chart(progress),
        names=labels(CURRENT_VERSION),
        query=_query(context),
        type_words=views.type_words,
    )
    return render(request, "analytics.html", context)


@router.get("/analytics/learners/{learner_id:int}")
def learner(
    request: Request,
    learner_id: int,
    service: AnalyticsService,
    account: PageAccount,
    type: str | None = None,
) -> Response:
    context = _filters(service, account, None, type)
    figure = service.profile(account, learner_id, None if context["kind"] == "all" else type)
    context.update(
        profile=figure,
        trend=views.trend_chart(figure),
        names=labels(CURRENT_VERSION),
        query=_query(context),
    )
    return render(request, "learner.html", context)


@router.get("/analytics/learners/{learner_id:int}.csv")
def learner_csv(
    learner_id: int, service: AnalyticsService, account: PageAccount, type: str | None = None
) -> Response:
    rows = service.rows(account, "learner", learner=learner_id, simulation_type=type)
    return csv_response(to_csv(rows), f"learner-{learner_id}")


@router.get("/analytics/readiness")
def readiness(
    request: Request,
    service: AnalyticsService,
    account: PageAccount,
    cohort: str | None = None,
    type: str | None = None,
    role: str | None = None,
    page: int = 1,
) -> Response:
    context = _filters(service, account, cohort, type)
    kind = None if context["kind"] == "all" else context["kind"]
    figure = service.readiness(account, context["cohort"], kind, role)
    pages = max(1, -(-len(figure.learners) // PAGE_SIZE))
    page = min(max(1, page), pages)
    context.update(
        readiness=figure,
        shown=figure.learners[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        page=page,
        pages=pages,
        roles=service.framework(account).roles,
        query=_query(context, role=figure.role),
    )
    return render(request, "readiness.html", context)


def _feedback_page(
    request: Request,
    service: AnalyticsService,
    account: Account,
    cohort: str | None,
    type: str | None,
    message: str | None = None,
    problems: list[str] | None = None,
    status: int = 200,
) -> Response:
    context = _filters(service, account, cohort, type)
    kind = None if context["kind"] == "all" else context["kind"]
    context.update(
        feedback=service.feedback(account, context["cohort"], kind),
        competencies=service.framework(account).competencies,
        message=message,
        problems=problems or [],
        query=_query(context),
    )
    return render(request, "feedback.html", context, status=status)


@router.get("/analytics/feedback")
def feedback(
    request: Request,
    service: AnalyticsService,
    account: PageAccount,
    cohort: str | None = None,
    type: str | None = None,
) -> Response:
    return _feedback_page(request, service, account, cohort, type)


@router.post("/analytics/feedback", dependencies=[Csrf])
async def import_feedback(
    request: Request,
    service: AnalyticsService,
    account: PageAccount,
    file: Annotated[UploadFile, File()],
) -> Response:
    text = (await file.read()).decode("utf-8-sig", errors="replace")
    try:
        count = service.import_feedback(account, text)
    except ImportRejected as error:
        message = f"Nothing was imported: {len(error.problems)} problem(s) in {file.filename}."
        return _feedback_page(
            request, service, account, None, None, message, error.problems, status=422
        )
    message = f"Imported {count} ratings from {file.filename}."
    return _feedback_page(request, service, account, None, None, message)


def _framework_page(
    request: Request,
    service: AnalyticsService,
    account: Account,
    text: str | None = None,
    message: str | None = None,
    error: str | None = None,
) -> Response:
    current = service.framework(account)
    context = {
        "account": account,
        "framework": current,
        "text": text if text is not None else as_yaml(current),
        "message": message,
        "error": error,
    }
    return render(request, "framework.html", context, status=422 if error else 200)


@router.get("/analytics/framework")
def framework(request: Request, service: AnalyticsService, account: PageAccount) -> Response:
    return _framework_page(request, service, account)


@router.post("/analytics/framework", dependencies=[Csrf])
def save_framework(
    request: Request,
    service: AnalyticsService,
    account: PageAccount,
    text: Annotated[str, Form()],
) -> Response:
    try:
        service.save_framework(account, text)
    except UserError as error:
        if account.role != "admin":
            raise
        return _framework_page(request, service, account, text, error=str(error))
    return _framework_page(request, service, account, message="Saved the competency framework.")


@router.get("/analytics/xapi.json")
def statements(
    service: AnalyticsService,
    account: PageAccount,
    cohort: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Response:
    def moment(day: date | None) -> datetime | None:
        return datetime(day.year, day.month, day.day) if day else None

    found = service.statements(account, _number(cohort), moment(since), moment(until))
    return Response(
        json.dumps(found, indent=1),
        media_type="application/json",
        headers={"Content-Disposition": 'attachment; filename="sparring-xapi.json"'},
    )


@router.get("/analytics/{figure}.csv")
def figure_csv(
    figure: str,
    service: AnalyticsService,
    account: PageAccount,
    cohort: str | None = None,
    type: str | None = None,
    dimension: str = DEFAULT_DIMENSION,
    role: str | None = None,
) -> Response:
    rows = service.rows(
        account,
        figure,
        cohort=_number(cohort),
        simulation_type=type,
        dimension=dimension,
        role=role,
    )
    return csv_response(to_csv(rows), figure)
