"""A realistic multi-run peerwatch database for the Datasette tests, built through `db.runs`.

Three complete runs (400, 200 and 2 days ago) and one still `running` run whose checks must be
ignored. Events are inserted directly, as the diff would write them; due dates and overdue flags
(`council_deadlines`) are then evaluated by `monitor.deadlines`, as after every diff. Dates are relative to today
so deadlines keep their meaning; `Scenario` carries the dates the tests check against.

Councils and their story:
- BOL published on time (report seen before it was due), action plan, then a progress review.
- BAB + MSU one joint report, month-precision visit (February 2023).
- NNT (successor of KET, NTH) a CPC ending 30 November 2024, no report: overdue.
- WNT (successor of DAV, NOR, SNR, NTH) a CPC with the report found late, on the last run.
- BUC (successor of WYO) could never be checked (503).
- ADU no CPC on any run.
- HAS published, then a bot challenge on the last run: unknown, report still known.
- KEC a report only for a 2016 CPC, and a newer CPC without one.
- CHE its report removed on the last run.
- ROH no CPC; a scraped "document" with a script in its title and a javascript: URL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from db.bootstrap import init_path
from db.connection import open_db
from db.runs import CouncilCheck, FoundDocument, RunStats, commit_run, document_id, start_run
from monitor.config import DeadlineConfig
from monitor.deadlines import refresh_council_deadlines

LGA = "https://www.local.gov.uk/our-support/council-assurance-and-peer-challenge/peer-challenges-we-offer"
HOSTILE_TITLE = '<script>alert("pw")</script> Peer challenge notice'
HOSTILE_URL = "javascript:alert(1)"


@dataclass(frozen=True)
class Scenario:
    today: dt.date
    run_days: tuple[dt.date, ...]
    bol_visit: tuple[dt.date, dt.date]
    wnt_visit: tuple[dt.date, dt.date]
    kec_visit: tuple[dt.date, dt.date]
    urls: dict[str, str]


def _day(today: dt.date, days_ago: int) -> str:
    return (today - dt.timedelta(days=days_ago)).isoformat()


def _doc(
    url: str, kind: str, title: str, codes: tuple[str, ...], text: str, **dates
) -> FoundDocument:
    return FoundDocument(
        url=url,
        kind=kind,
        title=title,
        source="lga" if "local.gov.uk" in url else "council",
        council_codes=codes,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        content_type="application/pdf" if url.endswith(".pdf") else "text/html",
        size=len(text),
        text=text,
        **dates,
    )


def build(path: Path, today: dt.date | None = None) -> Scenario:
    today = today or dt.date.today()
    d = lambda n: _day(today, n)  # noqa: E731
    urls = {
        "BOL_report": "https://www.bolton.gov.uk/council/lga-corporate-peer-challenge-report.pdf",
        "BOL_plan": "https://www.bolton.gov.uk/council/cpc-action-plan.pdf",
        "BOL_review": f"{LGA}/corporate-peer-162",
        "BAB_MSU_report": f"{LGA}/corporate-peer-22",
        "WNT_report": f"{LGA}/corporate-peer-59",
        "HAS_report": "https://www.hastings.gov.uk/my-council/peer-challenge/report.pdf",
        "KEC_2016_report": "https://www.rbkc.gov.uk/council/corporate-peer-challenge-2016.pdf",
        "CHE_report": "https://www.cheshireeast.gov.uk/council_and_democracy/lga-cpc-2024.aspx",
        "ROH_hostile": HOSTILE_URL,
    }
    bol = (d(440), d(437))
    # The middle run (200 days ago) is after the report due date and finds none: late.
    wnt = (d(330), d(327))
    kec = (d(200), d(197))
    docs = {
        "BOL_report": _doc(
            urls["BOL_report"],
            "feedback_report",
            "LGA Corporate Peer Challenge - Bolton Council",
            ("BOL",),
            "The peer team found strong financial resilience and clear place leadership.",
            visit_start=bol[0],
            visit_end=bol[1],
        ),
        "BOL_plan": _doc(
            urls["BOL_plan"],
            "action_plan",
            "Bolton CPC action plan",
            ("BOL",),
            "Action plan responding to the corporate peer challenge recommendations.",
            visit_start=bol[0],
            visit_end=bol[1],
        ),
        "BOL_review": _doc(
            urls["BOL_review"],
            "progress_review",
            "Bolton Council - Progress Review",
            ("BOL",),
            "Progress review: the council has acted on the peer team's recommendations.",
            visit_start=d(150),
            visit_end=d(149),
        ),
        "BAB_MSU_report": _doc(
            urls["BAB_MSU_report"],
            "feedback_report",
            "LGA Corporate Peer Challenge - Babergh and Mid Suffolk District Councils",
            ("BAB", "MSU"),
            "Babergh and Mid Suffolk share one workforce and shared services.",
            visit_start="2023-02",
            visit_end="2023-02",
        ),
        "WNT_report": _doc(
            urls["WNT_report"],
            "feedback_report",
            "LGA Corporate Peer Challenge - West Northamptonshire Council",
            ("WNT",),
            "A new unitary council building financial resilience after reorganisation.",
            visit_start=wnt[0],
            visit_end=wnt[1],
        ),
        "HAS_report": _doc(
            urls["HAS_report"],
            "feedback_report",
            "Hastings Borough Council peer challenge",
            ("HAS",),
            "Hastings: housing pressures and temporary accommodation costs.",
            visit_start=d(700),
            visit_end=d(698),
        ),
        "KEC_2016_report": _doc(
            urls["KEC_2016_report"],
            "feedback_report",
            "Kensington and Chelsea peer challenge 2016",
            ("KEC",),
            "Corporate peer challenge of the Royal Borough, March 2016.",
            visit_start="2016-03-08",
            visit_end="2016-03-11",
        ),
        "CHE_report": _doc(
            urls["CHE_report"],
            "feedback_report",
            "LGA Corporate Peer Challenge 2024",
            ("CHE",),
            "Cheshire East corporate peer challenge feedback.",
            visit_start=d(900),
            visit_end=d(897),
        ),
        "ROH_hostile": _doc(
            urls["ROH_hostile"],
            "announcement",
            HOSTILE_TITLE,
            ("ROH",),
            "A corporate peer challenge will take place next year.",
        ),
    }

    def check(code, verdict, reason=None, visit=None, report=None, **kw) -> CouncilCheck:
        return CouncilCheck(
            council_code=code,
            verdict=verdict,
            reason=reason,
            visit_start=visit[0] if visit else None,
            visit_end=visit[1] if visit else None,
            report_url=urls[report] if report else None,
            **kw,
        )

    common = [
        check("BAB", "published", visit=("2023-02", "2023-02"), report="BAB_MSU_report"),
        check("MSU", "published", visit=("2023-02", "2023-02"), report="BAB_MSU_report"),
        check(
            "NNT",
            "cpc_no_report",
            "LGA lists a CPC; no report found",
            visit=("2024-11-26", "2024-11-30"),
        ),
        check("BUC", "unknown", "site answered 503 on every request", site_ok=False),
        check("ADU", "no_cpc", "site searched; nothing found"),
        check("KEC", "published", visit=kec, report="KEC_2016_report"),
        check("ROH", "no_cpc", "only a pre-challenge notice found"),
    ]
    # The first two runs (400 and 200 days ago) find the same.
    early_checks = common + [
        check("BOL", "published", visit=bol, report="BOL_report"),
        check("WNT", "cpc_no_report", "LGA lists a CPC; no report found", visit=wnt),
        check("HAS", "published", visit=(d(700), d(698)), report="HAS_report"),
        check("CHE", "published", visit=(d(900), d(897)), report="CHE_report"),
    ]
    early_docs = [
        "BOL_report",
        "BOL_plan",
        "BAB_MSU_report",
        "HAS_report",
        "KEC_2016_report",
        "CHE_report",
        "ROH_hostile",
    ]
    runs = [
        (400, early_checks, early_docs),
        (200, early_checks, early_docs),
        (
            2,
            common
            + [
                check("BOL", "published", visit=bol, report="BOL_report"),
                check("WNT", "published", visit=wnt, report="WNT_report"),
                check(
                    "HAS",
                    "unknown",
                    "bot challenge (cf-turnstile) on every page",
                    site_ok=False,
                    lga_ok=False,
                ),
                check("CHE", "cpc_no_report", "report no longer found", visit=(d(900), d(897))),
            ],
            [
                "BOL_report",
                "BOL_plan",
                "BOL_review",
                "BAB_MSU_report",
                "WNT_report",
                "KEC_2016_report",
                "ROH_hostile",
            ],
        ),
    ]

    init_path(path)
    db = open_db(path)
    run_ids = []
    for days_ago, checks, doc_keys in runs:
        run_id = start_run(db, spider="councils", args={}, councils_total=len(checks))
        commit_run(
            db,
            run_id,
            checks=checks,
            documents=[docs[k] for k in doc_keys],
            stats=RunStats(requests=10 * len(checks)),
        )
        stamp = f"{d(days_ago)}T06:00:00+00:00"
        db.execute(
            "UPDATE runs SET started_at = ?, finished_at = ? WHERE id = ?",
            [stamp, stamp.replace("T06", "T07"), run_id],
        )
        run_ids.append(run_id)
    first, _, last = run_ids
    with db.atomic():
        db.execute(
            "UPDATE documents SET removed_run = ? WHERE id = ?",
            [last, document_id(urls["CHE_report"])],
        )
        # A crawl still running (or killed): its checks must never reach the views.
        ghost = start_run(db, spider="councils", args={}, councils_total=1)
        db.table("checks").insert(
            {
                "run_id": ghost,
                "council_code": "ADU",
                "verdict": "published",
                "report_url": "https://www.adur-worthing.gov.uk/ghost.pdf",
            }
        )
        events = [
            (
                first,
                400,
                "report_published",
                "BOL",
                "BOL_report",
                None,
                "Bolton published its CPC report",
            ),
            (
                last,
                2,
                "report_published",
                "WNT",
                "WNT_report",
                None,
                "West Northamptonshire published its CPC report",
            ),
            (last, 2, "document_added", "BOL", "BOL_review", None, "Bolton: progress review added"),
            (
                last,
                2,
                "check_failing",
                "HAS",
                None,
                None,
                "Hastings could not be checked on 2 runs",
            ),
            (
                last,
                2,
                "document_removed",
                "CHE",
                "CHE_report",
                None,
                "Cheshire East: report removed",
            ),
            (
                last,
                2,
                "deadline_missed",
                "NNT",
                None,
                "2025-02-28",
                "North Northamptonshire: CPC report due 2025-02-28 not found",
            ),
        ]
        db.table("events").insert_all(
            {
                "key": f"{kind}:{code}:{run}",
                "run_id": run,
                "kind": kind,
                "council_code": code,
                "document_id": document_id(urls[doc]) if doc else None,
                "occurred_at": f"{d(ago)}T07:00:00+00:00",
                "due_date": due,
                "summary": summary,
                "detail": json.dumps({}),
            }
            for run, ago, kind, code, doc, due, summary in events
        )
    refresh_council_deadlines(db, DeadlineConfig())
    db.close()
    return Scenario(
        today=today,
        run_days=tuple(today - dt.timedelta(days=n) for n, _, _ in runs),
        bol_visit=(dt.date.fromisoformat(bol[0]), dt.date.fromisoformat(bol[1])),
        wnt_visit=(dt.date.fromisoformat(wnt[0]), dt.date.fromisoformat(wnt[1])),
        kec_visit=(dt.date.fromisoformat(kec[0]), dt.date.fromisoformat(kec[1])),
        urls=urls,
    )
