CREATE TABLE `honors` (
	`campaign_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`basis` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `honors_campaign_unit` ON `honors` (`campaign_id`,`unit_id`);