CREATE TABLE `wechat_accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`enabled` integer DEFAULT false NOT NULL,
	`app_id` text NOT NULL,
	`app_secret` text NOT NULL,
	`api_base_url` text DEFAULT 'https://api.weixin.qq.com' NOT NULL,
	`oauth_base_url` text DEFAULT 'https://open.weixin.qq.com' NOT NULL,
	`templates` text NOT NULL,
	`access_token` text,
	`access_token_expires_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_accounts_company_uq` ON `wechat_accounts` (`company_id`);--> statement-breakpoint
CREATE TABLE `wechat_bindings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`openid` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_bindings_openid_uq` ON `wechat_bindings` (`company_id`,`openid`);--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_bindings_user_uq` ON `wechat_bindings` (`company_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `wechat_tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`ticket_hash` text NOT NULL,
	`openid` text NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wechat_tickets_hash_uq` ON `wechat_tickets` (`ticket_hash`);--> statement-breakpoint
CREATE INDEX `wechat_tickets_expiry_idx` ON `wechat_tickets` (`expires_at`);