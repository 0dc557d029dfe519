CREATE TABLE `finance_budgets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`month` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `finance_categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "finance_budgets_amount_ck" CHECK("finance_budgets"."amount_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finance_budgets_uq` ON `finance_budgets` (`company_id`,`community_id`,`category_id`,`month`);--> statement-breakpoint
CREATE TABLE `finance_categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`fee_item_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finance_categories_company_code_uq` ON `finance_categories` (`company_id`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `finance_categories_company_name_uq` ON `finance_categories` (`company_id`,`kind`,`name`);--> statement-breakpoint
CREATE TABLE `finance_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`community_id` integer,
	`category_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`occurred_on` text NOT NULL,
	`source` text NOT NULL,
	`source_key` text,
	`reason` text,
	`actor_user_id` integer,
	`reverses_entry_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `finance_categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `finance_entries_source_uq` ON `finance_entries` (`company_id`,`source_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `finance_entries_reversal_uq` ON `finance_entries` (`reverses_entry_id`);--> statement-breakpoint
CREATE INDEX `finance_entries_company_date_idx` ON `finance_entries` (`company_id`,`occurred_on`);--> statement-breakpoint
CREATE TABLE `finance_post_marks` (
	`company_id` integer NOT NULL,
	`source` text NOT NULL,
	`last_id` integer NOT NULL,
	PRIMARY KEY(`company_id`, `source`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `approval_attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`uploaded_by_user_id` integer,
	`stored_path` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_attachments_request_idx` ON `approval_attachments` (`request_id`);--> statement-breakpoint
CREATE TABLE `approval_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_user_id` integer,
	`round` integer DEFAULT 0 NOT NULL,
	`position` integer,
	`comment` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_events_request_idx` ON `approval_events` (`request_id`);--> statement-breakpoint
CREATE TABLE `approval_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`position` integer NOT NULL,
	`item` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `approval_lines_request_idx` ON `approval_lines` (`request_id`);--> statement-breakpoint
CREATE TABLE `approval_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`requester_user_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`type` text NOT NULL,
	`category_id` integer,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`amount_fen` integer,
	`details` text NOT NULL,
	`leave_from` text,
	`leave_to` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`round` integer DEFAULT 0 NOT NULL,
	`current_step` integer,
	`submitted_at` integer,
	`decided_at` integer,
	`approved_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requester_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `finance_categories`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "approval_requests_amount_ck" CHECK("approval_requests"."amount_fen" is null or "approval_requests"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE INDEX `approval_requests_company_status_idx` ON `approval_requests` (`company_id`,`status`);--> statement-breakpoint
CREATE INDEX `approval_requests_requester_idx` ON `approval_requests` (`company_id`,`requester_user_id`);--> statement-breakpoint
CREATE INDEX `approval_requests_leave_idx` ON `approval_requests` (`company_id`,`requester_user_id`,`leave_from`);--> statement-breakpoint
CREATE TABLE `approval_settings` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`chains` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `approval_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`request_id` integer NOT NULL,
	`round` integer NOT NULL,
	`position` integer NOT NULL,
	`role` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`actor_user_id` integer,
	`comment` text,
	`acted_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`request_id`) REFERENCES `approval_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `approval_steps_request_round_pos_uq` ON `approval_steps` (`request_id`,`round`,`position`);--> statement-breakpoint
CREATE INDEX `approval_steps_company_role_idx` ON `approval_steps` (`company_id`,`status`,`role`);