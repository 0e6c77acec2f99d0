"""What a crawl asks the database before it starts and when the LGA fails: questions, answered."""

from __future__ import annotations

from sqlite_utils import Database

from db.errors import PeerwatchError
from db.register import Council, councils_in_db
from db.runs import FoundDocument


def councils_to_check(db: Database, codes: tuple[str, ...]) -> list[Council]:
    """The councils to check: the given codes, or every current council."""
    every = councils_in_db(db)
    if not codes:
        return [c for c in every if c.current]
    by_code = {c.code: c for c in every}
    wanted = [code.upper() for code in codes]
    missing = [code for code in wanted if code not in by_code]
    if missing:
        raise PeerwatchError(f"no council with code(s) {', '.join(missing)} in the register")
    return [by_code[code] for code in dict.fromkeys(wanted)]


def known_documents_for(db: Database, code: str) -> list[str]:
    """URLs of this council's documents found on its own sites by earlier runs, to re-check."""
    return [
        row["url"]
        for row in db.query(
            "SELECT d.url FROM documents d JOIN document_councils dc ON dc.document_id = d.id "
            "WHERE dc.council_code = ? AND d.source != 'lga' AND d.removed_run IS NULL "
            "ORDER BY d.url",
            [code],
        )
    ]


def standing_lga_documents(db: Database) -> list[FoundDocument]:
    """LGA documents from earlier runs, still standing: used when the LGA fails this run."""
    rows = db.query(
        "SELECT d.*, group_concat(dc.council_code) AS codes FROM documents d "
        "JOIN document_councils dc ON dc.document_id = d.id "
        "WHERE d.source = 'lga' AND d.removed_run IS NULL "
        "AND coalesce(d.http_status, 200) NOT IN (404, 410) GROUP BY d.id"
    )
    return [
        FoundDocument(
            url=r["url"],
            kind=r["kind"],
            title=r["title"] or "",
            source="lga",
            council_codes=tuple(r["codes"].split(",")),
            content_hash=r["content_hash"] or "",
            visit_start=r["visit_start"],
            visit_end=r["visit_end"],
        )
        for r in rows
    ]
