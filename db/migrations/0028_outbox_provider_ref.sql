ALTER TABLE `outbox_messages` ADD `provider_ref` text;--> statement-breakpoint
ALTER TABLE `outbox_messages` ADD `delivered_at` integer;--> statement-breakpoint
CREATE INDEX `outbox_provider_ref_idx` ON `outbox_messages` (`provider_ref`);