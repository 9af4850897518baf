import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/*
 * What full-text search knows of the stored summaries. Derived data: every row can be made again
 * from the store, so nothing here is evidence. The FTS5 table `summary_fts` (trigram tokenizer,
 * rowid = summary_texts.id) is created by migration 0018 by hand, since drizzle has no virtual tables.
 */

/**
 * One stored summary file's text, by content hash (the same bytes sent twice are read once).
 * `status`: 'indexed' (text in summary_fts), 'empty' (a scan or a picture saved as PDF: no text),
 * 'unreadable' (damaged, encrypted, or a format with no text to take), 'runaway' (stopped by the limits).
 */
export const summaryTexts = sqliteTable('summary_texts', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sha256: text('sha256').notNull().unique(),
  status: text('status').notNull(),
  chars: integer('chars').notNull().default(0),
  extractedAt: text('extracted_at').notNull(),
});
