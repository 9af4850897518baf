CREATE TABLE `review_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`snapshot` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` text NOT NULL,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_history_review_idx` ON `review_history` (`review_id`);--> statement-breakpoint
CREATE TABLE `reviewers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`conflict_sector_ids` text NOT NULL,
	`conflict_unit_ids` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewers_name_unique` ON `reviewers` (`name`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`answers` text NOT NULL,
	`bonus` integer DEFAULT 0 NOT NULL,
	`deduction` integer DEFAULT 0 NOT NULL,
	`adjustment_note` text DEFAULT '' NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`total` integer DEFAULT 0 NOT NULL,
	`vetoed` integer DEFAULT false NOT NULL,
	`verdict` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reviewer_id`) REFERENCES `reviewers`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_submission_reviewer` ON `reviews` (`submission_id`,`reviewer_id`);--> statement-breakpoint
ALTER TABLE `campaigns` ADD `rubric` text;