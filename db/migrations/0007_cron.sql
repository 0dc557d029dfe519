CREATE TABLE `cron_job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`as_of` text NOT NULL,
	`job` text NOT NULL,
	`summary` text NOT NULL,
	`duration_ms` integer NOT NULL,
	`runs` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cron_job_runs_uq` ON `cron_job_runs` (`company_id`,`as_of`,`job`);--> statement-breakpoint
CREATE INDEX `cron_job_runs_date_idx` ON `cron_job_runs` (`as_of`);--> statement-breakpoint
CREATE TABLE `cron_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL,
	`acquired_at` integer NOT NULL
);
