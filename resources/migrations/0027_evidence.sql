CREATE TABLE `summary_evidence` (
	`sha256` text NOT NULL,
	`vocabulary` text NOT NULL,
	`items` text NOT NULL,
	`computed_at` text NOT NULL,
	PRIMARY KEY(`sha256`, `vocabulary`)
);
--> statement-breakpoint
ALTER TABLE `checklist_items` ADD `evidence_words` text DEFAULT '[]' NOT NULL;