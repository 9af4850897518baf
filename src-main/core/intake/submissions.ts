import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { slices } from '../db/slices';
import { memoUntilChange } from '../db/memo';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { submissionFiles, submissionHistory, practices, submissions, unitAliases, units } from '../db/schema';
import { getUnit, listUnits } from '../roster/units';
import { buildSearchText } from '../text/normalize';
import { aliasConflict, learnableAlias } from './match';

export interface SubmissionFile {
  id: number;
  name: string;
  pathInSource: string;
  kind: string;
  size: number;
  sha256: string;
  mime: string | null;
  width: number | null;
  height: number | null;
}

export type SubmissionRow = typeof submissions.$inferSelect & { unitName: string | null; files: SubmissionFile[] };
export type SubmissionDetail = SubmissionRow & { practice: { note: string; markedBy: string } | null };

const fileColumns = { id: submissionFiles.id, name: submissionFiles.name, pathInSource: submissionFiles.pathInSource, kind: submissionFiles.kind, size: submissionFiles.size, sha256: submissionFiles.sha256, mime: submissionFiles.mime, width: submissionFiles.width, height: submissionFiles.height };

function filesOf(orm: Executor, submissionId: number): SubmissionFile[] {
  return orm.select(fileColumns).from(submissionFiles).where(eq(submissionFiles.submissionId, submissionId)).orderBy(submissionFiles.position).all();
}

/** The files of many submissions in a query per slice of ids, not one per submission. */
function filesOfMany(orm: Executor, ids: number[]): Map<number, SubmissionFile[]> {
  const byId = new Map<number, SubmissionFile[]>(ids.map((id) => [id, []]));
  for (const slice of slices(ids, 1)) {
    const rows = orm
      .select({ ...fileColumns, submissionId: submissionFiles.submissionId })
      .from(submissionFiles)
      .where(inArray(submissionFiles.submissionId, slice))
      .orderBy(submissionFiles.submissionId, submissionFiles.position)
      .all();
    for (const { submissionId, ...file } of rows) byId.get(submissionId)!.push(file);
  }
  return byId;
}

export interface SubmissionFilter {
  campaignId: number;
  unitId?: number;
  unclaimed?: boolean;
  claimed?: boolean;
  currentOnly?: boolean;
  flag?: 'late' | 'incomplete';
  /** Only the deleted ones (已删除); without it, only the others. */
  deleted?: boolean;
}

function conditions(filter: SubmissionFilter): SQL[] {
  const where = [eq(submissions.campaignId, filter.campaignId), filter.deleted ? isNotNull(submissions.deletedAt) : isNull(submissions.deletedAt)];
  if (filter.unitId !== undefined) where.push(eq(submissions.unitId, filter.unitId));
  if (filter.unclaimed) where.push(isNull(submissions.unitId));
  if (filter.claimed) where.push(isNotNull(submissions.unitId));
  if (filter.currentOnly) where.push(eq(submissions.isCurrent, true));
  if (filter.flag === 'late') where.push(eq(submissions.late, true));
  if (filter.flag === 'incomplete') where.push(eq(submissions.completeness, 'incomplete'));
  return where;
}

/** Submissions matching `filter`, newest first, with their files (one query per slice of ids). */
function rowsWithFiles(orm: Executor, filter: SubmissionFilter, page?: { offset: number; limit: number }): SubmissionRow[] {
  const query = orm
    .select({ submission: submissions, unitName: units.name })
    .from(submissions)
    .leftJoin(units, eq(submissions.unitId, units.id))
    .where(and(...conditions(filter)))
    .orderBy(desc(submissions.id));
  const rows = page ? query.limit(page.limit).offset(page.offset).all() : query.all();
  const files = filesOfMany(orm, rows.map((r) => r.submission.id));
  return rows.map(({ submission, unitName }) => ({ ...submission, unitName, files: files.get(submission.id) ?? [] }));
}

/**
 * One page of a campaign's submissions (newest first) and how many there are: what 收件 shows at
 * 25,000 submissions without sending them all. Files come for the page's rows only.
 */
export function pageSubmissions(orm: Executor, filter: SubmissionFilter & { offset: number; limit: number }): { total: number; rows: SubmissionRow[] } {
  const { offset, limit, ...where } = filter;
  const count = () => orm.select({ n: sql<number>`count(*)` }).from(submissions).where(and(...conditions(where))).get()?.n ?? 0;
  // Counting is the part that grows with the campaign: once until the data changes.
  const total = memoUntilChange(orm as Orm, `submissionCount:${JSON.stringify(where)}`, count);
  return { total, rows: rowsWithFiles(orm, where, { offset, limit }) };
}

export function listSubmissions(orm: Executor, filter: SubmissionFilter): SubmissionRow[] {
  return rowsWithFiles(orm, filter);
}

export function getSubmission(orm: Executor, id: number): SubmissionDetail {
  const row = orm.select({ submission: submissions, unitName: units.name }).from(submissions).leftJoin(units, eq(submissions.unitId, units.id)).where(eq(submissions.id, id)).get();
  if (!row) throw new DeskError('not-found', '该报送材料不存在');
  const practice = orm.select({ note: practices.note, markedBy: practices.markedBy }).from(practices).where(eq(practices.submissionId, id)).get() ?? null;
  return { ...row.submission, unitName: row.unitName, files: filesOf(orm, id), practice };
}

/** A deleted submission is only restored, never corrected: the clerk would not see the change. */
export function refuseDeleted(submission: { id: number; deletedAt: string | null }): void {
  if (submission.deletedAt) throw new DeskError('submission-deleted', `材料 ${submission.id} 已删除。如需更正、认领或改到其他集体，请先在“已删除”中恢复它。`);
}

/** The next version number for a unit's submission in a campaign; earlier ones stop being current. */
export function nextVersion(tx: Executor, campaignId: number, unitId: number): number {
  const last = tx
    .select({ v: sql<number>`coalesce(max(${submissions.version}), 0)` })
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId)))
    .get()?.v ?? 0;
  tx.update(submissions).set({ isCurrent: false }).where(and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId))).run();
  return last + 1;
}

/** Makes a unit's newest version in a campaign its current one (none left but deleted ones: none is current). */
export function restoreCurrent(tx: Executor, campaignId: number, unitId: number): void {
  tx.update(submissions).set({ isCurrent: false }).where(and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId))).run();
  const newest = tx
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId), isNull(submissions.deletedAt)))
    .orderBy(desc(submissions.version), desc(submissions.id))
    .get();
  if (newest) tx.update(submissions).set({ isCurrent: true }).where(eq(submissions.id, newest.id)).run();
}

function addAlias(tx: Executor, unitId: number, alias: string): boolean {
  const exists = tx.select({ id: unitAliases.id }).from(unitAliases).where(and(eq(unitAliases.unitId, unitId), eq(unitAliases.alias, alias))).get();
  if (exists) return false;
  tx.insert(unitAliases).values({ unitId, alias }).run();
  return true;
}

/**
 * 认领: a person says which unit a 待认领 submission came from. The choice is remembered as
 * aliases (the distinctive part of the archive name, the sender's address) so the next
 * submission from that unit matches by itself.
 */
export function assignSubmission(orm: Orm, submissionId: number, unitId: number, reason = '认领'): { submission: SubmissionDetail; learned: string[]; refused: Array<{ alias: string; unitName: string }> } {
  const submission = getSubmission(orm, submissionId);
  refuseDeleted(submission);
  const unit = getUnit(orm, unitId);
  const learned: string[] = [];
  const refused: Array<{ alias: string; unitName: string }> = [];
  orm.transaction((tx) => {
    const previous = submission.unitId;
    if (previous !== unitId) {
      const version = nextVersion(tx, submission.campaignId, unitId);
      tx.update(submissions)
        .set({ unitId, version, isCurrent: true, matchScore: 100, matchReason: '人工认领' })
        .where(eq(submissions.id, submissionId))
        .run();
      // Moved away from a unit: that unit's newest remaining version is its current one again.
      if (previous !== null) restoreCurrent(tx, submission.campaignId, previous);
      tx.insert(submissionHistory).values({ submissionId, at: new Date().toISOString(), action: 'unit', before: submission.unitName, after: unit.name, reason }).run();
    }
    const roster = listUnits(tx);
    for (const alias of [learnableAlias(submission.sourceLabel), submission.subject ? learnableAlias(submission.subject) : null]) {
      if (!alias || alias === unit.name) continue;
      const other = aliasConflict(alias, roster, unitId);
      if (other) refused.push({ alias, unitName: other.name });
      else if (addAlias(tx, unitId, alias)) learned.push(alias);
    }
    if (submission.senderAddress && submission.senderAddress !== unit.email && addAlias(tx, unitId, submission.senderAddress)) learned.push(submission.senderAddress);
    // Aliases feed the roster search too.
    if (learned.length) tx.update(units).set({ searchText: buildSearchText({ ...unit, aliases: [...unit.aliases, ...learned] }) }).where(eq(units.id, unitId)).run();
  });
  return { submission: getSubmission(orm, submissionId), learned, refused };
}
