PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_contract_bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`contract_id` integer,
	`unit_period_id` integer,
	`unit_id` integer,
	`reason_key` text,
	`reason_params` text,
	`customer_id` integer NOT NULL,
	`period` text NOT NULL,
	`due_date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`allocated_fen` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_period_id`) REFERENCES `unit_billing_periods`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `contract_customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contract_bills_source_ck" CHECK(("__new_contract_bills"."contract_id" is null) <> ("__new_contract_bills"."unit_period_id" is null)),
	CONSTRAINT "contract_bills_allocation_ck" CHECK("__new_contract_bills"."allocated_fen" >= 0 and "__new_contract_bills"."allocated_fen" <= "__new_contract_bills"."amount_fen")
);
--> statement-breakpoint
INSERT INTO `__new_contract_bills`("id", "company_id", "contract_id", "unit_period_id", "unit_id", "reason_key", "reason_params", "customer_id", "period", "due_date", "amount_fen", "allocated_fen", "created_at") SELECT "id", "company_id", "contract_id", NULL, NULL, NULL, NULL, "customer_id", "period", "due_date", "amount_fen", "allocated_fen", "created_at" FROM `contract_bills`;--> statement-breakpoint
DROP TABLE `contract_bills`;--> statement-breakpoint
ALTER TABLE `__new_contract_bills` RENAME TO `contract_bills`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `contract_bills_contract_period_uq` ON `contract_bills` (`contract_id`,`period`);--> statement-breakpoint
CREATE UNIQUE INDEX `contract_bills_unit_period_uq` ON `contract_bills` (`unit_period_id`,`period`) WHERE "contract_bills"."unit_period_id" is not null;--> statement-breakpoint
CREATE INDEX `contract_bills_customer_idx` ON `contract_bills` (`customer_id`);--> statement-breakpoint
CREATE INDEX `contract_bills_company_period_idx` ON `contract_bills` (`company_id`,`period`);--> statement-breakpoint
CREATE TABLE `__new_unit_billing_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`customer_id` integer,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `contract_customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "unit_billing_periods_dates_ck" CHECK("__new_unit_billing_periods"."to_date" is null or "__new_unit_billing_periods"."to_date" > "__new_unit_billing_periods"."from_date"),
	CONSTRAINT "unit_billing_periods_customer_ck" CHECK(("__new_unit_billing_periods"."kind" = 'developer') = ("__new_unit_billing_periods"."customer_id" is not null))
);
--> statement-breakpoint
INSERT INTO `__new_unit_billing_periods`("id", "company_id", "unit_id", "kind", "from_date", "to_date", "customer_id", "actor_user_id", "created_at") SELECT "id", "company_id", "unit_id", "kind", "from_date", "to_date", NULL, "actor_user_id", "created_at" FROM `unit_billing_periods`;--> statement-breakpoint
DROP TABLE `unit_billing_periods`;--> statement-breakpoint
ALTER TABLE `__new_unit_billing_periods` RENAME TO `unit_billing_periods`;--> statement-breakpoint
CREATE INDEX `unit_billing_periods_unit_idx` ON `unit_billing_periods` (`unit_id`,`from_date`);