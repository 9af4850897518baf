ALTER TABLE `reminders` ADD `kind` text DEFAULT 'remind' NOT NULL;--> statement-breakpoint
-- Warnings written before the column told themselves apart only by their subject.
UPDATE `reminders` SET `kind` = 'warning' WHERE `subject` LIKE '【警告提醒】%';
