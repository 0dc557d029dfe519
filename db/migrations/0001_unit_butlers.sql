CREATE TABLE `unit_butlers` (
	`company_id` integer NOT NULL,
	`unit_id` integer PRIMARY KEY NOT NULL,
	`butler_user_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`butler_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `unit_butlers_butler_idx` ON `unit_butlers` (`butler_user_id`);