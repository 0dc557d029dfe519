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
ALTER TABLE `billing_settings` ADD `vacancy_rate_bp` integer DEFAULT 7000 NOT NULL;