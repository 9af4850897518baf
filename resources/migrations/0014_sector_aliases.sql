ALTER TABLE `sectors` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `sectors` ADD `hidden` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- A JSON column's default written by the ORM as the string "[]" (not the empty list) on rows that left it out: a review package's submissions.
UPDATE `submissions` SET `links` = '[]' WHERE `links` = '"[]"';
