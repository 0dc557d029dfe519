CREATE TABLE `household_placements` (
	`household_id` integer PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`building_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`butler_user_id` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `household_placements_butler_idx` ON `household_placements` (`company_id`,`butler_user_id`);--> statement-breakpoint
CREATE INDEX `household_placements_building_idx` ON `household_placements` (`company_id`,`building_id`);--> statement-breakpoint
CREATE TABLE `billing_group_totals` (
	`company_id` integer NOT NULL,
	`period` text NOT NULL,
	`building_id` integer NOT NULL,
	`butler_user_id` integer NOT NULL,
	`bills` integer DEFAULT 0 NOT NULL,
	`billed_fen` integer DEFAULT 0 NOT NULL,
	`collected_fen` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `period`, `building_id`, `butler_user_id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `bills_open_idx`;--> statement-breakpoint
CREATE INDEX `bills_open_idx` ON `bills` (`company_id`,`household_id`,`due_date`,`kind`,`lines_fen`,`adjustment_fen`,`allocated_fen`) WHERE "bills"."voided" = 0 and "bills"."allocated_fen" < "bills"."lines_fen" + "bills"."adjustment_fen";