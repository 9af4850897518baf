PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`sector_id` integer,
	`level` text,
	`year_named` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`contact` text,
	`phone` text,
	`email` text,
	`notes` text,
	`search_text` text DEFAULT '' NOT NULL,
	`deleted_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
INSERT INTO `__new_units`("id", "name", "sector_id", "level", "year_named", "status", "contact", "phone", "email", "notes", "search_text", "deleted_at", "created_at", "updated_at") SELECT "id", "name", "sector_id", "level", "year_named", CASE "status" WHEN '在册' THEN 'active' WHEN '暂停' THEN 'suspended' WHEN '撤销' THEN 'revoked' ELSE "status" END, "contact", "phone", "email", "notes", "search_text", "deleted_at", "created_at", "updated_at" FROM `units`;--> statement-breakpoint
DROP TABLE `units`;--> statement-breakpoint
ALTER TABLE `__new_units` RENAME TO `units`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `units_live_name_unique` ON `units` (`name`) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX `units_sector_idx` ON `units` (`sector_id`);