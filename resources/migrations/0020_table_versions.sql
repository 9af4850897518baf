CREATE TABLE `table_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- How often each table of records was written: an answer computed from a few tables is kept until
-- one of those changes, whatever else is written meanwhile (the search index, the 操作记录, a kept list).
INSERT INTO `table_versions` (`name`) VALUES ('units'), ('unit_aliases'), ('sectors'), ('campaigns'), ('checklist_items'), ('settings'), ('submissions'), ('submission_history'), ('attachments'), ('intake_sources'), ('reviewers'), ('reviews'), ('review_history'), ('review_assignments'), ('decisions'), ('practices'), ('review_packages'), ('honors'), ('unit_status_history'), ('unit_star_history'), ('reminders');
--> statement-breakpoint
CREATE TRIGGER `versions_units_insert` AFTER INSERT ON `units` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'units'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_units_update` AFTER UPDATE ON `units` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'units'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_units_delete` AFTER DELETE ON `units` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'units'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_aliases_insert` AFTER INSERT ON `unit_aliases` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_aliases'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_aliases_update` AFTER UPDATE ON `unit_aliases` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_aliases'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_aliases_delete` AFTER DELETE ON `unit_aliases` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_aliases'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_sectors_insert` AFTER INSERT ON `sectors` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'sectors'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_sectors_update` AFTER UPDATE ON `sectors` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'sectors'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_sectors_delete` AFTER DELETE ON `sectors` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'sectors'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_campaigns_insert` AFTER INSERT ON `campaigns` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'campaigns'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_campaigns_update` AFTER UPDATE ON `campaigns` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'campaigns'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_campaigns_delete` AFTER DELETE ON `campaigns` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'campaigns'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_checklist_items_insert` AFTER INSERT ON `checklist_items` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'checklist_items'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_checklist_items_update` AFTER UPDATE ON `checklist_items` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'checklist_items'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_checklist_items_delete` AFTER DELETE ON `checklist_items` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'checklist_items'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_settings_insert` AFTER INSERT ON `settings` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'settings'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_settings_update` AFTER UPDATE ON `settings` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'settings'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_settings_delete` AFTER DELETE ON `settings` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'settings'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_submissions_insert` AFTER INSERT ON `submissions` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'submissions'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_submissions_update` AFTER UPDATE ON `submissions` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'submissions'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_submissions_delete` AFTER DELETE ON `submissions` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'submissions'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_submission_history_insert` AFTER INSERT ON `submission_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'submission_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_submission_history_update` AFTER UPDATE ON `submission_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'submission_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_submission_history_delete` AFTER DELETE ON `submission_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'submission_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_attachments_insert` AFTER INSERT ON `attachments` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'attachments'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_attachments_update` AFTER UPDATE ON `attachments` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'attachments'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_attachments_delete` AFTER DELETE ON `attachments` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'attachments'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_intake_sources_insert` AFTER INSERT ON `intake_sources` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'intake_sources'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_intake_sources_update` AFTER UPDATE ON `intake_sources` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'intake_sources'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_intake_sources_delete` AFTER DELETE ON `intake_sources` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'intake_sources'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reviewers_insert` AFTER INSERT ON `reviewers` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reviewers'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reviewers_update` AFTER UPDATE ON `reviewers` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reviewers'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reviewers_delete` AFTER DELETE ON `reviewers` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reviewers'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reviews_insert` AFTER INSERT ON `reviews` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reviews'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reviews_update` AFTER UPDATE ON `reviews` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reviews'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reviews_delete` AFTER DELETE ON `reviews` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reviews'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_history_insert` AFTER INSERT ON `review_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_history_update` AFTER UPDATE ON `review_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_history_delete` AFTER DELETE ON `review_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_assignments_insert` AFTER INSERT ON `review_assignments` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_assignments'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_assignments_update` AFTER UPDATE ON `review_assignments` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_assignments'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_assignments_delete` AFTER DELETE ON `review_assignments` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_assignments'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_decisions_insert` AFTER INSERT ON `decisions` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'decisions'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_decisions_update` AFTER UPDATE ON `decisions` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'decisions'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_decisions_delete` AFTER DELETE ON `decisions` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'decisions'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_practices_insert` AFTER INSERT ON `practices` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'practices'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_practices_update` AFTER UPDATE ON `practices` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'practices'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_practices_delete` AFTER DELETE ON `practices` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'practices'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_packages_insert` AFTER INSERT ON `review_packages` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_packages'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_packages_update` AFTER UPDATE ON `review_packages` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_packages'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_review_packages_delete` AFTER DELETE ON `review_packages` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'review_packages'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_honors_insert` AFTER INSERT ON `honors` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'honors'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_honors_update` AFTER UPDATE ON `honors` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'honors'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_honors_delete` AFTER DELETE ON `honors` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'honors'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_status_history_insert` AFTER INSERT ON `unit_status_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_status_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_status_history_update` AFTER UPDATE ON `unit_status_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_status_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_status_history_delete` AFTER DELETE ON `unit_status_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_status_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_star_history_insert` AFTER INSERT ON `unit_star_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_star_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_star_history_update` AFTER UPDATE ON `unit_star_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_star_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_unit_star_history_delete` AFTER DELETE ON `unit_star_history` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'unit_star_history'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reminders_insert` AFTER INSERT ON `reminders` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reminders'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reminders_update` AFTER UPDATE ON `reminders` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reminders'; END;
--> statement-breakpoint
CREATE TRIGGER `versions_reminders_delete` AFTER DELETE ON `reminders` BEGIN UPDATE table_versions SET version = version + 1 WHERE name = 'reminders'; END;
