CREATE VIEW mj_2017_followup AS
WITH RECURSIVE
named AS (
    SELECT council_code AS code, name_as_published, observed_on
    FROM observations WHERE key LIKE 'mj2017:%'
),
lineage(named_code, code, depth) AS (
    SELECT code, code, 0 FROM named
    UNION
    SELECT l.named_code, s.successor_code, l.depth + 1
    FROM lineage l JOIN council_successors s ON s.code = l.code
    WHERE l.depth < 5
),
-- Who answers for the named council now: itself while it exists, else its current successors.
now_bodies AS (
    SELECT l.named_code, st.*
    FROM lineage l JOIN council_status st ON st.code = l.code
    WHERE st.current = 1
),
lineage_status AS (
    SELECT l.named_code, st.*
    FROM lineage l JOIN council_status st ON st.code = l.code
),
summary AS (
    SELECT n.code,
           (SELECT group_concat(nb.name, '; ') FROM now_bodies nb
             WHERE nb.named_code = n.code AND nb.code != n.code) AS now_part_of,
           (SELECT CASE WHEN count(*) = 0 THEN NULL
                        WHEN count(DISTINCT coalesce(nb.verdict, '')) = 1 THEN max(nb.verdict)
                        ELSE 'mixed' END
              FROM now_bodies nb WHERE nb.named_code = n.code) AS verdict_now,
           (SELECT max(ls.last_visit_end) FROM lineage_status ls
             WHERE ls.named_code = n.code) AS last_visit_end,
           (SELECT ls.report_url FROM lineage_status ls
             WHERE ls.named_code = n.code AND ls.report_url IS NOT NULL
             ORDER BY ls.last_visit_end DESC LIMIT 1) AS latest_report_url,
           EXISTS (
               SELECT 1 FROM lineage l
               JOIN document_councils dc ON dc.council_code = l.code
               JOIN documents d ON d.id = dc.document_id
               WHERE l.named_code = n.code AND d.kind = 'feedback_report'
                 AND d.removed_run IS NULL AND d.visit_start >= substr(n.observed_on, 1, 7)
           ) OR EXISTS (
               SELECT 1 FROM lineage_status ls
               WHERE ls.named_code = n.code AND ls.report_url IS NOT NULL
                 AND ls.last_visit_end >= n.observed_on
           ) AS published_since_2017
    FROM named n
)
SELECT
    n.code,
    n.name_as_published,
    c.name AS council,
    c.current AS still_exists,
    nullif(c.end_date, '') AS abolished_on,
    s.now_part_of,
    s.verdict_now,
    s.last_visit_end,
    s.last_visit_end >= n.observed_on AS cpc_since_2017,
    s.published_since_2017,
    s.latest_report_url,
    CASE
        WHEN s.published_since_2017 THEN 'published a CPC report since 2017'
        WHEN s.last_visit_end >= n.observed_on THEN 'had a CPC since 2017, no report found'
        WHEN s.verdict_now IS NULL THEN 'not checked yet'
        WHEN s.verdict_now = 'unknown' THEN 'could not be checked on the last run'
        WHEN s.verdict_now = 'no_cpc' THEN 'still no CPC found'
        ELSE 'no CPC since 2017 found'
    END AS known_now,
    n.observed_on AS named_on
FROM named n
JOIN councils c ON c.code = n.code
JOIN summary s ON s.code = n.code;
