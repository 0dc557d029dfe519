CREATE TABLE `crm_score_moves` (
	`company_id` integer NOT NULL,
	`day` text NOT NULL,
	`score` integer NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `day`, `score`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
