CREATE TABLE `review_days` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`address` text NOT NULL,
	`port` integer,
	`started_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE TABLE `reviewer_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_day_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`code` text NOT NULL,
	`issued_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`review_day_id`) REFERENCES `review_days`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `reviewers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reviewer_codes_day_idx` ON `reviewer_codes` (`review_day_id`,`code`);--> statement-breakpoint
CREATE TABLE `reviewer_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`code_id` integer NOT NULL,
	`address` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`open_submission_id` integer,
	FOREIGN KEY (`code_id`) REFERENCES `reviewer_codes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviewer_sessions_token` ON `reviewer_sessions` (`token_hash`);