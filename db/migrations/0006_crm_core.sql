CREATE TABLE `crm_rule_sets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`status` text NOT NULL,
	`rules` text NOT NULL,
	`created_by_user_id` integer,
	`published_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crm_rule_sets_company_idx` ON `crm_rule_sets` (`company_id`,`status`);--> statement-breakpoint
CREATE TABLE `gold_badges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`awarded_on` text NOT NULL,
	`expires_on` text NOT NULL,
	`payment_id` integer,
	`work_order_id` integer,
	`expired_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `gold_badges_household_awarded_uq` ON `gold_badges` (`household_id`,`awarded_on`);--> statement-breakpoint
CREATE INDEX `gold_badges_company_expires_idx` ON `gold_badges` (`company_id`,`expires_on`);--> statement-breakpoint
CREATE TABLE `household_scores` (
	`household_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`score` integer NOT NULL,
	`last_entry_id` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_scores_company_score_idx` ON `household_scores` (`company_id`,`score`);--> statement-breakpoint
CREATE TABLE `sentiment_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`rule` text NOT NULL,
	`step` text,
	`points` integer NOT NULL,
	`score_after` integer NOT NULL,
	`source_type` text,
	`source_id` integer,
	`dedupe_key` text NOT NULL,
	`message_key` text NOT NULL,
	`params` text NOT NULL,
	`reason` text,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sentiment_entries_dedupe_uq` ON `sentiment_entries` (`company_id`,`dedupe_key`);--> statement-breakpoint
CREATE INDEX `sentiment_entries_household_idx` ON `sentiment_entries` (`household_id`,`occurred_on`,`id`);--> statement-breakpoint
CREATE INDEX `sentiment_entries_company_date_idx` ON `sentiment_entries` (`company_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`butler_user_id` integer,
	`quarter` text NOT NULL,
	`sampled_month` text NOT NULL,
	`work_order_id` integer,
	`visited_at` integer,
	`satisfaction` integer,
	`notes` text,
	`issues` text,
	`follow_up_order_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`butler_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `visits_household_quarter_uq` ON `visits` (`household_id`,`quarter`);--> statement-breakpoint
CREATE INDEX `visits_company_butler_idx` ON `visits` (`company_id`,`butler_user_id`,`quarter`);