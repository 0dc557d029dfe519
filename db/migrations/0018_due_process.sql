CREATE TABLE `crm_dispute_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`dispute_id` integer NOT NULL,
	`uploaded_by_user_id` integer,
	`stored_path` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`dispute_id`) REFERENCES `crm_disputes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crm_dispute_photos_dispute_idx` ON `crm_dispute_photos` (`dispute_id`);--> statement-breakpoint
CREATE TABLE `crm_disputes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`subject` text NOT NULL,
	`notice_id` integer,
	`bill_id` integer,
	`episode_id` integer,
	`reason` text NOT NULL,
	`created_by_user_id` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`resolved_by_user_id` integer,
	`resolved_on` text,
	`resolved_at` integer,
	`sentiment_entry_id` integer,
	`billing_correction_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`notice_id`) REFERENCES `crm_notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `crm_arrears_episodes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`sentiment_entry_id`) REFERENCES `sentiment_entries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`billing_correction_id`) REFERENCES `billing_corrections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_disputes_open_notice_uq` ON `crm_disputes` (`notice_id`) WHERE "crm_disputes"."status" = 'open' and "crm_disputes"."notice_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX `crm_disputes_open_bill_uq` ON `crm_disputes` (`bill_id`) WHERE "crm_disputes"."status" = 'open' and "crm_disputes"."bill_id" is not null;--> statement-breakpoint
CREATE INDEX `crm_disputes_company_status_idx` ON `crm_disputes` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `crm_disputes_household_idx` ON `crm_disputes` (`household_id`,`status`);--> statement-breakpoint
CREATE TABLE `crm_settings` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`legal_confirmation` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `crm_notices` ADD `awaiting_confirmation` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `crm_notices` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `crm_notices` ADD `confirmed_by_user_id` integer REFERENCES users(id);