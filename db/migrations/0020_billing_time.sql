CREATE TABLE `fee_item_prices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`from_period` text NOT NULL,
	`price_fen` integer NOT NULL,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "fee_item_prices_price_ck" CHECK("fee_item_prices"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_item_prices_item_period_uq` ON `fee_item_prices` (`fee_item_id`,`from_period`);--> statement-breakpoint
CREATE INDEX `fee_item_prices_company_idx` ON `fee_item_prices` (`company_id`);--> statement-breakpoint
CREATE TABLE `unit_billing_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_billing_periods_dates_ck" CHECK("unit_billing_periods"."to_date" is null or "unit_billing_periods"."to_date" > "unit_billing_periods"."from_date")
);
--> statement-breakpoint
CREATE INDEX `unit_billing_periods_unit_idx` ON `unit_billing_periods` (`unit_id`,`from_date`);--> statement-breakpoint
DROP INDEX `household_units_unit_uq`;--> statement-breakpoint
ALTER TABLE `household_units` ADD `from_date` text DEFAULT '1970-01-01' NOT NULL;--> statement-breakpoint
ALTER TABLE `household_units` ADD `to_date` text;--> statement-breakpoint
CREATE UNIQUE INDEX `household_units_unit_open_uq` ON `household_units` (`unit_id`) WHERE "household_units"."to_date" is null;--> statement-breakpoint
CREATE INDEX `household_units_unit_period_idx` ON `household_units` (`unit_id`,`from_date`);--> statement-breakpoint
ALTER TABLE `bill_lines` ADD `reason_key` text;--> statement-breakpoint
ALTER TABLE `bill_lines` ADD `reason_params` text;--> statement-breakpoint
ALTER TABLE `billing_settings` ADD `proration` text DEFAULT 'days' NOT NULL;--> statement-breakpoint
ALTER TABLE `billing_settings` ADD `vacancy_rate_bp` integer DEFAULT 7000 NOT NULL;