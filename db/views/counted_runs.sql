-- The crawl runs whose results count: `complete` (every spider ran to the end and the LGA was
-- read) and `partial` (committed, but a spider was left out or stopped early, so only the
-- councils it checked have a check on it). A run still `running`, `failed` or `incomplete`
-- (killed before its commit) counts for nothing. This is the ONE place that says so: the
-- other views, the diff, the fold of each council's history (db/council_latest.py), the
-- deadlines and the digest all read their runs from here.
CREATE VIEW counted_runs AS
SELECT * FROM runs WHERE status IN ('complete', 'partial');
