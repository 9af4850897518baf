import { and, eq, isNull, max } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { reviewerCodes, reviewerSessions } from '../db/reviewDays';
import { campaigns, reviewAssignments, reviews, submissions, units } from '../db/schema';
import { hasConflict, listReviewers } from '../review/reviewers';

export interface ReviewerProgress {
  reviewerId: number;
  reviewerName: string;
  /** 已评 / 评审中 (a draft, or 退回 and being reworked) / 待评, of what was assigned to them and is not 回避. */
  done: number;
  started: number;
  todo: number;
}

/**
 * The office's board for the day: per reviewer with anything assigned in the current campaign, how
 * far they are — whether they work here by code or from a package whose results came back.
 */
export function progressByReviewer(orm: Orm): ReviewerProgress[] {
  const rows = orm
    .select({
      reviewerId: reviewAssignments.reviewerId,
      unitId: units.id,
      sectorId: units.sectorId,
      status: reviews.status,
    })
    .from(reviewAssignments)
    .innerJoin(submissions, eq(submissions.id, reviewAssignments.submissionId))
    .innerJoin(units, eq(units.id, submissions.unitId))
    .innerJoin(campaigns, and(eq(campaigns.id, submissions.campaignId), eq(campaigns.isCurrent, true)))
    .leftJoin(
      reviews,
      and(
        eq(reviews.submissionId, reviewAssignments.submissionId),
        eq(reviews.reviewerId, reviewAssignments.reviewerId),
      ),
    )
    .where(and(eq(submissions.isCurrent, true), isNull(submissions.deletedAt)))
    .all();
  const byId = new Map(listReviewers(orm).map((r) => [r.id, r]));
  const progress = new Map<number, ReviewerProgress>();
  for (const row of rows) {
    const reviewer = byId.get(row.reviewerId);
    if (!reviewer || hasConflict(reviewer, { id: row.unitId, sectorId: row.sectorId })) continue;
    const p = progress.get(row.reviewerId) ?? {
      reviewerId: row.reviewerId,
      reviewerName: reviewer.name,
      done: 0,
      started: 0,
      todo: 0,
    };
    if (row.status === 'submitted') p.done++;
    else if (row.status) p.started++;
    else p.todo++;
    progress.set(row.reviewerId, p);
  }
  return [...progress.values()].sort((a, b) => a.reviewerId - b.reviewerId);
}

/** `desk review progress`: every reviewer with work assigned, with when they last did something on a review day. */
export function reviewProgress(orm: Orm) {
  const seen = new Map(
    orm
      .select({ reviewerId: reviewerCodes.reviewerId, at: max(reviewerSessions.lastSeenAt) })
      .from(reviewerSessions)
      .innerJoin(reviewerCodes, eq(reviewerCodes.id, reviewerSessions.codeId))
      .groupBy(reviewerCodes.reviewerId)
      .all()
      .map((r) => [r.reviewerId, r.at]),
  );
  return progressByReviewer(orm).map((p) => ({
    reviewer: p.reviewerName,
    assigned: p.done + p.started + p.todo,
    submitted: p.done,
    inProgress: p.started,
    lastActivityAt: seen.get(p.reviewerId) ?? null,
  }));
}
