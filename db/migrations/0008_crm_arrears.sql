CREATE TABLE `crm_arrears_episodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`started_on` text NOT NULL,
	`ended_on` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_arrears_episodes_open_uq` ON `crm_arrears_episodes` (`household_id`) WHERE "crm_arrears_episodes"."ended_on" is null;--> statement-breakpoint
CREATE INDEX `crm_arrears_episodes_company_idx` ON `crm_arrears_episodes` (`company_id`,`ended_on`);--> statement-breakpoint
CREATE TABLE `crm_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`firing_id` integer,
	`kind` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`number` text NOT NULL,
	`issued_on` text NOT NULL,
	`snapshot` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`firing_id`) REFERENCES `crm_ladder_firings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_notices_number_uq` ON `crm_notices` (`company_id`,`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `crm_notices_firing_uq` ON `crm_notices` (`firing_id`);--> statement-breakpoint
CREATE INDEX `crm_notices_household_idx` ON `crm_notices` (`household_id`,`issued_on`);--> statement-breakpoint
CREATE INDEX `crm_notices_company_idx` ON `crm_notices` (`company_id`,`issued_on`);--> statement-breakpoint
CREATE TABLE `crm_ladder_firing_orders` (
	`firing_id` integer NOT NULL,
	`work_order_id` integer NOT NULL,
	PRIMARY KEY(`firing_id`, `work_order_id`),
	FOREIGN KEY (`firing_id`) REFERENCES `crm_ladder_firings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `crm_ladder_firings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`episode_id` integer NOT NULL,
	`step_key` text NOT NULL,
	`occurrence` integer NOT NULL,
	`fired_on` text NOT NULL,
	`months` integer NOT NULL,
	`owed_fen` integer NOT NULL,
	`points` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `crm_arrears_episodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_ladder_firings_uq` ON `crm_ladder_firings` (`household_id`,`episode_id`,`step_key`,`occurrence`);--> statement-breakpoint
CREATE INDEX `crm_ladder_firings_company_idx` ON `crm_ladder_firings` (`company_id`,`fired_on`);--> statement-breakpoint
CREATE TABLE `crm_legal_case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`actor_user_id` integer,
	`note` text,
	`work_order_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `crm_legal_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `crm_legal_case_events_case_idx` ON `crm_legal_case_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `crm_legal_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`household_id` integer NOT NULL,
	`episode_id` integer NOT NULL,
	`firing_id` integer,
	`opened_on` text NOT NULL,
	`status` text DEFAULT 'letter_sent' NOT NULL,
	`updated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`household_id`) REFERENCES `households`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`episode_id`) REFERENCES `crm_arrears_episodes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`firing_id`) REFERENCES `crm_ladder_firings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `crm_legal_cases_episode_uq` ON `crm_legal_cases` (`household_id`,`episode_id`);--> statement-breakpoint
CREATE INDEX `crm_legal_cases_company_status_idx` ON `crm_legal_cases` (`company_id`,`status`);--> statement-breakpoint
CREATE TABLE `crm_notice_counters` (
	`company_id` integer NOT NULL,
	`year` integer NOT NULL,
	`last` integer NOT NULL,
	PRIMARY KEY(`company_id`, `year`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
