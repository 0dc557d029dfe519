CREATE TABLE `inspection_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`inspection_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`label` text NOT NULL,
	`team` text NOT NULL,
	`max_score` integer NOT NULL,
	`score` integer NOT NULL,
	`defect` integer DEFAULT false NOT NULL,
	`note` text,
	`work_order_id` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspection_id`) REFERENCES `inspections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspection_items_seq_uq` ON `inspection_items` (`inspection_id`,`seq`);--> statement-breakpoint
CREATE INDEX `inspection_items_team_idx` ON `inspection_items` (`company_id`,`team`);--> statement-breakpoint
CREATE TABLE `inspection_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`area_kind` text NOT NULL,
	`items` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `inspection_templates_company_idx` ON `inspection_templates` (`company_id`,`area_kind`);--> statement-breakpoint
CREATE TABLE `inspections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`area_id` integer,
	`area_kind` text NOT NULL,
	`template_id` integer NOT NULL,
	`inspector_id` integer NOT NULL,
	`request_id` text NOT NULL,
	`month` text NOT NULL,
	`score` integer NOT NULL,
	`max_score` integer NOT NULL,
	`defects` integer NOT NULL,
	`inspected_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`area_id`) REFERENCES `cleaning_areas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `inspection_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`inspector_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inspections_request_uq` ON `inspections` (`company_id`,`request_id`);--> statement-breakpoint
CREATE INDEX `inspections_month_idx` ON `inspections` (`company_id`,`month`,`community_id`);