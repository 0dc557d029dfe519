CREATE TABLE `meter_readings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`period` text NOT NULL,
	`reading_centi` integer NOT NULL,
	`previous_centi` integer NOT NULL,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meter_readings_reading_ck" CHECK("meter_readings"."previous_centi" >= 0 and "meter_readings"."reading_centi" >= "meter_readings"."previous_centi")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meter_readings_unit_item_period_uq` ON `meter_readings` (`unit_id`,`fee_item_id`,`period`);--> statement-breakpoint
CREATE INDEX `meter_readings_company_period_idx` ON `meter_readings` (`company_id`,`period`);