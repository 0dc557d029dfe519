CREATE TABLE `meter_readings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`fee_item_id` integer NOT NULL,
	`period` text NOT NULL,
	`reading_centi` integer NOT NULL,
	`previous_centi` integer NOT NULL,
	`actor_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fee_item_id`) REFERENCES `fee_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "meter_readings_reading_ck" CHECK("meter_readings"."previous_centi" >= 0 and "meter_readings"."reading_centi" >= "meter_readings"."previous_centi")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meter_readings_unit_item_period_uq` ON `meter_readings` (`unit_id`,`fee_item_id`,`period`);--> statement-breakpoint
CREATE INDEX `meter_readings_company_period_idx` ON `meter_readings` (`company_id`,`period`);--> statement-breakpoint
CREATE TABLE `contract_allocations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`contract_bill_id` integer NOT NULL,
	`contract_payment_id` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_bill_id`) REFERENCES `contract_bills`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_payment_id`) REFERENCES `contract_payments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contract_allocations_bill_idx` ON `contract_allocations` (`contract_bill_id`);--> statement-breakpoint
CREATE INDEX `contract_allocations_payment_idx` ON `contract_allocations` (`contract_payment_id`);--> statement-breakpoint
CREATE TABLE `contract_bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`contract_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`period` text NOT NULL,
	`due_date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`allocated_fen` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contract_id`) REFERENCES `contracts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `contract_customers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contract_bills_allocation_ck" CHECK("contract_bills"."allocated_fen" >= 0 and "contract_bills"."allocated_fen" <= "contract_bills"."amount_fen")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_bills_contract_period_uq` ON `contract_bills` (`contract_id`,`period`);--> statement-breakpoint
CREATE INDEX `contract_bills_customer_idx` ON `contract_bills` (`customer_id`);--> statement-breakpoint
CREATE INDEX `contract_bills_company_period_idx` ON `contract_bills` (`company_id`,`period`);--> statement-breakpoint
CREATE TABLE `contract_customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`contact` text,
	`phone` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_customers_company_name_uq` ON `contract_customers` (`company_id`,`name`);--> statement-breakpoint
CREATE TABLE `contract_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`method` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`receipt_no` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`actor_user_id` integer,
	`note` text,
	`received_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `contract_customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contract_payments_amount_ck" CHECK("contract_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contract_payments_company_idem_uq` ON `contract_payments` (`company_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `contract_payments_company_receipt_uq` ON `contract_payments` (`company_id`,`receipt_no`);--> statement-breakpoint
CREATE INDEX `contract_payments_company_received_idx` ON `contract_payments` (`company_id`,`received_at`);--> statement-breakpoint
CREATE TABLE `contracts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`customer_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`description` text NOT NULL,
	`monthly_fen` integer NOT NULL,
	`start_month` text NOT NULL,
	`end_month` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`customer_id`) REFERENCES `contract_customers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "contracts_amount_ck" CHECK("contracts"."monthly_fen" > 0),
	CONSTRAINT "contracts_months_ck" CHECK("contracts"."start_month" <= "contracts"."end_month")
);
--> statement-breakpoint
CREATE INDEX `contracts_company_idx` ON `contracts` (`company_id`,`start_month`);--> statement-breakpoint
CREATE INDEX `contracts_customer_idx` ON `contracts` (`customer_id`);