import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { reviewers } from './schema';

/*
 * 集中评审: the days the office opened the app to its network for reviewers, each reviewer's code
 * for the day, and the sessions those codes opened. Read by core on every reviewer call (is this
 * session still good?) and by the office's board.
 */

/** One review day: the address it was served on and until when. Closed early by 结束集中评审. */
export const reviewDays = sqliteTable('review_days', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  address: text('address').notNull(),
  /** The port the shell is listening on for it, once it is (null: not served yet — the desktop cannot serve). */
  port: integer('port'),
  startedAt: text('started_at').notNull(),
  endsAt: text('ends_at').notNull(),
  closedAt: text('closed_at'),
});

/** A reviewer's 6-digit code for one day; a new one (or 收回) revokes the last. */
export const reviewerCodes = sqliteTable(
  'reviewer_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewDayId: integer('review_day_id')
      .notNull()
      .references(() => reviewDays.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => reviewers.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    issuedAt: text('issued_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('reviewer_codes_day_idx').on(t.reviewDayId, t.code)],
);

/**
 * A browser a code opened. Only the session's hash is kept (the cookie holds the secret), with
 * where it came from and what it last did, for the office's board.
 */
export const reviewerSessions = sqliteTable(
  'reviewer_sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull(),
    codeId: integer('code_id')
      .notNull()
      .references(() => reviewerCodes.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** The submission the reviewer has open now (the last one they read or saved). */
    openSubmissionId: integer('open_submission_id'),
  },
  (t) => [uniqueIndex('reviewer_sessions_token').on(t.tokenHash)],
);
