CREATE TABLE `company_purges` (
	`purged_company_id` integer PRIMARY KEY NOT NULL,
	`name_hash` text NOT NULL,
	`closure_requested_at` integer NOT NULL,
	`purged_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `consent_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`document` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `consent_records_user_doc_version_uq` ON `consent_records` (`user_id`,`document`,`version`);--> statement-breakpoint
CREATE INDEX `consent_records_company_idx` ON `consent_records` (`company_id`);--> statement-breakpoint
CREATE TABLE `privacy_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`details` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`decided_by_user_id` integer,
	`decision_reason` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `privacy_requests_company_status_idx` ON `privacy_requests` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `privacy_requests_user_idx` ON `privacy_requests` (`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `privacy_requests_open_uq` ON `privacy_requests` (`user_id`,`kind`) WHERE "privacy_requests"."status" = 'open';--> statement-breakpoint
ALTER TABLE `companies` ADD `money_retention_years` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `closure_grace_days` integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE `companies` ADD `closure_requested_at` integer;--> statement-breakpoint
ALTER TABLE `companies` ADD `purge_after` integer;