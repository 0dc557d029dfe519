CREATE TABLE `provider_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`provider` text NOT NULL,
	`bill_date` text NOT NULL,
	`file_hash` text NOT NULL,
	`trade_count` integer NOT NULL,
	`trade_fen` integer NOT NULL,
	`refund_count` integer NOT NULL,
	`refund_fen` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_statements_day_uq` ON `provider_statements` (`company_id`,`provider`,`bill_date`);--> statement-breakpoint
CREATE TABLE `reconciliation_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`statement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`provider_trade_no` text,
	`status` text NOT NULL,
	`statement_fen` integer,
	`ours_fen` integer,
	`payment_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_id`) REFERENCES `provider_statements`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliation_items_ref_uq` ON `reconciliation_items` (`statement_id`,`kind`,`ref`);--> statement-breakpoint
CREATE INDEX `reconciliation_items_company_idx` ON `reconciliation_items` (`company_id`,`status`);--> statement-breakpoint
CREATE TABLE `reconciliation_resolutions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`action` text NOT NULL,
	`reason` text NOT NULL,
	`payment_id` integer,
	`actor_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `reconciliation_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "reconciliation_resolutions_reason_ck" CHECK(length("reconciliation_resolutions"."reason") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reconciliation_resolutions_item_uq` ON `reconciliation_resolutions` (`item_id`);--> statement-breakpoint
CREATE TABLE `statement_rows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`statement_id` integer NOT NULL,
	`kind` text NOT NULL,
	`out_trade_no` text NOT NULL,
	`provider_trade_no` text NOT NULL,
	`out_refund_no` text DEFAULT '' NOT NULL,
	`amount_fen` integer NOT NULL,
	`occurred_at` text NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`statement_id`) REFERENCES `provider_statements`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `statement_rows_statement_idx` ON `statement_rows` (`statement_id`);