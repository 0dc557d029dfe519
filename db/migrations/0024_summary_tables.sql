CREATE TABLE `billing_period_totals` (
	`company_id` integer NOT NULL,
	`period` text NOT NULL,
	`bills` integer DEFAULT 0 NOT NULL,
	`billed_fen` integer DEFAULT 0 NOT NULL,
	`collected_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `period`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `crm_score_counts` (
	`company_id` integer NOT NULL,
	`score` integer NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `score`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `crm_score_moves` (
	`company_id` integer NOT NULL,
	`day` text NOT NULL,
	`score` integer NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `day`, `score`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
