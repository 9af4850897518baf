import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { campaigns, units } from './schema';

/*
 * The office's records about its work rather than the work itself: the 操作记录, each unit's
 * standing and stars over time, and the reminders sent. Kept apart from schema.ts (the programme's
 * data) so each file reads in one sitting; drizzle-kit reads both (drizzle.config.ts).
 */

/**
 * 操作记录: who did what to the data, and when — one row per successful change, written by the
 * dispatcher from the operation's own audit note. Append-only: triggers refuse UPDATE and DELETE,
 * and the app has no operation that could ask for either.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** The office user's name from 设置, or the reviewer whose work it was. */
    actor: text('actor').notNull(),
    actorKind: text('actor_kind').notNull(),
    /** A stable code of the kind of change (see audit/actions.ts). */
    action: text('action').notNull(),
    summary: text('summary').notNull(),
    /** The operation that made it and where it came from (desktop, browser mode, the CLI). */
    operation: text('operation').notNull(),
    via: text('via').notNull(),
    campaignYear: integer('campaign_year'),
    unitId: integer('unit_id'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_action_idx').on(t.action, t.at),
    index('audit_log_unit_idx').on(t.unitId),
  ],
);

/** 动态管理: each change of a unit's standing (在册 / 暂停 / 撤销), when, why and by whom. */
export const unitStatusHistory = sqliteTable(
  'unit_status_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    /** The day it takes effect, as the committee's decision dates it (China day). */
    effectiveOn: text('effective_on').notNull(),
    previous: text('previous').notNull(),
    status: text('status').notNull(),
    reason: text('reason').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('unit_status_history_unit_idx').on(t.unitId, t.at)],
);

/** 星级认定: a unit's star level (一星 / 二星 / 三星) and each change of it. */
export const unitStarHistory = sqliteTable(
  'unit_star_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    previous: integer('previous'),
    star: integer('star'),
    reason: text('reason').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('unit_star_history_unit_idx').on(t.unitId, t.at)],
);

/** 催报: each reminder to a unit — a draft written or a mail sent (or failed, with the server's reply). */
export const reminders = sqliteTable(
  'reminders',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    /** 'draft' (an .eml written for the mail client) or 'smtp' (sent through the office mailbox). */
    channel: text('channel').notNull(),
    address: text('address'),
    subject: text('subject').notNull(),
    /** 'drafted', 'sending' (claimed before the send: a crash leaves it, never sent twice), 'sent', 'failed'. */
    status: text('status').notNull(),
    /** The server's words for a failed send; for a 警告提醒, the reason the office gave. */
    reply: text('reply'),
    /** 'remind' (催报: material to send) or 'warning' (警告提醒 from 动态管理). */
    kind: text('kind').notNull().default('remind'),
    messageId: text('message_id').notNull(),
    by: text('by').notNull(),
  },
  (t) => [index('reminders_unit_idx').on(t.campaignId, t.unitId), uniqueIndex('reminders_message_idx').on(t.messageId)],
);
