CREATE TABLE `decisions` (
	`submission_id` integer PRIMARY KEY NOT NULL,
	`verdict` text NOT NULL,
	`score` integer,
	`basis` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`decided_at` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `practices` (
	`submission_id` integer PRIMARY KEY NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`marked_by` text NOT NULL,
	`marked_at` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`reviewer_id` integer NOT NULL,
	`assigned_at` text NOT NULL,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reviewer_id`) REFERENCES `reviewers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_assignments_pair` ON `review_assignments` (`submission_id`,`reviewer_id`);