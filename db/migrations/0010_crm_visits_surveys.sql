CREATE TABLE `survey_recipients` (
	`survey_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`butler_user_id` integer,
	`building_id` integer,
	`community_id` integer,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `household_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`butler_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`building_id`) REFERENCES `buildings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `survey_recipients_company_idx` ON `survey_recipients` (`company_id`,`survey_id`,`butler_user_id`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`survey_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`overall` integer NOT NULL,
	`butler` integer NOT NULL,
	`cleaning` integer NOT NULL,
	`security` integer NOT NULL,
	`maintenance` integer NOT NULL,
	`comment` text,
	`answered_by_user_id` integer NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `survey_responses_survey_household_uq` ON `survey_responses` (`survey_id`,`household_id`);--> statement-breakpoint
CREATE INDEX `survey_responses_company_idx` ON `survey_responses` (`company_id`,`survey_id`);--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`quarter` text NOT NULL,
	`opens_on` text NOT NULL,
	`closes_on` text NOT NULL,
	`sent_at` integer,
	`digest_sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `surveys_company_quarter_uq` ON `surveys` (`company_id`,`quarter`);--> statement-breakpoint
CREATE TABLE `visit_sampling_runs` (
	`company_id` integer NOT NULL,
	`month` text NOT NULL,
	`sampled` integer NOT NULL,
	`completed_at` integer NOT NULL,
	PRIMARY KEY(`company_id`, `month`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
