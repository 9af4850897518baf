ALTER TABLE `decisions` ADD `rests_on` text;--> statement-breakpoint
ALTER TABLE `reviews` ADD `made_on` text;--> statement-breakpoint
ALTER TABLE `submissions` ADD `supplement_of` integer;--> statement-breakpoint
ALTER TABLE `submissions` ADD `taken_reason` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `completed_late` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `submissions` ADD `material_rev` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE INDEX `submissions_supplement_idx` ON `submissions` (`supplement_of`);