-- The one list of councils that have not published: current councils whose latest check found
-- no CPC, a CPC without a report, or a report only for an earlier CPC. `why` is council_status's
-- status, so the words are the same everywhere. Councils that could not be checked are left out.
CREATE VIEW councils_without_report AS
SELECT
    code, name, type, region, verdict,
    status AS why,
    overdue,
    last_visit_start, last_visit_end, report_due, report_overdue,
    CASE WHEN report_overdue = 1
         THEN CAST(julianday(deadlines_as_of) - julianday(report_due) AS INTEGER)
    END AS days_overdue,
    named_in_2017, first_checked, last_checked, website
FROM council_status
-- Who has not published: ONE definition (read by the digest and `peerwatch status` through
-- db/without_report.py). A council whose latest check could not see it (`unknown`) is not
-- listed: it is not known to be without a report now. A `published` council is listed only
-- when the deadline evaluation (`council_deadlines`) found no report for its latest CPC.
WHERE current = 1
  AND verdict IN ('published', 'cpc_no_report', 'no_cpc')
  AND report_url IS NULL
  AND (verdict != 'published' OR deadlines_as_of IS NOT NULL);
