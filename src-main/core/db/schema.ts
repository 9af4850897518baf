import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { UNIT_STATUSES } from '../../common/statuses';

/** Editable list of 系统/条线; seeded from the notice's recipients. */
export const sectors = sqliteTable('sectors', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  position: integer('position').notNull().default(0),
  /** Other names a sheet uses for it (a merged sector's name, 金融 for 金融团工委): imports map them here. */
  aliases: text('aliases', { mode: 'json' }).$type<string[]>().notNull().default([]),
  /** A seeded sector this office does not use: out of pickers, kept for the years that had it. */
  hidden: integer('hidden', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
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
    status: text('status', { enum: UNIT_STATUSES }).notNull().default('active'),
    contact: text('contact'),
    phone: text('phone'),
    email: text('email'),
    notes: text('notes'),
    /** 星级: 1–3 (一星 … 三星), null when not rated; changed through unit_star_history. */
    starLevel: integer('star_level'),
    /** Lower-cased name, aliases, contact and pinyin initials, so one LIKE serves the search box. */
    searchText: text('search_text').notNull().default(''),
    /** Set on delete; cleared by undo. Deleted units keep their rows so undo restores everything. */
    deletedAt: text('deleted_at'),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    uniqueIndex('units_live_name_unique')
      .on(t.name)
      .where(sql`deleted_at IS NULL`),
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
  /** Verdict thresholds and the caps on bonus and deduction points (see campaigns/rubric.ts). */
  rubric: text('rubric', { mode: 'json' }),
  isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(false),
  copiedFromId: integer('copied_from_id'),
  createdAt: text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text('updated_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
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
    /** The item's 证据词 (JSON array): the words the 评审助手 looks for in a summary (core/evidence). */
    evidenceWords: text('evidence_words', { mode: 'json' }).$type<string[]>().notNull().default([]),
  },
  (t) => [index('checklist_items_campaign_idx').on(t.campaignId, t.position)],
);

/** Small key/value settings (limits, preferences) that later issues add to. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

/**
 * 报送材料: what one unit sent for one campaign. A unit may have several versions; the newest
 * is current. `unitId` is null while the submission waits in the 待认领 queue.
 */
export const submissions = sqliteTable(
  'submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    version: integer('version').notNull().default(1),
    isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(true),
    receivedAt: text('received_at').notNull(),
    /** 'email' (the message's Date), 'archive' (newest entry time inside), 'import' (when imported). */
    receivedFrom: text('received_from').notNull(),
    late: integer('late', { mode: 'boolean' }).notNull(),
    completeness: text('completeness').notNull(),
    problems: text('problems', { mode: 'json' }).notNull(),
    sourceLabel: text('source_label').notNull(),
    sourceKind: text('source_kind').notNull(),
    messageId: text('message_id'),
    senderAddress: text('sender_address'),
    senderName: text('sender_name'),
    subject: text('subject'),
    /** SHA-256 over the sorted file hashes: the same set of files is the same submission. */
    fingerprint: text('fingerprint').notNull(),
    matchScore: integer('match_score'),
    matchReason: text('match_reason'),
    junkSkipped: integer('junk_skipped').notNull().default(0),
    notes: text('notes', { mode: 'json' }).notNull(),
    /** 超大附件 links found in the mail (name, size, expiry, URL): material still to be downloaded. */
    links: text('links', { mode: 'json' }).notNull().default([]),
    /** Deleted by the office (undoable): never current, in no list but 已删除, not counted anywhere. */
    deletedAt: text('deleted_at'),
    /**
     * A 补充 joins the unit's set: the id of the version it adds to (that row stays current and is
     * judged on its files and all its supplements'). Null for a version (第 N 版) or a 待认领 row.
     */
    supplementOf: integer('supplement_of'),
    /** Why intake (or the clerk) took it as 补充 or 重新报送, in the office's words. */
    takenReason: text('taken_reason').notNull().default(''),
    /** 逾期补齐: received in time but complete only after the deadline (counted apart from 逾期). */
    completedLate: integer('completed_late', { mode: 'boolean' }).notNull().default(false),
    /** Moves on each time the set's material changes (a 补充 joins or leaves): reviews record it. */
    materialRev: integer('material_rev').notNull().default(1),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index('submissions_supplement_idx').on(t.supplementOf),
    index('submissions_campaign_unit_idx').on(t.campaignId, t.unitId),
    // 收件's pages, newest first: the page is read from the index, never a sort of the whole campaign.
    index('submissions_campaign_id_idx').on(t.campaignId, t.id),
    index('submissions_fingerprint_idx').on(t.campaignId, t.fingerprint),
  ],
);

/**
 * What the office changed on a submission by hand, and why: its received time, its unit, a
 * file's kind, deleting and restoring it (`action`: received-at, unit, file-kind, deleted, restored).
 */
export const submissionHistory = sqliteTable(
  'submission_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    action: text('action').notNull(),
    before: text('before'),
    after: text('after'),
    reason: text('reason').notNull(),
  },
  (t) => [index('submission_history_submission_idx').on(t.submissionId)],
);

/**
 * 附件: one file of a submission; the bytes live in the content-addressed store under `sha256`.
 * In code, the API and the CLI these are a submission's `files`; the table keeps its first name.
 */
export const submissionFiles = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    pathInSource: text('path_in_source').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    kind: text('kind').notNull(),
    mime: text('mime'),
    width: integer('width'),
    height: integer('height'),
    modifiedAt: text('modified_at'),
  },
  // attachments_kind_idx: full-text search finds the summaries it has not read yet without a scan.
  (t) => [
    index('attachments_submission_idx').on(t.submissionId),
    index('attachments_sha_idx').on(t.sha256),
    index('attachments_kind_idx').on(t.kind, t.sha256),
  ],
);

/** Every archive or e-mail ever given to intake, with what became of it (also the rejected ones). */
export const intakeSources = sqliteTable(
  'intake_sources',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    kind: text('kind').notNull(),
    sha256: text('sha256'),
    messageId: text('message_id'),
    status: text('status').notNull(),
    code: text('code'),
    message: text('message').notNull(),
    submissionId: integer('submission_id').references(() => submissions.id, { onDelete: 'set null' }),
    /** For a refused source: the unit its name or sender points to, so 未报送 can say 'sent, but refused'. */
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'set null' }),
    importedAt: text('imported_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [
    index('intake_sources_sha_idx').on(t.campaignId, t.sha256),
    index('intake_sources_unit_idx').on(t.campaignId, t.unitId),
  ],
);

/** 评审人: a reviewer, with the sectors and units they must not review (conflicts of interest). */
export const reviewers = sqliteTable('reviewers', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  conflictSectorIds: text('conflict_sector_ids', { mode: 'json' }).notNull(),
  conflictUnitIds: text('conflict_unit_ids', { mode: 'json' }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  createdAt: text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

/** 评审: one reviewer's answers, score and comments on one submission. The total is computed, never typed. */
export const reviews = sqliteTable(
  'reviews',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'restrict' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => reviewers.id, { onDelete: 'restrict' }),
    answers: text('answers', { mode: 'json' }).notNull(),
    bonus: integer('bonus').notNull().default(0),
    deduction: integer('deduction').notNull().default(0),
    adjustmentNote: text('adjustment_note').notNull().default(''),
    comment: text('comment').notNull().default(''),
    total: integer('total').notNull().default(0),
    vetoed: integer('vetoed', { mode: 'boolean' }).notNull().default(false),
    verdict: text('verdict'),
    /** 'draft' | 'submitted' | 'returned' (sent back by the office, with the reason). */
    status: text('status').notNull().default('draft'),
    returnReason: text('return_reason'),
    updatedAt: text('updated_at').notNull(),
    /** The material it was made on (`submissionId.materialRev`): another mark now means 材料有更新. Null: before marks. */
    madeOn: text('made_on'),
    /**
     * Bumped by every write of what the reviewer or the office decides (a save, 退回, a result merged): a save names the
     * version it was typed on, and one typed on an older version is refused (`conflict`) instead of overwriting.
     */
    version: integer('version').notNull().default(0),
  },
  (t) => [uniqueIndex('reviews_submission_reviewer').on(t.submissionId, t.reviewerId)],
);

/** Every change to a review, so the office can see how a score came to be. */
export const reviewHistory = sqliteTable(
  'review_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reviewId: integer('review_id')
      .notNull()
      .references(() => reviews.id, { onDelete: 'cascade' }),
    snapshot: text('snapshot', { mode: 'json' }).notNull(),
    changedBy: text('changed_by').notNull(),
    changedAt: text('changed_at').notNull(),
  },
  (t) => [index('review_history_review_idx').on(t.reviewId)],
);

/** Which reviewer is to review which submission (by hand, by sector, or evenly at random). */
export const reviewAssignments = sqliteTable(
  'review_assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    submissionId: integer('submission_id')
      .notNull()
      .references(() => submissions.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id')
      .notNull()
      .references(() => reviewers.id, { onDelete: 'cascade' }),
    assignedAt: text('assigned_at').notNull(),
  },
  (t) => [uniqueIndex('review_assignments_pair').on(t.submissionId, t.reviewerId)],
);

/** The office's final verdict on a submission, and its basis: the reviewers' mean, or an override with a reason. */
export const decisions = sqliteTable('decisions', {
  submissionId: integer('submission_id')
    .primaryKey()
    .references(() => submissions.id, { onDelete: 'cascade' }),
  verdict: text('verdict').notNull(),
  score: integer('score'),
  basis: text('basis').notNull(),
  reason: text('reason').notNull().default(''),
  decidedAt: text('decided_at').notNull(),
  /** What it rested on (the material's mark and each counted review's score): another now means 需重新定级. Null: before. */
  restsOn: text('rests_on'),
});

/** 典型做法: a submission marked as a practice worth spreading, with a short note. */
export const practices = sqliteTable('practices', {
  submissionId: integer('submission_id')
    .primaryKey()
    .references(() => submissions.id, { onDelete: 'cascade' }),
  note: text('note').notNull().default(''),
  markedBy: text('marked_by').notNull(),
  markedAt: text('marked_at').notNull(),
});

/** Review packages the office made for offline reviewers: what each contained, to check results against. */
export const reviewPackages = sqliteTable('review_packages', {
  id: text('id').primaryKey(),
  campaignId: integer('campaign_id')
    .notNull()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  reviewerId: integer('reviewer_id')
    .notNull()
    .references(() => reviewers.id, { onDelete: 'cascade' }),
  /** submission id → fingerprint at the time of export. */
  fingerprints: text('fingerprints', { mode: 'json' }).notNull(),
  createdAt: text('created_at').notNull(),
  /**
   * The random key the package carries; its result file must be sealed with an HMAC of it. Null: a package from before
   * keys.
   */
  secret: text('secret'),
});

/** 表彰: which units a campaign commends, and why — by the rule, or by hand with a reason. */
export const honors = sqliteTable(
  'honors',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'cascade' }),
    basis: text('basis').notNull(),
    reason: text('reason').notNull().default(''),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [uniqueIndex('honors_campaign_unit').on(t.campaignId, t.unitId)],
);
