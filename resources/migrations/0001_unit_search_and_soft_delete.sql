DROP INDEX `units_name_unique`;--> statement-breakpoint
ALTER TABLE `units` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `units` ADD `deleted_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `units_live_name_unique` ON `units` (`name`) WHERE deleted_at IS NULL;