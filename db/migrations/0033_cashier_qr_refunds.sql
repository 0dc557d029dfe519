ALTER TABLE `billing_corrections` ADD `request_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `billing_corrections_request_uq` ON `billing_corrections` (`company_id`,`request_id`);--> statement-breakpoint
ALTER TABLE `checkout_sessions` ADD `queried_at` integer;--> statement-breakpoint
CREATE INDEX `sign_in_codes_expires_idx` ON `sign_in_codes` (`expires_at`);