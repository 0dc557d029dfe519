-- Backfill of crm_score_moves from the ledger (issue 14 point 4): each household's end-of-day
-- score on each day it has entries; +1 at that score, −1 at the day's previous end-of-day score.
-- From here on lib/crm/ledger.ts recomputeScores keeps it in the ledger's own transactions.
INSERT INTO `crm_score_moves` (`company_id`, `day`, `score`, `households`)
WITH `ranked` AS (
  SELECT `company_id`, `household_id`, `occurred_on` AS `day`, `score_after` AS `s`,
         row_number() OVER (PARTITION BY `household_id`, `occurred_on` ORDER BY `id` DESC) AS `rn`
  FROM `sentiment_entries`
),
`eod` AS (
  SELECT `company_id`, `household_id`, `day`, `s`,
         lag(`s`) OVER (PARTITION BY `household_id` ORDER BY `day`) AS `prev`
  FROM `ranked` WHERE `rn` = 1
),
`moves` AS (
  SELECT `company_id`, `day`, `s` AS `score`, 1 AS `d` FROM `eod`
  UNION ALL
  SELECT `company_id`, `day`, `prev`, -1 FROM `eod` WHERE `prev` IS NOT NULL
)
SELECT `company_id`, `day`, `score`, sum(`d`) FROM `moves`
GROUP BY `company_id`, `day`, `score` HAVING sum(`d`) <> 0;
