-- Issue 14 point 4: where each household sits (household_placements) and the collection totals by
-- period, building and butler (billing_group_totals), kept by triggers in the writers' own
-- transactions. household_placement_v is the placement's definition (the same as
-- lib/registry/queries.ts householdButlersSubquery). When a household's unit, its unit's building
-- or type, or a butler assignment changes, the households concerned are refreshed: their bills'
-- totals leave the old (building, butler), the placement row is rewritten from the view, and the
-- totals join the new one. Removing only decrements (UPDATE), as in 0025_summary_triggers.
CREATE VIEW `household_placement_v` AS
SELECT hu.`household_id` AS `household_id`, hu.`company_id` AS `company_id`, u.`id` AS `unit_id`,
  u.`building_id` AS `building_id`, bd.`community_id` AS `community_id`,
  coalesce(ub.`butler_user_id`, bb.`butler_user_id`) AS `butler_user_id`
FROM `household_units` hu
JOIN `units` u ON u.`id` = hu.`unit_id`
JOIN `buildings` bd ON bd.`id` = u.`building_id`
LEFT JOIN `unit_butlers` ub ON ub.`unit_id` = u.`id`
LEFT JOIN `building_butlers` bb ON bb.`building_id` = u.`building_id`
WHERE hu.`unit_id` = coalesce(
  (SELECT min(hu2.`unit_id`) FROM `household_units` hu2 JOIN `units` u2 ON u2.`id` = hu2.`unit_id`
    WHERE hu2.`household_id` = hu.`household_id` AND u2.`type` = 'residential'),
  (SELECT min(hu3.`unit_id`) FROM `household_units` hu3 WHERE hu3.`household_id` = hu.`household_id`));
--> statement-breakpoint
CREATE TRIGGER `household_units_placement_insert` AFTER INSERT ON `household_units`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (NEW.`household_id`) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (NEW.`household_id`);
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (NEW.`household_id`);
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (NEW.`household_id`) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `household_units_placement_update` AFTER UPDATE OF `household_id`, `unit_id` ON `household_units`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (OLD.`household_id`, NEW.`household_id`) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (OLD.`household_id`, NEW.`household_id`);
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (OLD.`household_id`, NEW.`household_id`);
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (OLD.`household_id`, NEW.`household_id`) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `household_units_placement_delete` AFTER DELETE ON `household_units`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (OLD.`household_id`) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (OLD.`household_id`);
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (OLD.`household_id`);
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (OLD.`household_id`) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `units_placement_update` AFTER UPDATE OF `building_id`, `type` ON `units`
  WHEN OLD.`building_id` <> NEW.`building_id` OR OLD.`type` <> NEW.`type`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_butlers_placement_insert` AFTER INSERT ON `unit_butlers`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`unit_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`unit_id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`unit_id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (NEW.`unit_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_butlers_placement_update` AFTER UPDATE ON `unit_butlers`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`, NEW.`unit_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`, NEW.`unit_id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`, NEW.`unit_id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`, NEW.`unit_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `unit_butlers_placement_delete` AFTER DELETE ON `unit_butlers`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT `household_id` FROM `household_units` WHERE `unit_id` IN (OLD.`unit_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `building_butlers_placement_insert` AFTER INSERT ON `building_butlers`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (NEW.`building_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (NEW.`building_id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (NEW.`building_id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (NEW.`building_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `building_butlers_placement_update` AFTER UPDATE ON `building_butlers`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`, NEW.`building_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`, NEW.`building_id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`, NEW.`building_id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`, NEW.`building_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `building_butlers_placement_delete` AFTER DELETE ON `building_butlers`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - g.n, `billed_fen` = `billed_fen` - g.billed, `collected_fen` = `collected_fen` - g.collected
  FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) AS g
  WHERE `company_id` = g.c AND `period` = g.p AND `building_id` = g.bu AND `butler_user_id` = g.bt;
  DELETE FROM `household_placements` WHERE `household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`));
  INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
  SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v` WHERE `household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`));
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT c, p, bu, bt, n, billed, collected FROM (SELECT b.`company_id` AS c, b.`period` AS p, coalesce(hp.`building_id`, 0) AS bu,
      coalesce(hp.`butler_user_id`, 0) AS bt, count(*) AS n, sum(b.`lines_fen` + b.`adjustment_fen`) AS billed,
      sum(b.`allocated_fen`) AS collected
    FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
    WHERE b.`household_id` IN (SELECT hu.`household_id` FROM `household_units` hu JOIN `units` u ON u.`id` = hu.`unit_id` WHERE u.`building_id` IN (OLD.`building_id`)) AND b.`voided` = 0
    GROUP BY b.`company_id`, b.`period`, hp.`building_id`, hp.`butler_user_id`) WHERE true
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `buildings_placement_community` AFTER UPDATE OF `community_id` ON `buildings`
  WHEN OLD.`community_id` <> NEW.`community_id`
BEGIN
  UPDATE `household_placements` SET `community_id` = NEW.`community_id` WHERE `building_id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_group_totals_insert` AFTER INSERT ON `bills` WHEN NEW.`voided` = 0
BEGIN
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT NEW.`company_id`, NEW.`period`, coalesce(hp.`building_id`, 0), coalesce(hp.`butler_user_id`, 0), 1,
    NEW.`lines_fen` + NEW.`adjustment_fen`, NEW.`allocated_fen`
  FROM (SELECT 1) LEFT JOIN `household_placements` hp ON hp.`household_id` = NEW.`household_id`
  WHERE NEW.`voided` = 0
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_group_totals_update`
  AFTER UPDATE OF `company_id`, `household_id`, `period`, `lines_fen`, `adjustment_fen`, `allocated_fen`, `voided` ON `bills`
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - 1,
    `billed_fen` = `billed_fen` - (OLD.`lines_fen` + OLD.`adjustment_fen`),
    `collected_fen` = `collected_fen` - OLD.`allocated_fen`
  WHERE OLD.`voided` = 0 AND `company_id` = OLD.`company_id` AND `period` = OLD.`period`
    AND `building_id` = coalesce((SELECT `building_id` FROM `household_placements` WHERE `household_id` = OLD.`household_id`), 0)
    AND `butler_user_id` = coalesce((SELECT `butler_user_id` FROM `household_placements` WHERE `household_id` = OLD.`household_id`), 0);
  INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
  SELECT NEW.`company_id`, NEW.`period`, coalesce(hp.`building_id`, 0), coalesce(hp.`butler_user_id`, 0), 1,
    NEW.`lines_fen` + NEW.`adjustment_fen`, NEW.`allocated_fen`
  FROM (SELECT 1) LEFT JOIN `household_placements` hp ON hp.`household_id` = NEW.`household_id`
  WHERE NEW.`voided` = 0
  ON CONFLICT (`company_id`, `period`, `building_id`, `butler_user_id`) DO UPDATE SET
    `bills` = `bills` + excluded.`bills`,
    `billed_fen` = `billed_fen` + excluded.`billed_fen`,
    `collected_fen` = `collected_fen` + excluded.`collected_fen`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_group_totals_delete` AFTER DELETE ON `bills` WHEN OLD.`voided` = 0
BEGIN
  UPDATE `billing_group_totals` SET
    `bills` = `bills` - 1,
    `billed_fen` = `billed_fen` - (OLD.`lines_fen` + OLD.`adjustment_fen`),
    `collected_fen` = `collected_fen` - OLD.`allocated_fen`
  WHERE OLD.`voided` = 0 AND `company_id` = OLD.`company_id` AND `period` = OLD.`period`
    AND `building_id` = coalesce((SELECT `building_id` FROM `household_placements` WHERE `household_id` = OLD.`household_id`), 0)
    AND `butler_user_id` = coalesce((SELECT `butler_user_id` FROM `household_placements` WHERE `household_id` = OLD.`household_id`), 0);
END;
--> statement-breakpoint
INSERT INTO `household_placements` (`household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id`)
SELECT `household_id`, `company_id`, `unit_id`, `building_id`, `community_id`, `butler_user_id` FROM `household_placement_v`;
--> statement-breakpoint
INSERT INTO `billing_group_totals` (`company_id`, `period`, `building_id`, `butler_user_id`, `bills`, `billed_fen`, `collected_fen`)
SELECT b.`company_id`, b.`period`, coalesce(hp.`building_id`, 0), coalesce(hp.`butler_user_id`, 0), count(*),
  sum(b.`lines_fen` + b.`adjustment_fen`), sum(b.`allocated_fen`)
FROM `bills` b LEFT JOIN `household_placements` hp ON hp.`household_id` = b.`household_id`
WHERE b.`voided` = 0
GROUP BY b.`company_id`, b.`period`, coalesce(hp.`building_id`, 0), coalesce(hp.`butler_user_id`, 0);
