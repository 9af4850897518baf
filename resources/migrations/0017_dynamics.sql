CREATE TABLE `reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`campaign_id` integer NOT NULL,
	`at` text NOT NULL,
	`channel` text NOT NULL,
	`address` text,
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`reply` text,
	`message_id` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminders_unit_idx` ON `reminders` (`campaign_id`,`unit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `reminders_message_idx` ON `reminders` (`message_id`);--> statement-breakpoint
CREATE TABLE `unit_star_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`at` text NOT NULL,
	`previous` integer,
	`star` integer,
	`reason` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unit_star_history_unit_idx` ON `unit_star_history` (`unit_id`,`at`);--> statement-breakpoint
CREATE TABLE `unit_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`at` text NOT NULL,
	`effective_on` text NOT NULL,
	`previous` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`by` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `unit_status_history_unit_idx` ON `unit_status_history` (`unit_id`,`at`);--> statement-breakpoint
ALTER TABLE `units` ADD `star_level` integer;