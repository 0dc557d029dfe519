-- Issue 14 point 4: billing_versions moves whenever anything the arrears aging shows may change —
-- a bill written in any way (the bill run, payments, corrections, refunds, voids), a household's
-- placement, a community's or building's name, a butler's name — in the writer's own transaction.
-- The aging report is computed once per company, day, grouping and version
-- (lib/billing/queries/aging-cache.ts).
CREATE TRIGGER `bills_version_insert` AFTER INSERT ON `bills`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (NEW.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_version_update` AFTER UPDATE ON `bills`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (NEW.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_version_delete` AFTER DELETE ON `bills`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (OLD.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `household_placements_version_insert` AFTER INSERT ON `household_placements`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (NEW.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `household_placements_version_update` AFTER UPDATE ON `household_placements`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (NEW.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `household_placements_version_delete` AFTER DELETE ON `household_placements`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (OLD.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `communities_version_name` AFTER UPDATE OF `name` ON `communities`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (NEW.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `buildings_version_name` AFTER UPDATE OF `name`, `code` ON `buildings`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`) VALUES (NEW.`company_id`, 1)
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `users_version_name` AFTER UPDATE OF `name` ON `users`
BEGIN
  INSERT INTO `billing_versions` (`company_id`, `version`)
    SELECT DISTINCT `company_id`, 1 FROM `memberships` WHERE `user_id` = NEW.`id`
    ON CONFLICT (`company_id`) DO UPDATE SET `version` = `version` + 1;
END;
