CREATE TABLE `visitor_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`pass_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`admitted_by_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`pass_id`) REFERENCES `visitor_passes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`admitted_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitor_entries_pass_seq_uq` ON `visitor_entries` (`pass_id`,`seq`);--> statement-breakpoint
CREATE INDEX `visitor_entries_company_idx` ON `visitor_entries` (`company_id`);--> statement-breakpoint
CREATE TABLE `visitor_passes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`token` text NOT NULL,
	`visitor_name` text,
	`plate` text,
	`valid_from` integer NOT NULL,
	`valid_until` integer NOT NULL,
	`max_entries` integer NOT NULL,
	`entries_used` integer DEFAULT 0 NOT NULL,
	`revoked_at` integer,
	`purged_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "visitor_passes_entries_ck" CHECK("visitor_passes"."entries_used" >= 0 and "visitor_passes"."entries_used" <= "visitor_passes"."max_entries"),
	CONSTRAINT "visitor_passes_window_ck" CHECK("visitor_passes"."valid_until" > "visitor_passes"."valid_from")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visitor_passes_token_uq` ON `visitor_passes` (`token`);--> statement-breakpoint
CREATE INDEX `visitor_passes_company_household_idx` ON `visitor_passes` (`company_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `visitor_passes_company_until_idx` ON `visitor_passes` (`company_id`,`valid_until`);--> statement-breakpoint
CREATE TABLE `visitor_settings` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`retention_days` integer DEFAULT 30 NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
