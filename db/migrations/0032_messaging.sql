CREATE TABLE `message_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`sms_provider` text DEFAULT 'log' NOT NULL,
	`sms_sign_name` text,
	`sms_app_id` text,
	`sms_templates` text NOT NULL,
	`sms_credentials` text,
	`quiet_start_minute` integer DEFAULT 1260 NOT NULL,
	`quiet_end_minute` integer DEFAULT 480 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_settings_company_uq` ON `message_settings` (`company_id`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`sms` integer DEFAULT true NOT NULL,
	`email` integer DEFAULT true NOT NULL,
	`wechat` integer DEFAULT true NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notification_preferences_uq` ON `notification_preferences` (`company_id`,`user_id`,`kind`);--> statement-breakpoint
CREATE TABLE `sign_in_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`code_hash` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`failed_attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_codes_phone_idx` ON `sign_in_codes` (`phone`,`expires_at`);--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `provider_ref` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `delivered_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_provider_ref_idx` ON `outbox_messages` (`provider_ref`);