CREATE TABLE `cleaning_areas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`standard` text DEFAULT '' NOT NULL,
	`times` text NOT NULL,
	`window_minutes` integer DEFAULT 120 NOT NULL,
	`weekdays` integer DEFAULT 127 NOT NULL,
	`assignee_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cleaning_areas_company_idx` ON `cleaning_areas` (`company_id`,`community_id`);--> statement-breakpoint
CREATE TABLE `cleaning_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`area_id` integer NOT NULL,
	`assignee_id` integer,
	`date` text NOT NULL,
	`slot` text NOT NULL,
	`starts_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`done_at` integer,
	`note` text,
	`photo_path` text,
	`photo_mime` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `cleaning_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cleaning_tasks_slot_uq` ON `cleaning_tasks` (`area_id`,`date`,`slot`);--> statement-breakpoint
CREATE INDEX `cleaning_tasks_assignee_idx` ON `cleaning_tasks` (`company_id`,`assignee_id`,`date`);--> statement-breakpoint
CREATE INDEX `cleaning_tasks_open_due_idx` ON `cleaning_tasks` (`due_at`) WHERE "cleaning_tasks"."status" = 'open';--> statement-breakpoint
CREATE TABLE `patrol_anomalies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`checkpoint_id` integer NOT NULL,
	`kind` text NOT NULL,
	`note` text NOT NULL,
	`work_order_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `patrol_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `patrol_checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `patrol_anomalies_round_idx` ON `patrol_anomalies` (`company_id`,`round_id`);--> statement-breakpoint
CREATE TABLE `patrol_checkpoints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`route_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`name` text NOT NULL,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`route_id`) REFERENCES `patrol_routes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patrol_checkpoints_seq_uq` ON `patrol_checkpoints` (`route_id`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `patrol_checkpoints_token_uq` ON `patrol_checkpoints` (`token`);--> statement-breakpoint
CREATE TABLE `patrol_handovers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`note` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `patrol_handovers_company_idx` ON `patrol_handovers` (`company_id`,`community_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `patrol_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`route_id` integer NOT NULL,
	`guard_id` integer,
	`date` text NOT NULL,
	`slot` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`checkpoints` integer NOT NULL,
	`scanned` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`completed_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`route_id`) REFERENCES `patrol_routes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guard_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patrol_rounds_slot_uq` ON `patrol_rounds` (`route_id`,`date`,`slot`);--> statement-breakpoint
CREATE INDEX `patrol_rounds_guard_idx` ON `patrol_rounds` (`company_id`,`guard_id`,`date`);--> statement-breakpoint
CREATE INDEX `patrol_rounds_open_end_idx` ON `patrol_rounds` (`ends_at`) WHERE "patrol_rounds"."status" = 'open';--> statement-breakpoint
CREATE TABLE `patrol_routes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`name` text NOT NULL,
	`times` text NOT NULL,
	`window_minutes` integer DEFAULT 60 NOT NULL,
	`guard_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`guard_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `patrol_routes_company_idx` ON `patrol_routes` (`company_id`,`community_id`);--> statement-breakpoint
CREATE TABLE `patrol_scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`round_id` integer NOT NULL,
	`checkpoint_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`user_id` integer NOT NULL,
	`scanned_at` integer NOT NULL,
	`late` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`round_id`) REFERENCES `patrol_rounds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `patrol_checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patrol_scans_checkpoint_uq` ON `patrol_scans` (`round_id`,`checkpoint_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `patrol_scans_seq_uq` ON `patrol_scans` (`round_id`,`seq`);