import { and, eq, isNull } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { reviewAssignments, submissionFiles, submissions, units } from '../db/schema';
import { getReviewer, hasConflict } from './reviewers';

/**
 * A reviewer's own queue, as the dispatcher checks a reviewer's call against it: the submissions
 * the office assigned to that reviewer, less any the reviewer must stay out of (回避 — their own
 * unit or sector) and any the unit has since replaced or the office deleted. Unlike the office's
 * view of a reviewer's queue (everything, until the office assigns), a reviewer's session sees
 * only what was assigned.
 */
export function inReviewerQueue(orm: Orm, reviewerId: number, submissionId: number): boolean {
  const row = orm
    .select({ unitId: units.id, sectorId: units.sectorId })
    .from(reviewAssignments)
    .innerJoin(submissions, eq(submissions.id, reviewAssignments.submissionId))
    .innerJoin(units, eq(units.id, submissions.unitId))
    .where(
      and(
        eq(reviewAssignments.reviewerId, reviewerId),
        eq(reviewAssignments.submissionId, submissionId),
        eq(submissions.isCurrent, true),
        isNull(submissions.deletedAt),
      ),
    )
    .get();
  return !!row && !hasConflict(getReviewer(orm, reviewerId), { id: row.unitId, sectorId: row.sectorId });
}

/** Whether a stored file belongs to a submission in the reviewer's queue (the same file may be in several). */
export function fileInReviewerQueue(orm: Orm, reviewerId: number, sha256: string): boolean {
  const holders = orm
    .select({ submissionId: submissionFiles.submissionId })
    .from(submissionFiles)
    .innerJoin(reviewAssignments, eq(reviewAssignments.submissionId, submissionFiles.submissionId))
    .where(and(eq(submissionFiles.sha256, sha256), eq(reviewAssignments.reviewerId, reviewerId)))
    .all();
  return holders.some((h) => inReviewerQueue(orm, reviewerId, h.submissionId));
}
