"""Pages for cohorts: list and create them, add and remove members, assign scenarios."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sparring.web.deps import AnalyticsService, Csrf, PageAccount
from sparring.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/cohorts")
def cohorts(request: Request, service: AnalyticsService, account: PageAccount) -> Response:
    context = {"account": account, "cohorts": service.cohorts(account)}
    return render(request, "cohorts.html", context)


@router.post("/cohorts", dependencies=[Csrf])
def create_cohort(
    service: AnalyticsService, account: PageAccount, name: Annotated[str, Form()]
) -> Response:
    made = service.create_cohort(account, name)
    return RedirectResponse(f"/cohorts/{made.id}", status_code=303)


@router.get("/cohorts/{cohort_id}")
def cohort(
    request: Request, cohort_id: int, service: AnalyticsService, account: PageAccount
) -> Response:
    context = {
        "account": account,
        "cohort": service.cohort(account, cohort_id),
        "scenarios": service.library.all(),
        "today": date.today().isoformat(),
    }
    return render(request, "cohort.html", context)


@router.post("/cohorts/{cohort_id}/members", dependencies=[Csrf])
def add_members(
    cohort_id: int,
    service: AnalyticsService,
    account: PageAccount,
    emails: Annotated[str, Form()],
) -> Response:
    service.add_members(account, cohort_id, emails.replace(",", " ").split())
    return RedirectResponse(f"/cohorts/{cohort_id}", status_code=303)


@router.post("/cohorts/{cohort_id}/members/{user_id}/remove", dependencies=[Csrf])
def remove_member(
    cohort_id: int, user_id: int, service: AnalyticsService, account: PageAccount
) -> Response:
    service.remove_member(account, cohort_id, user_id)
    return RedirectResponse(f"/cohorts/{cohort_id}", status_code=303)


@router.post("/cohorts/{cohort_id}/assignments", dependencies=[Csrf])
def assign(
    cohort_id: int,
    service: AnalyticsService,
    account: PageAccount,
    scenario: Annotated[str, Form()],
    difficulty: Annotated[str, Form()],
    due: Annotated[date, Form()],
) -> Response:
    service.assign(account, cohort_id, scenario, difficulty, due)
    return RedirectResponse(f"/cohorts/{cohort_id}", status_code=303)
