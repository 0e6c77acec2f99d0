"""The monitor's rules as data: what a run's facts must show for each event to be raised.

`monitor.diff` gathers facts from the database (one `DocumentFacts` per document and council,
one `CouncilFacts` per council checked) and raises every rule whose condition holds. The event
key makes each event idempotent: re-running a diff finds the key already stored and adds nothing.

The one rule that shapes all others: an `unknown` check (site down, blocked, challenged) is never
evidence that something is missing. It raises `check_failing` after N in a row and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from monitor.config import DeadlineConfig, DiffConfig

GONE_STATUSES = (404, 410)


@dataclass(frozen=True)
class DocumentFacts:
    """One document of one council, as run `run_id` left it."""

    run_id: int
    council_code: str
    council_name: str
    document_id: str
    kind: str
    title: str
    url: str
    visit_start: str | None
    last_seen_run: int
    #: First seen on this run.
    is_new: bool = False
    #: Content changed on this run (and it was seen before).
    changed: bool = False
    #: No feedback report for the same council and visit was seen before this one.
    first_report_for_visit: bool = False
    #: This council's check on this run was not `unknown`.
    check_known: bool = True
    #: Successful checks of this council since the document was last seen.
    absent_checks: int = 0
    #: 404 or 410 answered for this document on this run, else None.
    gone_status: int | None = None
    #: Its URL answered 200 with a "page not found" page on this run.
    soft_404: bool = False
    #: Found at a new URL on this run with the same content (`moved_from` is the old one).
    moved: bool = False
    moved_from: str = ""
    #: For a change: the changed sentences (monitor.textdiff), bounded.
    changes: str = ""
    #: sha256 of the latest version kept in the evidence archive ("" if none).
    archive_sha256: str = ""


@dataclass(frozen=True)
class CouncilFacts:
    """One council's check on run `run_id`, with its history before it."""

    run_id: int
    council_code: str
    council_name: str
    verdict: str
    #: The latest verdict other than `unknown` before this run (None: never known).
    previous_verdict: str | None = None
    #: Unknown checks in a row ending with this one (0 when this check is known).
    unknown_streak: int = 0
    #: Run where the current unknown streak began.
    streak_start_run: int | None = None
    #: Unknown checks in a row ending with the previous check.
    unknown_streak_before: int = 0
    #: Why this check could not see the site (None when it could).
    reason: str | None = None


@dataclass(frozen=True)
class Rule:
    """Raise `kind` when `when(facts, settings)` holds. Its key, summary, label and digest
    section are the kind's, in `monitor.events.KINDS`."""

    kind: str
    when: Callable[..., bool]


def _is_first_report(f: DocumentFacts) -> bool:
    return f.kind == "feedback_report" and f.first_report_for_visit


DOCUMENT_RULES: tuple[Rule, ...] = (
    Rule(
        "report_published",
        lambda f, s: f.is_new and _is_first_report(f),
    ),
    Rule(
        "document_added",
        lambda f, s: f.is_new and not _is_first_report(f),
    ),
    Rule(
        "document_changed",
        lambda f, s: f.changed,
    ),
    Rule(
        "document_moved",
        lambda f, s: f.moved,
    ),
    Rule(
        # Keyed on the last sighting, so one disappearance is one event however many runs
        # keep confirming it.
        "document_removed",
        lambda f, s: (
            f.check_known
            and (f.gone_status in GONE_STATUSES or f.soft_404 or f.absent_checks >= s.removed_after)
        ),
    ),
)

COUNCIL_RULES: tuple[Rule, ...] = (
    Rule(
        "verdict_changed",
        lambda f, s: f.verdict != "unknown" and f.previous_verdict not in (None, f.verdict),
    ),
    Rule(
        "check_failing",
        lambda f, s: f.verdict == "unknown" and f.unknown_streak >= s.failing_after,
    ),
    Rule(
        "check_recovered",
        lambda f, s: f.verdict != "unknown" and f.unknown_streak_before >= s.failing_after,
    ),
)

KIND_LABELS = {
    "feedback_report": "feedback report",
    "action_plan": "action plan",
    "progress_review": "progress review",
    "position_statement": "position statement",
    "committee_paper": "committee paper",
    "announcement": "announcement",
    "pre_challenge_notice": "pre-challenge notice",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind.replace("_", " "))


@dataclass(frozen=True)
class DeadlineRule:
    """A document due `months` (a `DeadlineConfig` field) after a CPC visit's last day."""

    name: str
    document_kind: str
    months_setting: str
    label: str

    def months(self, settings: DeadlineConfig) -> int:
        return int(getattr(settings, self.months_setting))


#: The LGA's publication rules (domain notes 1.1). The action plan is expected with the report
#: at 3 months but only missed after the 5-month latest date.
DEADLINE_RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule("report", "feedback_report", "report_months", "feedback report"),
    DeadlineRule("action_plan", "action_plan", "action_plan_months", "action plan"),
    DeadlineRule("progress_review", "progress_review", "progress_review_months", "progress review"),
)


def raised(rules: tuple[Rule, ...], facts, settings: DiffConfig) -> list[Rule]:
    """The rules whose condition holds for these facts."""
    return [r for r in rules if r.when(facts, settings)]
