"""Pages: sign in, catalogue, practice, scorecard, history and people. Parse, call, render."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sparring.errors import UserError
from sparring.scoring.rubric import CURRENT_VERSION
from sparring.storage import accounts
from sparring.storage.errors import Forbidden
from sparring.storage.models import ROLES
from sparring.web import views
from sparring.web.deps import AnalyticsService, Csrf, PageAccount, Service
from sparring.web.pdf import pdf_response
from sparring.web.render import render

router = APIRouter(include_in_schema=False)


def _is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _go(request: Request, target: str) -> Response:
    """Send the browser to another page, with or without HTMX."""
    if _is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def _safe_next(target: str | None) -> str:
    # Only a path on this site: never an open redirect to another host.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/scenarios"


@router.get("/")
def home(request: Request) -> Response:
    return RedirectResponse("/scenarios" if request.session.get("user") else "/sign-in", 303)


@router.get("/sign-in")
def sign_in_page(request: Request, next: str | None = None) -> Response:
    return render(request, "sign_in.html", {"next": _safe_next(next), "error": None})


@router.post("/sign-in", dependencies=[Csrf])
def sign_in(
    request: Request,
    service: Service,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "/scenarios",
) -> Response:
    with service.database.transaction() as tx:
        account = accounts.authenticate(tx, email, password)
    if account is None:
        context = {"next": _safe_next(next), "error": "That email and password do not match."}
        return render(request, "sign_in.html", context, status=401)
    request.session.clear()
    request.session["user"] = account.id
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/sign-out", dependencies=[Csrf])
def sign_out(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/sign-in", status_code=303)


@router.get("/scenarios")
def catalogue(
    request: Request, service: Service, analytics: AnalyticsService, account: PageAccount
) -> Response:
    context = {
        "account": account,
        "scenarios": service.library.all(),
        "assignments": analytics.assignments(account),
        "titles": {s.id: s.title for s in service.library.all()},
    }
    return render(request, "scenarios.html", context)


@router.post("/sessions", dependencies=[Csrf])
def start(
    request: Request,
    service: Service,
    account: PageAccount,
    scenario: Annotated[str, Form()],
    difficulty: Annotated[str, Form()] = "standard",
) -> Response:
    record = service.start(account, scenario, difficulty=difficulty)
    return _go(request, f"/sessions/{record.id}")


@router.get("/sessions/{session_id}")
def practice_page(
    request: Request, session_id: str, service: Service, account: PageAccount, hint: bool = False
) -> Response:
    stored = service.open(account, session_id)
    if stored.closed or stored.record.learner_id != account.id:
        return RedirectResponse(f"/sessions/{session_id}/scorecard", status_code=303)
    session = stored.session
    context = {
        "account": account,
        "stored": stored,
        "economics": session.economics,
        "items": views.conversation(stored),
        "limit": session.economics.difficulty.max_turns,
        "hint": session.hint() if hint else None,
        "finished": session.closed,
    }
    return render(request, "practice.html", context)


@router.post("/sessions/{session_id}/turns", dependencies=[Csrf])
def take_turn(
    request: Request,
    session_id: str,
    service: Service,
    account: PageAccount,
    text: Annotated[str, Form()] = "",
) -> Response:
    try:
        taken = service.take_turn(account, session_id, text)
    except UserError as error:
        if not _is_htmx(request) or isinstance(error, Forbidden):
            raise
        # The message goes beside the form, and what the learner typed stays in the box.
        headers = {"HX-Retarget": "#turn-error", "HX-Reswap": "innerHTML"}
        return render(request, "_message.html", {"message": str(error)}, headers=headers)
    if not _is_htmx(request):
        return RedirectResponse(f"/sessions/{session_id}", status_code=303)
    stored = service.open(account, session_id)
    context = {
        "items": [views.turn_view(stored.scenario, t) for t in taken.turns],
        "stored": stored,
        "number": stored.record.turn_count,
        "limit": stored.session.economics.difficulty.max_turns,
        "finished": taken.status == "closed",
    }
    return render(request, "_exchange.html", context)


@router.post("/sessions/{session_id}/hint", dependencies=[Csrf])
def hint(request: Request, session_id: str, service: Service, account: PageAccount) -> Response:
    line = service.hint(account, session_id)
    if not _is_htmx(request):
        return RedirectResponse(f"/sessions/{session_id}?hint=true", status_code=303)
    return render(request, "_message.html", {"message": line})


@router.post("/sessions/{session_id}/end", dependencies=[Csrf])
def end(request: Request, session_id: str, service: Service, account: PageAccount) -> Response:
    service.end(account, session_id)
    return _go(request, f"/sessions/{session_id}/scorecard")


@router.post("/sessions/{session_id}/retry", dependencies=[Csrf])
def retry(
    request: Request,
    session_id: str,
    service: Service,
    account: PageAccount,
    turn: Annotated[int, Form()],
) -> Response:
    record = service.branch(account, session_id, turn)
    return _go(request, f"/sessions/{record.id}")


@router.get("/sessions/{session_id}/scorecard")
def scorecard(
    request: Request, session_id: str, service: Service, account: PageAccount
) -> Response:
    stored = service.open(account, session_id)
    result = stored.result()
    context = {
        "account": account,
        "stored": stored,
        "result": result,
        "names": views.labels(result["rubric_version"]),
        "items": views.conversation(stored),
        "trust": views.trust_series(stored, result),
        "terms": views.package(stored.scenario, result["outcome"]["package"]),
        "best": views.package(stored.scenario, result["debrief"]["best_joint_package"]),
        "mine": stored.record.learner_id == account.id,
    }
    return render(request, "scorecard.html", context)


@router.get("/sessions/{session_id}/scorecard.pdf")
def scorecard_download(session_id: str, service: Service, account: PageAccount) -> Response:
    return pdf_response(service.open(account, session_id))


@router.get("/history")
def history(request: Request, service: Service, account: PageAccount) -> Response:
    items = service.sessions(account)
    names = views.labels(CURRENT_VERSION)
    by_id = {item.id: item for item in items}
    # The chart follows one person: a coach's list holds everyone's sessions.
    own = [item for item in items if item.learner == account.email]
    context = {
        "account": account,
        "items": items,
        "by_id": by_id,
        "names": names,
        "chart": views.scores_series(own, names),
    }
    return render(request, "history.html", context)


def _people(
    request: Request,
    service: Service,
    account: PageAccount,
    created: tuple[str, str] | None = None,
) -> Response:
    if account.role != "admin":
        raise Forbidden("only an admin can manage people")
    if created is not None:
        password = accounts.generate_password()
        with service.database.transaction() as tx:
            organization = accounts.organization(tx, account.organization)
            made = accounts.create_user(tx, organization, created[0], created[1], password)
        created = (made.email, password)
    with service.database.transaction() as tx:
        members = accounts.members(tx, account.organization_id)
    context = {"account": account, "members": members, "roles": ROLES, "created": created}
    return render(request, "people.html", context, status=201 if created else 200)


@router.get("/people")
def people(request: Request, service: Service, account: PageAccount) -> Response:
    return _people(request, service, account)


@router.post("/people", dependencies=[Csrf])
def add_person(
    request: Request,
    service: Service,
    account: PageAccount,
    email: Annotated[str, Form()],
    role: Annotated[str, Form()],
) -> Response:
    return _people(request, service, account, (email, role))
