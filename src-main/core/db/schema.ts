import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

/** Editable list of 系统/条线; seeded from the notice's recipients. */
export const sectors = sqliteTable('sectors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  position: integer('position').notNull().default(0),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** 集体: one 青年文明号集体 in the roster. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    sectorId: integer('sector_id').references(() => sectors.id, { onDelete: 'set null' }),
    level: text('level'),
    yearNamed: integer('year_named'),
    status: text('status').notNull().default('在册'),
    contact: text('contact'),
    phone: text('phone'),
    email: text('email'),
    notes: text('notes'),
    /** Lower-cased name, aliases, contact and pinyin initials, so one LIKE serves the search box. */
    searchText: text('search_text').notNull().default(''),
    /** Set on delete; cleared by undo. Deleted units keep their rows so undo restores everything. */
    deletedAt: text('deleted_at'),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex('units_live_name_unique').on(t.name).where(sql`deleted_at IS NULL`),
    index('units_sector_idx').on(t.sectorId),
  ],
);

/** Other names a unit goes by; intake matches incoming mail against them. */
export const unitAliases = sqliteTable(
  'unit_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    alias: text('alias').notNull(),
  },
  (t) => [uniqueIndex('unit_aliases_unit_alias').on(t.unitId, t.alias), index('unit_aliases_alias_idx').on(t.alias)],
);

/** 年度工作: one year's notice. Materials and contact are small structured values kept as JSON. */
export const campaigns = sqliteTable('campaigns', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  theme: text('theme').notNull().default(''),
  issuer: text('issuer').notNull().default(''),
  issuedOn: text('issued_on'),
  /** Calendar date (YYYY-MM-DD); materials are due by the end of that day, China time. */
  deadline: text('deadline').notNull(),
  materials: text('materials', { mode: 'json' }).notNull(),
  contact: text('contact', { mode: 'json' }).notNull(),
  isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(false),
  copiedFromId: integer('copied_from_id'),
  createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** One activity item of a campaign's checklist; reviews (later) refer to items by id. */
export const checklistItems = sqliteTable(
  'checklist_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    section: text('section').notNull(),
    title: text('title').notNull(),
    guidance: text('guidance').notNull().default(''),
    points: integer('points').notNull().default(0),
    /** 'check' = done / not done; 'count' = a number with a minimum; 'veto' = 一票否决. */
    kind: text('kind').notNull().default('check'),
    minCount: integer('min_count'),
  },
  (t) => [index('checklist_items_campaign_idx').on(t.campaignId, t.position)],
);

/** Small key/value settings (limits, preferences) that later issues add to. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});
