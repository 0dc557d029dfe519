DROP INDEX `meter_readings_unit_item_period_uq`;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `source` text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `status` text DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `flag` text;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `photo_path` text;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `photo_mime` text;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `reviewer_user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `reviewed_at` integer;--> statement-breakpoint
ALTER TABLE `meter_readings` ADD `reject_reason` text;--> statement-breakpoint
CREATE UNIQUE INDEX `meter_readings_pending_uq` ON `meter_readings` (`unit_id`,`fee_item_id`,`period`) WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `meter_readings_unit_item_period_uq` ON `meter_readings` (`unit_id`,`fee_item_id`,`period`) WHERE status = 'approved';--> statement-breakpoint
ALTER TABLE `billing_settings` ADD `self_read_from_day` integer;--> statement-breakpoint
ALTER TABLE `billing_settings` ADD `self_read_to_day` integer;