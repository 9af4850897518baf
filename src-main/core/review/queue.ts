import type { QueueStatus } from '../../common/statuses';
import { and, asc, eq } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { reviewAssignments, reviews, sectors, submissions, units } from '../db/schema';
import { aggregate } from './aggregate';
import { memoUntilChange } from '../db/memo';
import { getReviewer, hasConflict } from './reviewers';
import { markOf } from '../intake/materialSet';

/** 评审's left column: a reviewer's own queue, built once until the data changes. */

/** The reviewer's queue: every current, claimed submission of the campaign with their own status on it. */
export function reviewQueue(orm: Orm, campaignId: number, reviewerId: number) {
  // A reviewer moves through the queue all day (J/K): the list is built once until the data changes.
  return memoUntilChange(orm, `queue:${campaignId}:${reviewerId}`, () => buildQueue(orm, campaignId, reviewerId));
}

function buildQueue(orm: Orm, campaignId: number, reviewerId: number) {
  const reviewer = getReviewer(orm, reviewerId);
  const rows = orm
    .select({
      submissionId: submissions.id,
      unitId: units.id,
      unitName: units.name,
      sectorId: units.sectorId,
      sectorName: sectors.name,
      late: submissions.late,
      completeness: submissions.completeness,
      receivedAt: submissions.receivedAt,
      materialRev: submissions.materialRev,
    })
    .from(submissions)
    .innerJoin(units, eq(submissions.unitId, units.id))
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.isCurrent, true)))
    .orderBy(asc(sectors.position), asc(units.id))
    .all();
  const assigned = new Set(
    orm
      .select({ submissionId: reviewAssignments.submissionId })
      .from(reviewAssignments)
      .where(eq(reviewAssignments.reviewerId, reviewerId))
      .all()
      .map((a) => a.submissionId),
  );
  const mine = new Map(
    orm
      .select({
        submissionId: reviews.submissionId,
        status: reviews.status,
        total: reviews.total,
        verdict: reviews.verdict,
        madeOn: reviews.madeOn,
        version: reviews.version,
      })
      .from(reviews)
      .where(eq(reviews.reviewerId, reviewerId))
      .all()
      .map((r) => [r.submissionId, r]),
  );
  const disputed = new Set(
    aggregate(orm, campaignId)
      .filter((r) => r.disputed)
      .map((r) => r.submissionId),
  );
  // Once the office has assigned this reviewer anything, the queue is what was assigned.
  const scope = assigned.size ? rows.filter((r) => assigned.has(r.submissionId)) : rows;
  return scope.map((r) => {
    const own = mine.get(r.submissionId);
    return {
      ...r,
      status: queueStatus(own?.status),
      total: own?.total ?? null,
      verdict: own?.verdict ?? null,
      /** The review's version, so 退回 from the board sends back what the office saw. */
      version: own?.version ?? null,
      conflict: hasConflict(reviewer, { id: r.unitId, sectorId: r.sectorId }),
      assigned: assigned.has(r.submissionId),
      disputed: disputed.has(r.submissionId),
      materialChanged: !!own?.madeOn && own.madeOn !== markOf({ id: r.submissionId, materialRev: r.materialRev }),
    };
  });
}

/** Where a submission stands for one reviewer, from that reviewer's own review (if any). */
function queueStatus(review: string | undefined): QueueStatus {
  if (!review) return 'todo';
  return review === 'submitted' ? 'done' : review === 'returned' ? 'returned' : 'started';
}
