"""The analytics operations the pages, the API and the CLI share: each checks who asks,
opens one transaction and calls the domain functions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from sparring.analytics import cohorts as cohort_ops
from sparring.analytics import feedback as feedback_ops
from sparring.analytics import framework as framework_ops
from sparring.analytics import outbox
from sparring.analytics import readiness as readiness_ops
from sparring.analytics.competencies import (
    Competencies,
    Patterns,
    competencies,
    competency_rows,
    pattern_rows,
    patterns,
)
from sparring.analytics.profile import Profile, profile, profile_rows
from sparring.analytics.progress import (
    DEFAULT_DIMENSION,
    Progress,
    attempt_rows,
    cohort_rows,
    progress,
    progress_rows,
)
from sparring.analytics.selection import Selection, require_coach, selection
from sparring.scenarios.loader import Library
from sparring.storage.accounts import Account
from sparring.storage.database import Database
from sparring.storage.errors import Forbidden, NotFound

T = TypeVar("T")
Rows = list[dict[str, Any]]
FIGURES = (
    "competencies",
    "patterns",
    "progress",
    "cohort-progress",
    "attempts",
    "readiness",
    "feedback",
)


class Analytics:
    """Figures, cohorts, the framework, 360 ratings and xAPI export, for coaches and admins."""

    def __init__(self, database: Database, library: Library) -> None:
        self.database = database
        self.library = library

    def _figure(
        self,
        account: Account,
        cohort: int | None,
        simulation_type: str | None,
        make: Callable[[Session, Selection], T],
    ) -> T:
        with self.database.transaction() as tx:
            return make(tx, selection(tx, account, cohort, simulation_type))

    def competencies(
        self, account: Account, cohort: int | None = None, simulation_type: str | None = None
    ) -> Competencies:
        """Each dimension's and indicator's average and distribution, weakest first."""
        return self._figure(account, cohort, simulation_type, competencies)

    def patterns(
        self, account: Account, cohort: int | None = None, simulation_type: str | None = None
    ) -> Patterns:
        """The rates of the three failure patterns."""
        return self._figure(account, cohort, simulation_type, patterns)

    def progress(
        self,
        account: Account,
        cohort: int | None = None,
        simulation_type: str | None = None,
        dimension: str = DEFAULT_DIMENSION,
    ) -> Progress:
        """First and latest attempts per learner and per cohort."""
        return self._figure(
            account, cohort, simulation_type, lambda tx, chosen: progress(tx, chosen, dimension)
        )

    def profile(
        self, account: Account, learner_id: int, simulation_type: str | None = None
    ) -> Profile:
        """One learner's sessions and trends."""
        return self._figure(
            account, None, simulation_type, lambda tx, chosen: profile(tx, chosen, learner_id)
        )

    def readiness(
        self,
        account: Account,
        cohort: int | None = None,
        simulation_type: str | None = None,
        role: str | None = None,
    ) -> readiness_ops.Readiness:
        """Learners against a role's expected competency levels."""

        def make(tx: Session, chosen: Selection) -> readiness_ops.Readiness:
            chosen_framework = framework_ops.load(tx, account.organization_id)
            return readiness_ops.readiness(tx, chosen, chosen_framework, role)

        return self._figure(account, cohort, simulation_type, make)

    def feedback(
        self, account: Account, cohort: int | None = None, simulation_type: str | None = None
    ) -> feedback_ops.Feedback:
        """Simulation scores beside 360 ratings, per competency, with their correlation."""

        def make(tx: Session, chosen: Selection) -> feedback_ops.Feedback:
            return feedback_ops.comparison(
                tx, chosen, framework_ops.load(tx, account.organization_id)
            )

        return self._figure(account, cohort, simulation_type, make)

    def rows(self, account: Account, figure: str, **options: Any) -> Rows:
        """A figure as CSV rows."""
        cohort, kind = options.pop("cohort", None), options.pop("simulation_type", None)
        if figure == "competencies":
            return competency_rows(self.competencies(account, cohort, kind))
        if figure == "patterns":
            return pattern_rows(self.patterns(account, cohort, kind))
        if figure in ("progress", "cohort-progress", "attempts"):
            shaped = {"progress": progress_rows, "cohort-progress": cohort_rows}
            made = self.progress(
                account, cohort, kind, options.get("dimension") or DEFAULT_DIMENSION
            )
            return shaped.get(figure, attempt_rows)(made)
        if figure == "readiness":
            return readiness_ops.readiness_rows(
                self.readiness(account, cohort, kind, options.get("role"))
            )
        if figure == "feedback":
            return feedback_ops.feedback_rows(self.feedback(account, cohort, kind))
        if figure == "learner":
            return profile_rows(self.profile(account, int(options["learner"]), kind))
        raise NotFound(f"no figure '{figure}' (figures: {', '.join(FIGURES)})")

    # -- the framework and 360 ratings ---------------------------------------------

    def framework(self, account: Account) -> framework_ops.Framework:
        """The organization's competency framework (the default until an admin saves one)."""
        require_coach(account)
        with self.database.transaction() as tx:
            return framework_ops.load(tx, account.organization_id)

    def save_framework(self, account: Account, text_or_data: str | Any) -> framework_ops.Framework:
        """Replace the organization's framework with a validated one (admins only)."""
        if account.role != "admin":
            raise Forbidden("only an admin can change the competency framework")
        chosen = (
            framework_ops.parse(text_or_data)
            if isinstance(text_or_data, str)
            else framework_ops.validate(text_or_data)
        )
        with self.database.transaction() as tx:
            framework_ops.save(tx, account.organization_id, chosen)
        return chosen

    def import_feedback(self, account: Account, text: str) -> int:
        """Import a 360 CSV in one transaction: every row, or nothing."""
        require_coach(account)
        with self.database.transaction() as tx:
            return feedback_ops.import_csv(
                tx, account.organization_id, framework_ops.load(tx, account.organization_id), text
            )

    # -- cohorts -------------------------------------------------------------------

    def cohorts(self, account: Account) -> list[cohort_ops.CohortView]:
        """The organization's cohorts."""
        with self.database.transaction() as tx:
            return cohort_ops.listing(tx, account)

    def cohort(self, account: Account, cohort_id: int) -> cohort_ops.CohortDetail:
        """A cohort's members and assignments."""
        with self.database.transaction() as tx:
            return cohort_ops.detail(tx, account, cohort_id)

    def create_cohort(self, account: Account, name: str) -> cohort_ops.CohortView:
        """Create a cohort."""
        with self.database.transaction() as tx:
            return cohort_ops.create(tx, account, name)

    def add_members(self, account: Account, cohort_id: int, emails: list[str]) -> int:
        """Add people to a cohort by email."""
        with self.database.transaction() as tx:
            return cohort_ops.add_members(tx, account, cohort_id, emails)

    def remove_member(self, account: Account, cohort_id: int, user_id: int) -> None:
        """Take a person out of a cohort."""
        with self.database.transaction() as tx:
            cohort_ops.remove_member(tx, account, cohort_id, user_id)

    def assign(
        self, account: Account, cohort_id: int, scenario: str, difficulty: str, due: date
    ) -> cohort_ops.AssignmentView:
        """Assign a scenario to a cohort."""
        with self.database.transaction() as tx:
            return cohort_ops.assign(
                tx, account, self.library, cohort_id, scenario, difficulty, due
            )

    def assignments(self, account: Account) -> list[cohort_ops.AssignmentView]:
        """The caller's own assignments, soonest due first."""
        with self.database.transaction() as tx:
            return cohort_ops.for_learner(tx, account)

    # -- xAPI --------------------------------------------------------------------

    def statements(
        self,
        account: Account,
        cohort: int | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> list[dict[str, Any]]:
        """The xAPI statements of the organization's (or a cohort's) sessions in a time range."""
        with self.database.transaction() as tx:
            chosen = selection(tx, account, cohort)
            return outbox.export(
                tx, chosen.organization_id, cohort_id=chosen.cohort_id, since=since, until=until
            )

    def delivery(self, account: Account) -> outbox.Delivery:
        """How many of the organization's statements the Learning Record Store has."""
        require_coach(account)
        with self.database.transaction() as tx:
            return outbox.delivery(tx, account.organization_id)
