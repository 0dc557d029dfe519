-- Custom migration (hand-written; keep it apart from drizzle's generated ones).
-- 1. Links that existed before occupancy periods start on their household's creation day
--    (UTC), which for imported households is the import day.
UPDATE `household_units` SET `from_date` = (
  SELECT date(h.`created_at` / 1000, 'unixepoch') FROM `households` h WHERE h.`id` = `household_units`.`household_id`
) WHERE `from_date` = '1970-01-01';
--> statement-breakpoint
-- 2. A unit has at most one holder on any day: periods [from_date, to_date) of one unit never
--    overlap, and a period is never empty or reversed. SQLite has no exclusion constraint.
CREATE TRIGGER `household_units_periods_insert` BEFORE INSERT ON `household_units`
BEGIN
  SELECT RAISE(ABORT, 'household_units: period overlaps')
   WHERE (NEW.`to_date` IS NOT NULL AND NEW.`to_date` <= NEW.`from_date`)
      OR EXISTS (SELECT 1 FROM `household_units` o
                  WHERE o.`unit_id` = NEW.`unit_id`
                    AND o.`from_date` < coalesce(NEW.`to_date`, '9999-12-31')
                    AND NEW.`from_date` < coalesce(o.`to_date`, '9999-12-31'));
END;
--> statement-breakpoint
CREATE TRIGGER `household_units_periods_update` BEFORE UPDATE OF `unit_id`, `from_date`, `to_date` ON `household_units`
BEGIN
  SELECT RAISE(ABORT, 'household_units: period overlaps')
   WHERE (NEW.`to_date` IS NOT NULL AND NEW.`to_date` <= NEW.`from_date`)
      OR EXISTS (SELECT 1 FROM `household_units` o
                  WHERE o.`unit_id` = NEW.`unit_id` AND o.rowid <> OLD.rowid
                    AND o.`from_date` < coalesce(NEW.`to_date`, '9999-12-31')
                    AND NEW.`from_date` < coalesce(o.`to_date`, '9999-12-31'));
END;
--> statement-breakpoint
-- 3. Every existing fee item's price has applied to any month so far: its history starts with
--    that price from 1970-01 (bills already issued keep their own lines).
INSERT INTO `fee_item_prices` (`company_id`, `fee_item_id`, `from_period`, `price_fen`, `actor_user_id`, `created_at`)
SELECT `company_id`, `id`, '1970-01', `price_fen`, NULL, `created_at` FROM `fee_items`;
