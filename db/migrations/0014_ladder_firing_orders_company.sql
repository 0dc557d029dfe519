-- Every business row carries its company (so purging a company, and tenant checks, reach it):
-- rebuild the link table with company_id, filled from the firing it belongs to.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_crm_ladder_firing_orders` (
	`company_id` integer NOT NULL,
	`firing_id` integer NOT NULL,
	`work_order_id` integer NOT NULL,
	PRIMARY KEY(`firing_id`, `work_order_id`),
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`firing_id`) REFERENCES `crm_ladder_firings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`work_order_id`) REFERENCES `work_orders`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_crm_ladder_firing_orders`(`company_id`, `firing_id`, `work_order_id`)
  SELECT f.`company_id`, o.`firing_id`, o.`work_order_id` FROM `crm_ladder_firing_orders` o JOIN `crm_ladder_firings` f ON f.`id` = o.`firing_id`;--> statement-breakpoint
DROP TABLE `crm_ladder_firing_orders`;--> statement-breakpoint
ALTER TABLE `__new_crm_ladder_firing_orders` RENAME TO `crm_ladder_firing_orders`;--> statement-breakpoint
PRAGMA foreign_keys=ON;
