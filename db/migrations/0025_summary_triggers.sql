-- Summary tables kept in the same transaction as every write, by triggers (issue 14 point 4).
-- A trigger sees every writer (bill run, payments, corrections, refunds, voids, the seed, the
-- score recomputation), so no code path can forget its summary. Removing rows only decrements
-- (UPDATE, never an upsert): a company purge that deletes the summary first and the rows after
-- leaves nothing behind.
--
-- 1. billing_period_totals: per company and period, the bills not voided, what they bill
--    (lines + adjustments) and what is allocated to them.
CREATE TRIGGER `bills_totals_insert` AFTER INSERT ON `bills` WHEN NEW.`voided` = 0
BEGIN
  INSERT INTO `billing_period_totals` (`company_id`, `period`, `bills`, `billed_fen`, `collected_fen`)
  VALUES (NEW.`company_id`, NEW.`period`, 1, NEW.`lines_fen` + NEW.`adjustment_fen`, NEW.`allocated_fen`)
  ON CONFLICT (`company_id`, `period`) DO UPDATE SET
    `bills` = `bills` + 1,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_totals_update`
  AFTER UPDATE OF `company_id`, `period`, `lines_fen`, `adjustment_fen`, `allocated_fen`, `voided` ON `bills`
BEGIN
  UPDATE `billing_period_totals` SET
    `bills` = `bills` - 1,
    `billed_fen` = `billed_fen` - (OLD.`lines_fen` + OLD.`adjustment_fen`),
    `collected_fen` = `collected_fen` - OLD.`allocated_fen`
  WHERE OLD.`voided` = 0 AND `company_id` = OLD.`company_id` AND `period` = OLD.`period`;
  INSERT INTO `billing_period_totals` (`company_id`, `period`, `bills`, `billed_fen`, `collected_fen`)
  SELECT NEW.`company_id`, NEW.`period`, 1, NEW.`lines_fen` + NEW.`adjustment_fen`, NEW.`allocated_fen`
  WHERE NEW.`voided` = 0
  ON CONFLICT (`company_id`, `period`) DO UPDATE SET
    `bills` = `bills` + 1,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_totals_delete` AFTER DELETE ON `bills` WHEN OLD.`voided` = 0
BEGIN
  UPDATE `billing_period_totals` SET
    `bills` = `bills` - 1,
    `billed_fen` = `billed_fen` - (OLD.`lines_fen` + OLD.`adjustment_fen`),
    `collected_fen` = `collected_fen` - OLD.`allocated_fen`
  WHERE `company_id` = OLD.`company_id` AND `period` = OLD.`period`;
END;
--> statement-breakpoint
INSERT INTO `billing_period_totals` (`company_id`, `period`, `bills`, `billed_fen`, `collected_fen`)
SELECT `company_id`, `period`, count(*), sum(`lines_fen` + `adjustment_fen`), sum(`allocated_fen`)
FROM `bills` WHERE `voided` = 0 GROUP BY `company_id`, `period`;
--> statement-breakpoint
-- 2. crm_score_counts: per company and score, the active households whose cached score it is.
CREATE TRIGGER `household_scores_counts_insert` AFTER INSERT ON `household_scores`
BEGIN
  INSERT INTO `crm_score_counts` (`company_id`, `score`, `households`)
  SELECT NEW.`company_id`, NEW.`score`, 1
  WHERE (SELECT `active` FROM `households` WHERE `id` = NEW.`household_id`) = 1
  ON CONFLICT (`company_id`, `score`) DO UPDATE SET `households` = `households` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `household_scores_counts_update` AFTER UPDATE OF `score`, `company_id` ON `household_scores`
  WHEN (SELECT `active` FROM `households` WHERE `id` = NEW.`household_id`) = 1
   AND (OLD.`score` <> NEW.`score` OR OLD.`company_id` <> NEW.`company_id`)
BEGIN
  UPDATE `crm_score_counts` SET `households` = `households` - 1
  WHERE `company_id` = OLD.`company_id` AND `score` = OLD.`score`;
  INSERT INTO `crm_score_counts` (`company_id`, `score`, `households`)
  VALUES (NEW.`company_id`, NEW.`score`, 1)
  ON CONFLICT (`company_id`, `score`) DO UPDATE SET `households` = `households` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `household_scores_counts_delete` AFTER DELETE ON `household_scores`
  WHEN (SELECT `active` FROM `households` WHERE `id` = OLD.`household_id`) = 1
BEGIN
  UPDATE `crm_score_counts` SET `households` = `households` - 1
  WHERE `company_id` = OLD.`company_id` AND `score` = OLD.`score`;
END;
--> statement-breakpoint
CREATE TRIGGER `households_active_counts` AFTER UPDATE OF `active` ON `households`
  WHEN OLD.`active` <> NEW.`active`
BEGIN
  UPDATE `crm_score_counts` SET `households` = `households` - 1
  WHERE OLD.`active` = 1
    AND (`company_id`, `score`) = (SELECT `company_id`, `score` FROM `household_scores` WHERE `household_id` = NEW.`id`);
  INSERT INTO `crm_score_counts` (`company_id`, `score`, `households`)
  SELECT `company_id`, `score`, 1 FROM `household_scores` WHERE NEW.`active` = 1 AND `household_id` = NEW.`id`
  ON CONFLICT (`company_id`, `score`) DO UPDATE SET `households` = `households` + 1;
END;
--> statement-breakpoint
INSERT INTO `crm_score_counts` (`company_id`, `score`, `households`)
SELECT s.`company_id`, s.`score`, count(*)
FROM `household_scores` s JOIN `households` h ON h.`id` = s.`household_id`
WHERE h.`active` = 1 GROUP BY s.`company_id`, s.`score`;
