DROP INDEX `bills_company_period_idx`;--> statement-breakpoint
CREATE INDEX `bills_company_period_idx` ON `bills` (`company_id`,`period`,`voided`,`allocated_fen`,`lines_fen`,`adjustment_fen`);--> statement-breakpoint
CREATE INDEX `households_company_active_idx` ON `households` (`company_id`,`active`);