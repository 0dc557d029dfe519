ALTER TABLE `patrol_checkpoints` ADD `active` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `patrol_rounds` ADD `plan` text;