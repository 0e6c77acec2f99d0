"""Everything the monitor says about a council must tell one story (issue 10, Deliver 5).

`problems(db, config, digest, printed)` compares, council by council, what `peerwatch status`
says, what Datasette's `council_status` and `councils_without_report` views say, what the
digest says (structure and printed text), and what the events say, and returns every
contradiction as a line of text (an empty list is a pass). The demo test and the fault-web
test call it after each cycle.
"""

from __future__ import annotations

import re
from collections import Counter

from sqlite_utils import Database

from monitor.config import Config
from monitor.digest import NOT_CHECKED_SECTION, Digest
from monitor.events import list_events
from monitor.status import council_status

#: Which document kind each deadline rule is about, and the view column with its URL.
RULE_URLS = {
    "report": "report_url",
    "action_plan": "action_plan_url",
    "progress_review": "progress_review_url",
}
_CODE = re.compile(r"\(([A-Z][A-Z0-9]{2,3})\)")


def problems(db: Database, config: Config, digest: Digest, printed: str = "") -> list[str]:
    out: list[str] = []
    out += _every_event_once(digest)
    out += _found_and_missing(digest)
    out += _lists_agree(db, config, digest)
    out += _flags_and_events_agree(db)
    if printed:
        out += _printed_lines(printed, digest)
    return out


def _every_event_once(digest: Digest) -> list[str]:
    shown = Counter(i.event_id for s in digest.sections for i in s.items)
    return [
        f"event {e.id} ({e.kind}, {e.council_code}) is shown {shown[e.id]} times"
        for e in digest.events
        if shown[e.id] != 1
    ]


def _found_and_missing(digest: Digest) -> list[str]:
    found: set[tuple[str, str]] = set()
    missing: set[tuple[str, str]] = set()
    for e in digest.events:
        code = e.council_code or ""
        if e.kind in ("report_published", "report_late"):
            found.add((code, "feedback_report"))
        elif e.kind in ("document_added", "document_changed"):
            found.add((code, e.detail.get("kind", "")))
        elif e.kind == "deadline_missed":
            missing.add((code, e.detail.get("document_kind", "")))
    out = [f"{c}: {k} both found and missing in one digest" for c, k in sorted(found & missing)]
    published = {c for c, k in found if k == "feedback_report"}
    for w in digest.without_report:
        if w.code in published and "earlier" not in w.why:
            out.append(f"{w.code}: report published, yet listed as without a report")
    return out


def _lists_agree(db: Database, config: Config, digest: Digest) -> list[str]:
    out = []
    status = {r["code"]: r for r in council_status(db, config, include_abolished=True)}
    view = {r["code"]: r for r in db.query("SELECT * FROM council_status")}
    without_view = {r["code"] for r in db.query("SELECT code FROM councils_without_report")}
    without_digest = [w.code for w in digest.without_report]
    without_status = {code for code, r in status.items() if r["without_report"]}
    if Counter(without_digest).most_common(1) and Counter(without_digest).most_common(1)[0][1] > 1:
        out.append(f"a council is listed twice as without a report: {without_digest}")
    if set(without_digest) != without_view or without_view != without_status:
        out.append(
            f"without a report: digest {sorted(without_digest)}, view {sorted(without_view)},"
            f" status {sorted(without_status)}"
        )
    (section,) = [s for s in digest.sections if s.heading == NOT_CHECKED_SECTION]
    not_checked = [i.council_code for i in section.councils] + [
        i.council_code for i in section.items if i.kind == "check_failing"
    ]
    if len(not_checked) != len(set(not_checked)):
        out.append(f"a council is listed twice as not checked: {not_checked}")
    unknown_now = {
        code
        for code, r in status.items()
        if r["verdict"] == "unknown" and view[code]["current"] == 1
    }
    if set(not_checked) != unknown_now:
        out.append(f"not checked: digest {sorted(not_checked)}, status {sorted(unknown_now)}")
    for code in set(not_checked) & set(without_digest):
        out.append(f"{code}: both not checked and without a report")
    for w in digest.without_report:
        if status[w.code]["verdict"] != w.verdict:
            out.append(f"{w.code}: digest says {w.verdict}, status {status[w.code]['verdict']}")
    for code, r in status.items():
        v = view[code]
        if (r["verdict"], r["last_cpc"], r["cpc_overdue"]) != (
            v["verdict"] or "unchecked",
            v["last_visit_start"],
            v["cpc_overdue"] == 1,
        ):
            out.append(f"{code}: status and council_status disagree")
        for rule in RULE_URLS:
            field = f"{rule}_overdue"
            if r[field] != v[field]:
                out.append(f"{code}: status {field}={r[field]}, view {v[field]}")
    return out


def _flags_and_events_agree(db: Database) -> list[str]:
    out = []
    events = list_events(db)
    missed = {
        (e.council_code, e.detail.get("rule"), e.detail.get("visit_start"))
        for e in events
        if e.kind == "deadline_missed"
    }
    overdue = {e.council_code for e in events if e.kind == "cpc_overdue"}
    last_verdict: dict[str, str] = {}
    for e in events:
        if e.kind == "verdict_changed":
            last_verdict[e.council_code or ""] = e.detail.get("verdict", "")
    for v in db.query("SELECT * FROM council_status"):
        code = v["code"]
        searched = v["verdict"] not in (None, "unknown") and v["site_ok"] == 1
        for rule, url in RULE_URLS.items():
            flagged = v[f"{rule}_overdue"] == 1
            raised = (code, rule, v["last_visit_start"]) in missed
            if flagged and not raised:
                out.append(f"{code}: {rule} flagged overdue, but no deadline_missed event")
            if raised and searched and v[url] is None and not flagged and v["report_due"]:
                out.append(f"{code}: deadline_missed {rule} raised, not found, not flagged")
            if flagged and v[url] is not None:
                out.append(f"{code}: {rule} flagged overdue although found ({v[url]})")
        if v["cpc_overdue"] == 1 and code not in overdue:
            out.append(f"{code}: CPC flagged overdue, but no cpc_overdue event")
        if code in last_verdict and v["last_known_verdict"] != last_verdict[code]:
            out.append(
                f"{code}: last verdict_changed says {last_verdict[code]},"
                f" council_status {v['last_known_verdict']}"
            )
    return out


def _printed_lines(printed: str, digest: Digest) -> list[str]:
    out = []
    lines = printed.splitlines()
    heading = next(
        (i for i, line in enumerate(lines) if "Councils still without a report" in line), None
    )
    if heading is None:
        return ["the printed digest has no list of councils without a report"]
    listed = []
    for line in lines[heading + 1 :]:
        if not line.strip():
            if listed:
                break
            continue
        codes = _CODE.findall(line)
        if len(codes) != 1:
            out.append(f"a line of the without-report list names {len(codes)} councils: {line}")
        listed += codes
    if sorted(listed) != sorted(w.code for w in digest.without_report):
        out.append(f"printed without-report list {listed} differs from the digest's")
    return out
