ALTER TABLE `cron_leases` ADD `heartbeat_at` integer;--> statement-breakpoint
ALTER TABLE `portal_notices` ADD `notified_at` integer;--> statement-breakpoint
CREATE INDEX `portal_notices_unnotified_idx` ON `portal_notices` (`publish_at`) WHERE notified_at is null;--> statement-breakpoint
CREATE INDEX `checkout_sessions_open_idx` ON `checkout_sessions` (`created_at`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `work_orders_accept_due_idx` ON `work_orders` (`accept_due_at`) WHERE status = 'assigned' and escalation_level < 1;--> statement-breakpoint
CREATE INDEX `work_orders_resolve_due_idx` ON `work_orders` (`resolve_due_at`) WHERE status in ('submitted', 'triaged', 'assigned', 'accepted', 'in_progress') and escalation_level < 3;