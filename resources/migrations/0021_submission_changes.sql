CREATE TABLE `submission_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`submission_id` integer NOT NULL
);
--> statement-breakpoint
-- The year's aggregation catches up on the submissions named here (review/aggregate.ts).
CREATE TRIGGER `changes_reviews_insert` AFTER INSERT ON `reviews` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_reviews_update` AFTER UPDATE ON `reviews` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); INSERT INTO submission_changes (submission_id) SELECT old.submission_id WHERE old.submission_id <> new.submission_id; END;
--> statement-breakpoint
CREATE TRIGGER `changes_reviews_delete` AFTER DELETE ON `reviews` BEGIN INSERT INTO submission_changes (submission_id) VALUES (old.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_decisions_insert` AFTER INSERT ON `decisions` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_decisions_update` AFTER UPDATE ON `decisions` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); INSERT INTO submission_changes (submission_id) SELECT old.submission_id WHERE old.submission_id <> new.submission_id; END;
--> statement-breakpoint
CREATE TRIGGER `changes_decisions_delete` AFTER DELETE ON `decisions` BEGIN INSERT INTO submission_changes (submission_id) VALUES (old.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_practices_insert` AFTER INSERT ON `practices` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_practices_update` AFTER UPDATE ON `practices` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); INSERT INTO submission_changes (submission_id) SELECT old.submission_id WHERE old.submission_id <> new.submission_id; END;
--> statement-breakpoint
CREATE TRIGGER `changes_practices_delete` AFTER DELETE ON `practices` BEGIN INSERT INTO submission_changes (submission_id) VALUES (old.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_review_assignments_insert` AFTER INSERT ON `review_assignments` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); END;
--> statement-breakpoint
CREATE TRIGGER `changes_review_assignments_update` AFTER UPDATE ON `review_assignments` BEGIN INSERT INTO submission_changes (submission_id) VALUES (new.submission_id); INSERT INTO submission_changes (submission_id) SELECT old.submission_id WHERE old.submission_id <> new.submission_id; END;
--> statement-breakpoint
CREATE TRIGGER `changes_review_assignments_delete` AFTER DELETE ON `review_assignments` BEGIN INSERT INTO submission_changes (submission_id) VALUES (old.submission_id); END;
