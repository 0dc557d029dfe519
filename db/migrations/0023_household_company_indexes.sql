DROP INDEX `billing_corrections_household_idx`;--> statement-breakpoint
CREATE INDEX `billing_corrections_household_idx` ON `billing_corrections` (`household_id`,`company_id`);--> statement-breakpoint
DROP INDEX `bills_household_idx`;--> statement-breakpoint
CREATE INDEX `bills_household_idx` ON `bills` (`household_id`,`company_id`,`period`);--> statement-breakpoint
DROP INDEX `credit_entries_household_idx`;--> statement-breakpoint
CREATE INDEX `credit_entries_household_idx` ON `credit_entries` (`household_id`,`company_id`);--> statement-breakpoint
DROP INDEX `payments_household_idx`;--> statement-breakpoint
CREATE INDEX `payments_household_idx` ON `payments` (`household_id`,`company_id`,`received_at`);