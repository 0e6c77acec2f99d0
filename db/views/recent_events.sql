CREATE VIEW recent_events AS
SELECT
    e.id, e.occurred_at, e.kind, e.council_code, c.name AS council, c.region, e.summary,
    d.title AS document_title, d.url AS document_url, d.kind AS document_kind,
    json_extract(e.detail, '$.changes') AS changes,
    CASE WHEN json_extract(e.detail, '$.archive_sha256') != ''
         THEN '/-/archive/' || json_extract(e.detail, '$.archive_sha256') END AS archived_copy,
    e.due_date, e.run_id, e.detail
FROM events e
LEFT JOIN councils c ON c.code = e.council_code
LEFT JOIN documents d ON d.id = e.document_id
WHERE e.occurred_at >= date('now', '-12 months')
ORDER BY e.occurred_at DESC, e.id DESC;
