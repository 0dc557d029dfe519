DROP INDEX `units_company_idx`;--> statement-breakpoint
CREATE INDEX `units_company_idx` ON `units` (`company_id`,`active`);--> statement-breakpoint
DROP INDEX `work_orders_company_status_idx`;--> statement-breakpoint
CREATE INDEX `work_orders_company_status_idx` ON `work_orders` (`company_id`,`status`,`type`,`accept_due_at`,`resolve_due_at`);--> statement-breakpoint
CREATE INDEX `household_placements_community_idx` ON `household_placements` (`company_id`,`community_id`);