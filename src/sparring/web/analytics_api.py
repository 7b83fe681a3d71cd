"""REST API v1 for coaches and admins: analytics figures, the framework, 360 ratings, cohorts,
assignments and xAPI export. Learners get 403 from every analytics endpoint."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from sparring.analytics.cohorts import AssignmentView, CohortDetail, CohortView
from sparring.analytics.competencies import Competencies, Patterns
from sparring.analytics.feedback import Feedback, ImportRejected
from sparring.analytics.framework import Framework
from sparring.analytics.profile import Profile
from sparring.analytics.progress import DEFAULT_DIMENSION, Progress
from sparring.analytics.readiness import Readiness
from sparring.analytics.tables import to_csv
from sparring.web.deps import AnalyticsService, ApiAccount

router = APIRouter(prefix="/api/v1", tags=["analytics"])
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid API token."},
    403: {"description": "The caller is a learner: analytics are for coaches and admins."},
    404: {"description": "No such cohort or learner in the caller's organization."},
}
CohortQuery = Annotated[int | None, Query(description="A cohort id; all learners when absent.")]
TypeQuery = Annotated[
    str | None,
    Query(
        alias="type",
        description="cross_functional, managing_up or multi_party; all types when absent.",
    ),
]
DimensionQuery = Annotated[str, Query(description="The dimension followed.")]
RoleQuery = Annotated[
    str | None, Query(description="A role id of the framework (default: the last).")
]


def csv_response(text: str, name: str) -> Response:
    """A CSV download."""
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@router.get("/analytics/competencies", responses=ERRORS)
def get_competencies(
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    kind: TypeQuery = None,
) -> Competencies:
    """Each dimension and indicator: average and distribution, weakest first, overall and per type."""
    return service.competencies(account, cohort, kind)


@router.get("/analytics/patterns", responses=ERRORS)
def get_patterns(
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    kind: TypeQuery = None,
) -> Patterns:
    """The three failure patterns as rates of the selected sessions, overall and per type."""
    return service.patterns(account, cohort, kind)


@router.get("/analytics/progress", responses=ERRORS)
def get_progress(
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    kind: TypeQuery = None,
    dimension: DimensionQuery = DEFAULT_DIMENSION,
) -> Progress:
    """First and latest attempt per learner and per cohort, and the mean by attempt number."""
    return service.progress(account, cohort, kind, dimension)


@router.get("/analytics/learners/{learner_id:int}", responses=ERRORS)
def get_learner(
    learner_id: int, service: AnalyticsService, account: ApiAccount, kind: TypeQuery = None
) -> Profile:
    """One learner's scores session by session, each indicator's trend, links to the evidence."""
    return service.profile(account, learner_id, kind)


@router.get("/analytics/readiness", responses=ERRORS)
def get_readiness(
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    kind: TypeQuery = None,
    role: RoleQuery = None,
) -> Readiness:
    """Each learner's recent competency scores against a role's expected levels, gaps named."""
    return service.readiness(account, cohort, kind, role)


@router.get("/analytics/feedback", responses=ERRORS)
def get_feedback(
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    kind: TypeQuery = None,
) -> Feedback:
    """Per competency: simulation scores beside 360 ratings, and their correlation."""
    return service.feedback(account, cohort, kind)


@router.post(
    "/analytics/feedback",
    responses={
        **ERRORS,
        422: {"description": "Rows that cannot be read, each named; nothing was imported."},
    },
    openapi_extra={
        "requestBody": {"content": {"text/csv": {"schema": {"type": "string"}}}, "required": True}
    },
)
async def post_feedback(
    request: Request, service: AnalyticsService, account: ApiAccount
) -> JSONResponse:
    """Import 360 ratings: CSV `email,competency,rater_group,score`; every row, or nothing."""
    text = (await request.body()).decode("utf-8-sig", errors="replace")
    try:
        count = service.import_feedback(account, text)
    except ImportRejected as error:
        return JSONResponse({"detail": str(error), "problems": error.problems}, status_code=422)
    return JSONResponse({"imported": count})


@router.get("/analytics/framework", responses=ERRORS)
def get_framework(service: AnalyticsService, account: ApiAccount) -> Framework:
    """The organization's competency framework."""
    return service.framework(account)


@router.put("/analytics/framework", responses=ERRORS)
def put_framework(
    service: AnalyticsService, account: ApiAccount, body: Annotated[dict[str, Any], Body()]
) -> Framework:
    """Replace the competency framework (admins only); it is validated first."""
    return service.save_framework(account, body)


@router.get("/analytics/xapi", responses=ERRORS)
def get_statements(
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    since: Annotated[datetime | None, Query(description="Sessions closed at or after.")] = None,
    until: Annotated[datetime | None, Query(description="Sessions closed before.")] = None,
) -> list[dict[str, Any]]:
    """The xAPI 1.0.3 statements of the organization's (or a cohort's) completed sessions."""
    return service.statements(account, cohort, since, until)


class DeliveryStatus(BaseModel):
    """How many of the organization's xAPI statements the Learning Record Store has."""

    lrs_endpoint: str | None = Field(description="The configured LRS; null when none is.")
    delivered: int
    waiting: int = Field(description="Queued, not tried yet.")
    retrying: int = Field(description="Failed at least once; tried again with backoff.")
    gave_up: int = Field(description="Out of attempts: `sparring admin deliver --retry`.")
    last_delivered_at: datetime | None
    last_error: str | None = Field(description="The latest failure of a statement still queued.")


@router.get("/analytics/xapi/status", responses=ERRORS)
def get_delivery(
    request: Request, service: AnalyticsService, account: ApiAccount
) -> DeliveryStatus:
    """Delivery of the organization's xAPI statements to the Learning Record Store."""
    found = asdict(service.delivery(account))
    return DeliveryStatus(lrs_endpoint=request.app.state.lrs_endpoint, **found)


@router.get(
    "/analytics/{figure}.csv",
    responses={**ERRORS, 200: {"content": {"text/csv": {}}}},
    response_class=Response,
)
def get_csv(
    figure: str,
    service: AnalyticsService,
    account: ApiAccount,
    cohort: CohortQuery = None,
    kind: TypeQuery = None,
    dimension: DimensionQuery = DEFAULT_DIMENSION,
    role: RoleQuery = None,
) -> Response:
    """A figure as CSV: competencies, patterns, progress, cohort-progress, attempts, readiness, feedback."""
    rows = service.rows(
        account, figure, cohort=cohort, simulation_type=kind, dimension=dimension, role=role
    )
    return csv_response(to_csv(rows), figure)


@router.get(
    "/analytics/learners/{learner_id:int}.csv",
    responses={**ERRORS, 200: {"content": {"text/csv": {}}}},
    response_class=Response,
)
def get_learner_csv(
    learner_id: int, service: AnalyticsService, account: ApiAccount, kind: TypeQuery = None
) -> Response:
    """One learner's scores, one row per session and dimension or indicator."""
    rows = service.rows(account, "learner", learner=learner_id, simulation_type=kind)
    return csv_response(to_csv(rows), f"learner-{learner_id}")


# -- cohorts and assignments -----------------------------------------------------


class NewCohort(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(description="Unique within the organization.")


class NewMembers(BaseModel):
    model_config = ConfigDict(extra="forbid")

    emails: list[str] = Field(description="People of the organization to add.")


class NewAssignment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    scenario: str
    difficulty: str = "standard"
    due: date = Field(description="The due date, YYYY-MM-DD.")


class Added(BaseModel):
    added: int


@router.get("/cohorts", responses=ERRORS)
def list_cohorts(service: AnalyticsService, account: ApiAccount) -> list[CohortView]:
    """The organization's cohorts (coaches and admins)."""
    return service.cohorts(account)


@router.post("/cohorts", status_code=201, responses=ERRORS)
def create_cohort(body: NewCohort, service: AnalyticsService, account: ApiAccount) -> CohortView:
    """Create a cohort."""
    return service.create_cohort(account, body.name)


@router.get("/cohorts/{cohort_id}", responses=ERRORS)
def get_cohort(cohort_id: int, service: AnalyticsService, account: ApiAccount) -> CohortDetail:
    """A cohort's members and assignments."""
    return service.cohort(account, cohort_id)


@router.post("/cohorts/{cohort_id}/members", responses=ERRORS)
def add_members(
    cohort_id: int, body: NewMembers, service: AnalyticsService, account: ApiAccount
) -> Added:
    """Add people by email; an email not in the organization adds no one (422)."""
    return Added(added=service.add_members(account, cohort_id, body.emails))


@router.delete("/cohorts/{cohort_id}/members/{user_id}", status_code=204, responses=ERRORS)
def remove_member(
    cohort_id: int, user_id: int, service: AnalyticsService, account: ApiAccount
) -> Response:
    """Take a person out of a cohort."""
    service.remove_member(account, cohort_id, user_id)
    return Response(status_code=204)


@router.post("/cohorts/{cohort_id}/assignments", status_code=201, responses=ERRORS)
def assign(
    cohort_id: int, body: NewAssignment, service: AnalyticsService, account: ApiAccount
) -> AssignmentView:
    """Assign a scenario at a difficulty to a cohort, due on a date."""
    return service.assign(account, cohort_id, body.scenario, body.difficulty, body.due)


@router.get("/assignments")
def my_assignments(service: AnalyticsService, account: ApiAccount) -> list[AssignmentView]:
    """The caller's assignments from every cohort they are in, soonest due first."""
    return service.assignments(account)
