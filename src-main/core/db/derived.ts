import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * Derived data: every row here can be made again from the records and the store, so nothing here
 * is evidence — what full-text search knows of the summaries, and the 动态管理 list as last worked out.
 * The FTS5 table `summary_fts` (trigram tokenizer, rowid = summary_texts.id) is created by migration
 * 0018 by hand, and the triggers that keep `flag_dirty` by migration 0019: drizzle has neither.
 */

/**
 * One stored summary file's text, by content hash (the same bytes sent twice are read once).
 * `status`: 'indexed' (text in summary_fts), 'empty' (a scan or a picture saved as PDF: no text),
 * 'unreadable' (damaged, encrypted, or a format with no text to take), 'runaway' (stopped by the limits).
 * `reader`: the readers and limits it was read under (documents/reader.ts `readerVersion`): a file the
 * limits stopped is read again only when they change, never on every pass.
 */
export const summaryTexts = sqliteTable('summary_texts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sha256: text('sha256').notNull().unique(),
  status: text('status').notNull(),
  chars: integer('chars').notNull().default(0),
  reader: text('reader').notNull().default(''),
  extractedAt: text('extracted_at').notNull(),
});

/** The 动态管理 list as last worked out, per unit and rule (names and standing are joined on reading). */
export const flagCache = sqliteTable(
  'flag_cache',
  {
    unitId: integer('unit_id').notNull(),
    rule: text('rule').notNull(),
    label: text('label').notNull(),
    suggestion: text('suggestion').notNull(),
    evidence: text('evidence').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.rule] })],
);

/**
 * Units whose records changed since the list was worked out: triggers on submissions, decisions,
 * refusals, units and status history add them, in the writer's own transaction.
 */
export const flagDirty = sqliteTable('flag_dirty', {
  unitId: integer('unit_id').primaryKey(),
});

/**
 * How often each table of records was written (triggers of migration 0020): `memoUntilTablesChange`
 * keeps an answer until a table it read is written, not until anything at all is. A new table of
 * records needs its three triggers there too.
 */
export const tableVersions = sqliteTable('table_versions', {
  name: text('name').primaryKey(),
  version: integer('version').notNull().default(0),
});

/**
 * Which submissions' reviews, decisions, 典型做法 marks or assignments were written, in order
 * (triggers of migration 0021): the year's aggregation catches up on these instead of reading every
 * review again. Each reader remembers the last `seq` it applied, so one reader never takes another's
 * news; rows are a few bytes (a busy review season writes some tens of thousands).
 */
export const submissionChanges = sqliteTable('submission_changes', {
  seq: integer('seq').primaryKey({ autoIncrement: true }),
  submissionId: integer('submission_id').notNull(),
});

/**
 * The 评审助手's passages for one summary's text (by hash) under one checklist vocabulary (a hash of
 * the items' titles, guidance and 证据词): computed once, at reading or when first asked, and kept.
 * Editing the words makes a new vocabulary; the summary is worked out again when next asked.
 */
export const summaryEvidence = sqliteTable(
  'summary_evidence',
  {
    sha256: text('sha256').notNull(),
    vocabulary: text('vocabulary').notNull(),
    items: text('items', { mode: 'json' }).notNull(),
    computedAt: text('computed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sha256, t.vocabulary] })],
);
