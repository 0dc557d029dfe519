ALTER TABLE `work_orders` ADD `text_key` text;--> statement-breakpoint
ALTER TABLE `work_orders` ADD `text_params` text;