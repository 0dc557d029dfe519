ALTER TABLE `checkout_sessions` ADD `method` text DEFAULT 'online' NOT NULL;--> statement-breakpoint
ALTER TABLE `wechat_accounts` ADD `message_api` text DEFAULT 'template' NOT NULL;--> statement-breakpoint
ALTER TABLE `wechat_accounts` ADD `oauth_scope` text DEFAULT 'snsapi_base' NOT NULL;