import { eq, inArray } from 'drizzle-orm';
import type { Campaign } from '../../campaigns/model';
import { DeskError } from '../../contract/errors';
import type { Orm } from '../../db/open';
import { submissions, units } from '../../db/schema';
import { slices } from '../../db/slices';
import { reviewInputSchema } from '../reviews';
import { validateReview } from '../validate';
import type { ResultBody } from './format';

/** How far a reviewer's clock may be from the office's before a time is not believed. */
const CLOCK_SKEW_MS = 10 * 60_000;

function unitNames(orm: Orm, ids: number[]): Map<number, string> {
  const names = new Map<number, string>();
  for (const slice of slices(ids, 1)) {
    for (const row of orm
      .select({ id: submissions.id, name: units.name })
      .from(submissions)
      .leftJoin(units, eq(units.id, submissions.unitId))
      .where(inArray(submissions.id, slice))
      .all()) {
      names.set(row.id, row.name ?? `材料 ${row.id}`);
    }
  }
  return names;
}

/**
 * A result file is checked whole before anything of it is applied, exactly as the form's own saves
 * are (reviews.save): answers of the form's items, counts and scores in range, bonus and deduction
 * within the caps, complete before submitted; each submission at most once; each time neither in
 * the future nor before the package was made (give or take a clock's skew). One bad entry refuses
 * the file: it did not come from the app as the reviewer used it.
 */
export function validateEntries(
  orm: Orm,
  body: ResultBody,
  campaign: Campaign,
  packageCreatedAt: string,
  now = Date.now(),
): void {
  const names = unitNames(orm, [...new Set(body.reviews.map((r) => r.submissionId))]);
  const label = (id: number) => `“${names.get(id) ?? `材料 ${id}`}”`;
  const seen = new Set<number>();
  const earliest = Date.parse(packageCreatedAt) - CLOCK_SKEW_MS;
  for (const entry of body.reviews) {
    if (seen.has(entry.submissionId))
      throw new DeskError(
        'result-duplicate',
        `结果文件中${label(entry.submissionId)}的评审出现了两次，已拒绝整个文件。请让评审人重新导出。`,
      );
    seen.add(entry.submissionId);
    const at = Date.parse(entry.updatedAt);
    if (!Number.isFinite(at) || at > now + CLOCK_SKEW_MS || at < earliest) {
      throw new DeskError(
        'result-time',
        `结果文件中${label(entry.submissionId)}的评审时间（${entry.updatedAt.slice(0, 40)}）不可信：${at > now ? '在将来' : '早于评审包导出的时间'}，已拒绝整个文件。请检查评审人电脑的日期后重新导出。`,
      );
    }
    const parsed = reviewInputSchema.safeParse({ ...entry, reviewerId: 1 });
    if (!parsed.success)
      throw new DeskError(
        'result-invalid',
        `结果文件中${label(entry.submissionId)}的评审不合规（${parsed.error.issues[0]?.message ?? '格式不对'}），已拒绝整个文件。`,
      );
    try {
      validateReview(campaign, parsed.data);
    } catch (error) {
      if (error instanceof DeskError)
        throw new DeskError(
          'result-invalid',
          `结果文件中${label(entry.submissionId)}的评审不合规（${error.message}），已拒绝整个文件。`,
        );
      throw error;
    }
  }
}
