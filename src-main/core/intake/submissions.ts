import { and, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { slices } from '../db/slices';
import { memoUntilChange } from '../db/memo';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { submissionFiles, submissionHistory, practices, submissions, unitAliases, units } from '../db/schema';
import type { SummaryReading } from '../../common/fileKinds';
import { markReadings } from '../search/readings';
import { getUnit, listUnits } from '../roster/units';
import { buildSearchText } from '../text/normalize';
import { aliasConflict, learnableAlias } from './match';
import { getCampaign } from '../campaigns/campaigns';
import type { FileKind } from './classify';
import { takenAs } from './materialSet';
import { leaveUnit, placeForUnit } from './placement';

interface SubmissionFile {
  id: number;
  name: string;
  pathInSource: string;
  kind: string;
  size: number;
  sha256: string;
  mime: string | null;
  width: number | null;
  height: number | null;
  /** The 补充 that brought it, when it is not the version's own file. */
  fromSupplement?: number;
  /** A summary's reading for search and the 评审助手 (null: not read yet); absent for other files. */
  reading?: SummaryReading;
}

export type SubmissionRow = typeof submissions.$inferSelect & { unitName: string | null; files: SubmissionFile[] };
export type SubmissionDetail = SubmissionRow & {
  practice: { note: string; markedBy: string } | null;
  /** The 补充 that joined this version, oldest first. */
  supplements: Array<{
    id: number;
    receivedAt: string;
    sourceLabel: string;
    subject: string | null;
    takenReason: string;
  }>;
};

const fileColumns = {
  id: submissionFiles.id,
  name: submissionFiles.name,
  pathInSource: submissionFiles.pathInSource,
  kind: submissionFiles.kind,
  size: submissionFiles.size,
  sha256: submissionFiles.sha256,
  mime: submissionFiles.mime,
  width: submissionFiles.width,
  height: submissionFiles.height,
};

function filesOf(orm: Executor, submissionId: number): SubmissionFile[] {
  return filesOfMany(orm, [submissionId]).get(submissionId) ?? [];
}

/**
 * The files of many submissions in two queries per slice of ids, not one per submission. A
 * version's files are its whole set: its own, then each live 补充's (marked with the 补充's id).
 */
function filesOfMany(orm: Executor, ids: number[]): Map<number, SubmissionFile[]> {
  const byId = new Map<number, SubmissionFile[]>(ids.map((id) => [id, []]));
  for (const slice of slices(ids, 1)) {
    // Two indexed reads, not one OR across the join (which would scan every file of the year).
    const own = orm
      .select({ ...fileColumns, submissionId: submissionFiles.submissionId })
      .from(submissionFiles)
      .where(inArray(submissionFiles.submissionId, slice))
      .orderBy(submissionFiles.submissionId, submissionFiles.position)
      .all();
    for (const { submissionId, ...file } of own) byId.get(submissionId)?.push(file);
    const joined = orm
      .select({ ...fileColumns, submissionId: submissionFiles.submissionId, owner: submissions.supplementOf })
      .from(submissions)
      .innerJoin(submissionFiles, eq(submissionFiles.submissionId, submissions.id))
      .where(and(inArray(submissions.supplementOf, slice), isNull(submissions.deletedAt)))
      .orderBy(submissions.id, submissionFiles.position)
      .all();
    for (const { submissionId, owner, ...file } of joined)
      byId.get(owner!)?.push({ ...file, fromSupplement: submissionId });
  }
  markReadings(orm, [...byId.values()].flat());
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
  const where = [
    eq(submissions.campaignId, filter.campaignId),
    filter.deleted ? isNotNull(submissions.deletedAt) : isNull(submissions.deletedAt),
  ];
  if (filter.unitId !== undefined) where.push(eq(submissions.unitId, filter.unitId));
  if (filter.unclaimed) where.push(isNull(submissions.unitId));
  if (filter.claimed) where.push(isNotNull(submissions.unitId));
  if (filter.currentOnly) where.push(eq(submissions.isCurrent, true));
  if (filter.flag === 'late') where.push(eq(submissions.late, true));
  if (filter.flag === 'incomplete') where.push(eq(submissions.completeness, 'incomplete'));
  return where;
}

/** Submissions matching `filter`, newest first, with their files (one query per slice of ids). */
function rowsWithFiles(
  orm: Executor,
  filter: SubmissionFilter,
  page?: { offset: number; limit: number },
): SubmissionRow[] {
  const query = orm
    .select({ submission: submissions, unitName: units.name })
    .from(submissions)
    .leftJoin(units, eq(submissions.unitId, units.id))
    .where(and(...conditions(filter)))
    .orderBy(desc(submissions.id));
  const rows = page ? query.limit(page.limit).offset(page.offset).all() : query.all();
  const files = filesOfMany(
    orm,
    rows.map((r) => r.submission.id),
  );
  return rows.map(({ submission, unitName }) => ({ ...submission, unitName, files: files.get(submission.id) ?? [] }));
}

/**
 * One page of a campaign's submissions (newest first) and how many there are: what 收件 shows at
 * 25,000 submissions without sending them all. Files come for the page's rows only.
 */
export function pageSubmissions(
  orm: Executor,
  filter: SubmissionFilter & { offset: number; limit: number },
): { total: number; rows: SubmissionRow[] } {
  const { offset, limit, ...where } = filter;
  const count = () =>
    orm
      .select({ n: sql<number>`count(*)` })
      .from(submissions)
      .where(and(...conditions(where)))
      .get()?.n ?? 0;
  // Counting is the part that grows with the campaign: once until the data changes.
  const total = memoUntilChange(orm as Orm, `submissionCount:${JSON.stringify(where)}`, count, { typed: true });
  return { total, rows: rowsWithFiles(orm, where, { offset, limit }) };
}

export function listSubmissions(orm: Executor, filter: SubmissionFilter): SubmissionRow[] {
  return rowsWithFiles(orm, filter);
}

export function getSubmission(orm: Executor, id: number): SubmissionDetail {
  const row = orm
    .select({ submission: submissions, unitName: units.name })
    .from(submissions)
    .leftJoin(units, eq(submissions.unitId, units.id))
    .where(eq(submissions.id, id))
    .get();
  if (!row) throw new DeskError('not-found', '该报送材料不存在');
  const practice =
    orm
      .select({ note: practices.note, markedBy: practices.markedBy })
      .from(practices)
      .where(eq(practices.submissionId, id))
      .get() ?? null;
  const supplements = orm
    .select({
      id: submissions.id,
      receivedAt: submissions.receivedAt,
      sourceLabel: submissions.sourceLabel,
      subject: submissions.subject,
      takenReason: submissions.takenReason,
    })
    .from(submissions)
    .where(and(eq(submissions.supplementOf, id), isNull(submissions.deletedAt)))
    .orderBy(submissions.id)
    .all();
  return { ...row.submission, unitName: row.unitName, files: filesOf(orm, id), practice, supplements };
}

/** A deleted submission is only restored, never corrected: the clerk would not see the change. */
export function refuseDeleted(submission: { id: number; deletedAt: string | null }): void {
  if (submission.deletedAt)
    throw new DeskError(
      'submission-deleted',
      `材料 ${submission.id} 已删除。如需更正、认领或改到其他集体，请先在“已删除”中恢复它。`,
    );
}

function addAlias(tx: Executor, unitId: number, alias: string): boolean {
  const exists = tx
    .select({ id: unitAliases.id })
    .from(unitAliases)
    .where(and(eq(unitAliases.unitId, unitId), eq(unitAliases.alias, alias)))
    .get();
  if (exists) return false;
  tx.insert(unitAliases).values({ unitId, alias }).run();
  return true;
}

/**
 * 认领: a person says which unit a 待认领 submission came from. The choice is remembered as
 * aliases (the distinctive part of the archive name, the sender's address) so the next
 * submission from that unit matches by itself.
 */
export function assignSubmission(
  orm: Orm,
  submissionId: number,
  unitId: number,
  reason = '认领',
): { submission: SubmissionDetail; learned: string[]; refused: Array<{ alias: string; unitName: string }> } {
  const submission = getSubmission(orm, submissionId);
  refuseDeleted(submission);
  const unit = getUnit(orm, unitId);
  const learned: string[] = [];
  const refused: Array<{ alias: string; unitName: string }> = [];
  orm.transaction((tx) => {
    const previous = submission.unitId;
    if (previous !== unitId) {
      const campaign = getCampaign(tx, submission.campaignId);
      tx.update(submissions)
        .set({ unitId, supplementOf: null, isCurrent: false, matchScore: 100, matchReason: '人工认领' })
        .where(eq(submissions.id, submissionId))
        .run();
      // Moved away from a unit: that unit's set or versions are judged again without it.
      // The work done on this material stays with it, whichever unit it turns out to be from.
      leaveUnit(tx, campaign, {
        id: submissionId,
        unitId: previous,
        supplementOf: submission.supplementOf,
        isCurrent: false,
      });
      placeForUnit(
        tx,
        campaign,
        unitId,
        submissionId,
        takenAs(
          [submission.subject, submission.sourceLabel, ...submission.files.map((f) => f.name)],
          submission.files.map((f) => f.kind as FileKind),
        ),
      );
      tx.insert(submissionHistory)
        .values({
          submissionId,
          at: new Date().toISOString(),
          action: 'unit',
          before: submission.unitName,
          after: unit.name,
          reason,
        })
        .run();
    }
    const roster = listUnits(tx);
    for (const alias of [
      learnableAlias(submission.sourceLabel),
      submission.subject ? learnableAlias(submission.subject) : null,
    ]) {
      if (!alias || alias === unit.name) continue;
      const other = aliasConflict(alias, roster, unitId);
      if (other) refused.push({ alias, unitName: other.name });
      else if (addAlias(tx, unitId, alias)) learned.push(alias);
    }
    if (
      submission.senderAddress &&
      submission.senderAddress !== unit.email &&
      addAlias(tx, unitId, submission.senderAddress)
    )
      learned.push(submission.senderAddress);
    // Aliases feed the roster search too.
    if (learned.length)
      tx.update(units)
        .set({ searchText: buildSearchText({ ...unit, aliases: [...unit.aliases, ...learned] }) })
        .where(eq(units.id, unitId))
        .run();
  });
  return { submission: getSubmission(orm, submissionId), learned, refused };
}
