CREATE TABLE `flag_cache` (
	`unit_id` integer NOT NULL,
	`rule` text NOT NULL,
	`label` text NOT NULL,
	`suggestion` text NOT NULL,
	`evidence` text NOT NULL,
	PRIMARY KEY(`unit_id`, `rule`)
);
--> statement-breakpoint
CREATE TABLE `flag_dirty` (
	`unit_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- The 动态管理 list is kept, and only the units whose records change are worked out again: every
-- write that can change a unit's flags marks it here, in the writer's own transaction. NOT EXISTS,
-- not INSERT OR IGNORE: an upsert's conflict handling overrides a trigger's OR IGNORE, and the mark
-- of an already marked unit then failed the office's own write.
CREATE TRIGGER `flag_dirty_submissions_insert` AFTER INSERT ON `submissions` BEGIN INSERT INTO flag_dirty (unit_id) SELECT new.unit_id WHERE new.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_decisions_insert` AFTER INSERT ON `decisions` BEGIN INSERT INTO flag_dirty (unit_id) SELECT s.unit_id FROM submissions s WHERE s.id = new.submission_id AND s.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = s.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_intake_sources_insert` AFTER INSERT ON `intake_sources` BEGIN INSERT INTO flag_dirty (unit_id) SELECT new.unit_id WHERE new.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_units_insert` AFTER INSERT ON `units` BEGIN INSERT INTO flag_dirty (unit_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_status_history_insert` AFTER INSERT ON `unit_status_history` BEGIN INSERT INTO flag_dirty (unit_id) SELECT new.unit_id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_submissions_update` AFTER UPDATE ON `submissions` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.unit_id WHERE old.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.unit_id); INSERT INTO flag_dirty (unit_id) SELECT new.unit_id WHERE new.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_decisions_update` AFTER UPDATE ON `decisions` BEGIN INSERT INTO flag_dirty (unit_id) SELECT s.unit_id FROM submissions s WHERE s.id = old.submission_id AND s.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = s.unit_id); INSERT INTO flag_dirty (unit_id) SELECT s.unit_id FROM submissions s WHERE s.id = new.submission_id AND s.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = s.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_intake_sources_update` AFTER UPDATE ON `intake_sources` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.unit_id WHERE old.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.unit_id); INSERT INTO flag_dirty (unit_id) SELECT new.unit_id WHERE new.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_units_update` AFTER UPDATE ON `units` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.id); INSERT INTO flag_dirty (unit_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_status_history_update` AFTER UPDATE ON `unit_status_history` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.unit_id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.unit_id); INSERT INTO flag_dirty (unit_id) SELECT new.unit_id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = new.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_submissions_delete` AFTER DELETE ON `submissions` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.unit_id WHERE old.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_decisions_delete` AFTER DELETE ON `decisions` BEGIN INSERT INTO flag_dirty (unit_id) SELECT s.unit_id FROM submissions s WHERE s.id = old.submission_id AND s.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = s.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_intake_sources_delete` AFTER DELETE ON `intake_sources` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.unit_id WHERE old.unit_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.unit_id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_units_delete` AFTER DELETE ON `units` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.id); END;
--> statement-breakpoint
CREATE TRIGGER `flag_dirty_status_history_delete` AFTER DELETE ON `unit_status_history` BEGIN INSERT INTO flag_dirty (unit_id) SELECT old.unit_id WHERE NOT EXISTS (SELECT 1 FROM flag_dirty WHERE unit_id = old.unit_id); END;
