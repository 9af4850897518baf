import { and, eq } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { reviewAssignments, reviews, submissions, units } from '../db/schema';
import { getReviewer, hasConflict } from './reviewers';

/**
 * 改派 from the review day's board: one submission moves from one reviewer's queue to another's, in
 * one transaction (never in neither queue, never in both). A review already submitted is not moved
 * — 退回 it first, or keep it — and whatever the first reviewer wrote stays in their history.
 */
export function reassign(orm: Orm, submissionId: number, fromReviewerId: number, toReviewerId: number): void {
  const from = getReviewer(orm, fromReviewerId);
  const to = getReviewer(orm, toReviewerId);
  orm.transaction((tx) => {
    const assigned = (reviewerId: number) =>
      tx
        .select({ id: reviewAssignments.id })
        .from(reviewAssignments)
        .where(and(eq(reviewAssignments.submissionId, submissionId), eq(reviewAssignments.reviewerId, reviewerId)))
        .get();
    const mine = assigned(fromReviewerId);
    if (!mine) throw new DeskError('not-found', `这份材料没有分配给${from.name}，可能已被改派，请刷新后再试`);
    if (assigned(toReviewerId)) throw new DeskError('invalid-input', `这份材料已经分配给${to.name}了`);
    const unit = tx
      .select({ id: units.id, sectorId: units.sectorId })
      .from(submissions)
      .innerJoin(units, eq(units.id, submissions.unitId))
      .where(eq(submissions.id, submissionId))
      .get();
    if (!unit) throw new DeskError('not-found', '这份材料不存在或还没有认领到集体');
    if (hasConflict(to, unit))
      throw new DeskError('invalid-input', `${to.name}与这个集体有利益关联，需要回避，不能改派给他/她`);
    const review = tx
      .select({ status: reviews.status })
      .from(reviews)
      .where(and(eq(reviews.submissionId, submissionId), eq(reviews.reviewerId, fromReviewerId)))
      .get();
    if (review?.status === 'submitted')
      throw new DeskError('invalid-input', `${from.name}已经提交了这份评审，不能改派；需要重评请先“退回”`);
    tx.delete(reviewAssignments).where(eq(reviewAssignments.id, mine.id)).run();
    tx.insert(reviewAssignments)
      .values({ submissionId, reviewerId: toReviewerId, assignedAt: new Date().toISOString() })
      .run();
  });
}
