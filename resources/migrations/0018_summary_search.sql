CREATE TABLE `summary_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`status` text NOT NULL,
	`chars` integer DEFAULT 0 NOT NULL,
	`extracted_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `summary_texts_sha256_unique` ON `summary_texts` (`sha256`);--> statement-breakpoint
CREATE INDEX `attachments_kind_idx` ON `attachments` (`kind`,`sha256`);--> statement-breakpoint
-- Trigram: every three-character run is a token, so Chinese needs no dictionary and any phrase of
-- three or more characters is found wherever it stands. rowid = summary_texts.id.
CREATE VIRTUAL TABLE `summary_fts` USING fts5(`text`, tokenize = 'trigram');
--> statement-breakpoint
-- A summary whose text row goes leaves the index too (a restore, a rebuild).
CREATE TRIGGER `summary_texts_unindex` AFTER DELETE ON `summary_texts` BEGIN DELETE FROM `summary_fts` WHERE rowid = old.id; END;
