CREATE TABLE `submission_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`at` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `submission_history_submission_idx` ON `submission_history` (`submission_id`);