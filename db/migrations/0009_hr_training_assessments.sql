CREATE TABLE `assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`period` text NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`role` text NOT NULL,
	`community_id` integer,
	`status` text DEFAULT 'draft' NOT NULL,
	`kpis` text NOT NULL,
	`manager_score` integer NOT NULL,
	`comment` text NOT NULL,
	`grade_override` text,
	`overall` integer NOT NULL,
	`grade` text NOT NULL,
	`reason` text,
	`reviewer_user_id` integer,
	`finalised_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewer_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "assessments_manager_score_ck" CHECK("assessments"."manager_score" between 0 and 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessments_person_period_rev_uq` ON `assessments` (`company_id`,`user_id`,`period`,`revision`);--> statement-breakpoint
CREATE INDEX `assessments_company_period_idx` ON `assessments` (`company_id`,`period`);--> statement-breakpoint
CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`title` text NOT NULL,
	`date` text NOT NULL,
	`hours_tenths` integer NOT NULL,
	`trainer` text NOT NULL,
	`community_id` integer,
	`capacity` integer,
	`created_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_courses_hours_ck" CHECK("training_courses"."hours_tenths" > 0)
);
--> statement-breakpoint
CREATE INDEX `training_courses_company_date_idx` ON `training_courses` (`company_id`,`date`);--> statement-breakpoint
CREATE TABLE `training_enrolments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`attended_at` integer,
	`completed_at` integer,
	`score` integer,
	`enrolled_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enrolled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_enrolments_score_ck" CHECK("training_enrolments"."score" is null or ("training_enrolments"."score" between 0 and 100))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_enrolments_course_user_uq` ON `training_enrolments` (`course_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `training_enrolments_company_user_idx` ON `training_enrolments` (`company_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `personnel_changes` ADD `successor_user_id` integer REFERENCES users(id);