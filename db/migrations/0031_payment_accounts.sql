CREATE TABLE `payment_accounts` (
	`company_id` integer NOT NULL,
	`provider` text NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`config` text NOT NULL,
	`sealed_secrets` text NOT NULL,
	`secret_hints` text NOT NULL,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`company_id`, `provider`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `provider_refunds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`payment_id` integer NOT NULL,
	`provider` text NOT NULL,
	`out_refund_no` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`reason` text NOT NULL,
	`actor_user_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`provider_refund_id` text,
	`correction_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payment_id`) REFERENCES `payments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`correction_id`) REFERENCES `billing_corrections`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "provider_refunds_amount_ck" CHECK("provider_refunds"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_refunds_out_no_uq` ON `provider_refunds` (`out_refund_no`);--> statement-breakpoint
CREATE INDEX `provider_refunds_payment_idx` ON `provider_refunds` (`payment_id`);--> statement-breakpoint
ALTER TABLE `billing_settings` ADD `online_provider` text DEFAULT 'sandbox' NOT NULL;--> statement-breakpoint
ALTER TABLE `checkout_sessions` ADD `provider` text DEFAULT 'sandbox' NOT NULL;