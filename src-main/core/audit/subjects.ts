import { eq } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { campaigns, reviewers, submissionFiles, submissions, units } from '../db/schema';

/**
 * Names for the 操作记录's sentences, read when the note is written: the log must still say
 * 「柳州银行」 after the unit is renamed or deleted, so it keeps the words, not only the ids.
 */
export function unitName(orm: Orm, unitId: number): string {
  return orm.select({ name: units.name }).from(units).where(eq(units.id, unitId)).get()?.name ?? `集体 #${unitId}`;
}

export function reviewerName(orm: Orm, reviewerId: number): string {
  return (
    orm.select({ name: reviewers.name }).from(reviewers).where(eq(reviewers.id, reviewerId)).get()?.name ??
    `评审人 #${reviewerId}`
  );
}

export interface SubmissionSubject {
  /** 「某集体」的材料（来源） or 待认领材料（来源）. */
  label: string;
  unitId: number | null;
  campaignYear: number | null;
}

export function submissionSubject(orm: Orm, submissionId: number): SubmissionSubject {
  const row = orm
    .select({ unitId: submissions.unitId, unitName: units.name, source: submissions.sourceLabel, year: campaigns.year })
    .from(submissions)
    .leftJoin(units, eq(units.id, submissions.unitId))
    .innerJoin(campaigns, eq(campaigns.id, submissions.campaignId))
    .where(eq(submissions.id, submissionId))
    .get();
  if (!row) return { label: `材料 #${submissionId}`, unitId: null, campaignYear: null };
  const label = row.unitName ? `「${row.unitName}」的材料（${row.source}）` : `待认领材料（${row.source}）`;
  return { label, unitId: row.unitId, campaignYear: row.year };
}

/** At most a few names, then 等 N 个: a note about 300 units stays one readable line. */
export function someNames(names: string[], max = 3): string {
  if (names.length <= max) return names.map((n) => `「${n}」`).join('、');
  return `${names
    .slice(0, max)
    .map((n) => `「${n}」`)
    .join('、')} 等 ${names.length} 个`;
}

/** The file a 文件类别 correction was about, and its submission. */
export function fileSubject(orm: Orm, fileId: number): { name: string; submission: SubmissionSubject } {
  const row = orm
    .select({ name: submissionFiles.name, submissionId: submissionFiles.submissionId })
    .from(submissionFiles)
    .where(eq(submissionFiles.id, fileId))
    .get();
  if (!row) return { name: `文件 #${fileId}`, submission: { label: '', unitId: null, campaignYear: null } };
  return { name: row.name, submission: submissionSubject(orm, row.submissionId) };
}

/** An import's outcome in one line: 入库 12 份（其中待认领 2），重复 1，未能导入 3. */
export function intakeSummary(
  totals: { sources: number; imported: number; unmatched: number; duplicate: number; rejected: number },
  cancelled: boolean,
): string {
  const parts = [
    `入库 ${totals.imported + totals.unmatched} 份${totals.unmatched ? `（其中待认领 ${totals.unmatched}）` : ''}`,
  ];
  if (totals.duplicate) parts.push(`重复 ${totals.duplicate}`);
  if (totals.rejected) parts.push(`未能导入 ${totals.rejected}`);
  return `${totals.sources} 个来源：${parts.join('，')}${cancelled ? '（中途取消）' : ''}`;
}
