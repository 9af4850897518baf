CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL,
	`position` integer NOT NULL,
	`path_in_source` text NOT NULL,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`kind` text NOT NULL,
	`mime` text,
	`width` integer,
	`height` integer,
	`modified_at` text,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `attachments_submission_idx` ON `attachments` (`submission_id`);--> statement-breakpoint
CREATE INDEX `attachments_sha_idx` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `intake_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`sha256` text,
	`message_id` text,
	`status` text NOT NULL,
	`code` text,
	`message` text NOT NULL,
	`submission_id` integer,
	`imported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submission_id`) REFERENCES `submissions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `intake_sources_sha_idx` ON `intake_sources` (`campaign_id`,`sha256`);--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`unit_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`is_current` integer DEFAULT true NOT NULL,
	`received_at` text NOT NULL,
	`received_from` text NOT NULL,
	`late` integer NOT NULL,
	`completeness` text NOT NULL,
	`problems` text NOT NULL,
	`source_label` text NOT NULL,
	`source_kind` text NOT NULL,
	`message_id` text,
	`sender_address` text,
	`sender_name` text,
	`subject` text,
	`fingerprint` text NOT NULL,
	`match_score` integer,
	`match_reason` text,
	`junk_skipped` integer DEFAULT 0 NOT NULL,
	`notes` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `submissions_campaign_unit_idx` ON `submissions` (`campaign_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `submissions_fingerprint_idx` ON `submissions` (`campaign_id`,`fingerprint`);