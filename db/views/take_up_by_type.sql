-- The type rows of take_up_by_group (which says what the shares are of).
CREATE VIEW take_up_by_type AS
SELECT
    group_name AS council_type,
    councils, councils_checked, could_not_be_checked, not_checked,
    with_cpc_in_last_5_years, pct_with_cpc_in_last_5_years,
    reports_judged_for_timeliness, published_on_time, pct_published_on_time,
    verdict_published, verdict_cpc_no_report, verdict_no_cpc, verdict_unknown
FROM take_up_by_group
WHERE grouped_by = 'type'
ORDER BY group_name = 'All current councils', group_name;
