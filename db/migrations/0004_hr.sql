CREATE TABLE `attendance_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`work_date` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`source` text DEFAULT 'clock' NOT NULL,
	`reason` text,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attendance_clock_uq` ON `attendance_entries` (`company_id`,`user_id`,`work_date`,`kind`) WHERE source = 'clock';--> statement-breakpoint
CREATE INDEX `attendance_company_date_idx` ON `attendance_entries` (`company_id`,`work_date`);--> statement-breakpoint
CREATE TABLE `personnel_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`kind` text NOT NULL,
	`effective_date` text NOT NULL,
	`reason` text NOT NULL,
	`to_community_id` integer,
	`from_role` text,
	`to_role` text,
	`to_position` text,
	`created_by` integer,
	`applied_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `personnel_changes_company_user_idx` ON `personnel_changes` (`company_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `personnel_changes_due_idx` ON `personnel_changes` (`company_id`,`applied_at`,`effective_date`);--> statement-breakpoint
CREATE TABLE `staff_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`employee_no` text NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`email` text,
	`community_id` integer,
	`position` text NOT NULL,
	`hire_date` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_records_company_no_uq` ON `staff_records` (`company_id`,`employee_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_records_company_user_uq` ON `staff_records` (`company_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `staff_records_company_community_idx` ON `staff_records` (`company_id`,`community_id`);--> statement-breakpoint
CREATE TABLE `work_shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `work_shifts_company_user_uq` ON `work_shifts` (`company_id`,`user_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `work_shifts_company_default_uq` ON `work_shifts` (`company_id`) WHERE user_id is null;