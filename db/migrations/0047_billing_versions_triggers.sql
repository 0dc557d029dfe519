-- Issue 14 point 4: billing_versions moves whenever anything the arrears aging shows may change —
-- a bill written in any way (the bill run, payments, corrections, refunds, voids), a household's
-- placement, a community's or building's name, a butler's name — in the writer's own transaction.
-- The triggers only UPDATE: a company's row is made by its first aging read
-- (lib/billing/queries/aging-cache.ts), so deleting a company's rows (a purge, a reset) leaves
-- none behind, whatever order the tables go in.
CREATE TRIGGER `bills_version_insert` AFTER INSERT ON `bills`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_version_update` AFTER UPDATE ON `bills`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `bills_version_delete` AFTER DELETE ON `bills`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `household_placements_version_insert` AFTER INSERT ON `household_placements`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `household_placements_version_update` AFTER UPDATE ON `household_placements`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `household_placements_version_delete` AFTER DELETE ON `household_placements`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = OLD.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `communities_version_name` AFTER UPDATE OF `name` ON `communities`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `buildings_version_name` AFTER UPDATE OF `name`, `code` ON `buildings`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1 WHERE `company_id` = NEW.`company_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `users_version_name` AFTER UPDATE OF `name` ON `users`
BEGIN
  UPDATE `billing_versions` SET `version` = `version` + 1
    WHERE `company_id` IN (SELECT `company_id` FROM `memberships` WHERE `user_id` = NEW.`id`);
END;
