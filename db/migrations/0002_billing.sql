CREATE TABLE `allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`payment_id` integer,
	`amount_fen` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allocations_bill_idx` ON `allocations` (`bill_id`);--> statement-breakpoint
CREATE INDEX `allocations_payment_idx` ON `allocations` (`payment_id`);--> statement-breakpoint
CREATE TABLE `bill_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`unit_id` integer,
	`quantity` integer NOT NULL,
	`price_fen` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bill_lines_bill_idx` ON `bill_lines` (`bill_id`);--> statement-breakpoint
CREATE TABLE `billing_corrections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`kind` text NOT NULL,
	`bill_id` integer,
	`payment_id` integer,
	`amount_fen` integer NOT NULL,
	`reason` text NOT NULL,
	`actor_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `billing_corrections_company_idx` ON `billing_corrections` (`company_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `billing_corrections_household_idx` ON `billing_corrections` (`household_id`);--> statement-breakpoint
CREATE TABLE `billing_settings` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`billing_day` integer DEFAULT 1 NOT NULL,
	`due_day` integer DEFAULT 15 NOT NULL,
	`rounding` text DEFAULT 'fen' NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`period` text NOT NULL,
	`kind` text DEFAULT 'monthly' NOT NULL,
	`due_date` text NOT NULL,
	`lines_fen` integer NOT NULL,
	`adjustment_fen` integer DEFAULT 0 NOT NULL,
	`allocated_fen` integer DEFAULT 0 NOT NULL,
	`voided` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "bills_allocation_ck" CHECK("bills"."allocated_fen" >= 0 and "bills"."allocated_fen" <= "bills"."lines_fen" + "bills"."adjustment_fen")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bills_household_period_uq` ON `bills` (`household_id`,`period`) WHERE "bills"."kind" = 'monthly';--> statement-breakpoint
CREATE INDEX `bills_company_period_idx` ON `bills` (`company_id`,`period`);--> statement-breakpoint
CREATE INDEX `bills_company_due_idx` ON `bills` (`company_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `bills_open_idx` ON `bills` (`company_id`,`household_id`,`due_date`) WHERE "bills"."voided" = 0 and "bills"."allocated_fen" < "bills"."lines_fen" + "bills"."adjustment_fen";--> statement-breakpoint
CREATE TABLE `checkout_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`bill_ids` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`payment_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `checkout_sessions_household_idx` ON `checkout_sessions` (`household_id`);--> statement-breakpoint
CREATE TABLE `credit_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`payment_id` integer,
	`bill_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `credit_entries_household_idx` ON `credit_entries` (`household_id`);--> statement-breakpoint
CREATE INDEX `credit_entries_company_idx` ON `credit_entries` (`company_id`);--> statement-breakpoint
CREATE TABLE `fee_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`price_fen` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "fee_items_price_ck" CHECK("fee_items"."price_fen" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `fee_items_company_name_uq` ON `fee_items` (`company_id`,`name`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`receipt_no` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`provider` text,
	`provider_ref` text,
	`actor_user_id` integer,
	`note` text,
	`received_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "payments_amount_ck" CHECK("payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_company_idem_uq` ON `payments` (`company_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_company_receipt_uq` ON `payments` (`company_id`,`receipt_no`);--> statement-breakpoint
CREATE INDEX `payments_household_idx` ON `payments` (`household_id`);--> statement-breakpoint
CREATE INDEX `payments_company_received_idx` ON `payments` (`company_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `receipt_counters` (
	`company_id` integer NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`company_id`, `year`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
