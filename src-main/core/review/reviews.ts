import { z } from 'zod';
import { and, asc, eq } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { reviewHistory, reviews, submissions, units } from '../db/schema';
import { getReviewer, hasConflict } from './reviewers';
import { answerSchema, computeScore, type Answers, type ScoreResult } from './scoring';
import { markOf } from '../intake/materialSet';
import { basedOnSchema, isStale, reviewConflict } from './versions';
import { validateReview } from './validate';

export const reviewInputSchema = z.object({
  submissionId: z.number().int().positive(),
  reviewerId: z.number().int().positive(),
  answers: z.record(z.string().regex(/^\d+$/), answerSchema),
  bonus: z.number().int().min(0).max(100).default(0),
  deduction: z.number().int().min(0).max(100).default(0),
  adjustmentNote: z.string().max(2000).default(''),
  comment: z.string().max(5000).default(''),
  /** 'draft' while typing (autosave); 'submitted' when the reviewer says it is done. */
  status: z.enum(['draft', 'submitted']).default('draft'),
  basedOn: basedOnSchema,
});
export type ReviewInput = z.output<typeof reviewInputSchema>;

export interface Review {
  id: number | null;
  submissionId: number;
  reviewerId: number;
  answers: Answers;
  bonus: number;
  deduction: number;
  adjustmentNote: string;
  comment: string;
  status: 'draft' | 'submitted' | 'returned';
  /** Why the office sent it back, while it is 退回. */
  returnReason: string | null;
  updatedAt: string | null;
  /** See reviews.version; null while there is no review yet. */
  version: number | null;
  score: ScoreResult;
  /** The reviewer belongs to this unit or its sector: the review is kept but excluded from results. */
  excluded: boolean;
  /** 材料有更新: saved before a 补充 or 重新报送 came; saving again (after a look) clears it. */
  materialChanged: boolean;
}

function context(orm: Orm, submissionId: number) {
  const row = orm
    .select({
      campaignId: submissions.campaignId,
      unitId: submissions.unitId,
      sectorId: units.sectorId,
      materialRev: submissions.materialRev,
    })
    .from(submissions)
    .leftJoin(units, eq(submissions.unitId, units.id))
    .where(eq(submissions.id, submissionId))
    .get();
  if (!row) throw new DeskError('not-found', '该报送材料不存在');
  const campaign = getCampaign(orm, row.campaignId);
  return {
    campaign,
    unit: row.unitId ? { id: row.unitId, sectorId: row.sectorId } : null,
    mark: markOf({ id: submissionId, materialRev: row.materialRev }),
  };
}

function snapshotOf(input: Omit<ReviewInput, 'submissionId' | 'reviewerId' | 'basedOn'>) {
  return {
    answers: input.answers,
    bonus: input.bonus,
    deduction: input.deduction,
    adjustmentNote: input.adjustmentNote,
    comment: input.comment,
    status: input.status,
  };
}

export function getReview(orm: Orm, submissionId: number, reviewerId: number): Review {
  const { campaign, unit, mark } = context(orm, submissionId);
  const reviewer = getReviewer(orm, reviewerId);
  const row = orm
    .select()
    .from(reviews)
    .where(and(eq(reviews.submissionId, submissionId), eq(reviews.reviewerId, reviewerId)))
    .get();
  const base = row
    ? {
        id: row.id,
        answers: row.answers as Answers,
        bonus: row.bonus,
        deduction: row.deduction,
        adjustmentNote: row.adjustmentNote,
        comment: row.comment,
        status: row.status as Review['status'],
        returnReason: row.returnReason,
        updatedAt: row.updatedAt,
        version: row.version,
      }
    : {
        id: null,
        answers: {},
        bonus: 0,
        deduction: 0,
        adjustmentNote: '',
        comment: '',
        status: 'draft' as const,
        returnReason: null,
        updatedAt: null,
        version: null,
      };
  return {
    ...base,
    submissionId,
    reviewerId,
    score: computeScore(campaign.items, campaign.rubric, base.answers, base.bonus, base.deduction),
    excluded: hasConflict(reviewer, unit),
    materialChanged: !!row?.madeOn && row.madeOn !== mark,
  };
}

/**
 * Saves a review (autosave calls this as the reviewer types). Answers must belong to the
 * campaign's checklist; bonus and deduction stay within the rubric's caps; every change is kept
 * in the history with who and when.
 */
export function saveReview(orm: Orm, input: ReviewInput): Review {
  const { campaign, mark } = context(orm, input.submissionId);
  const reviewer = getReviewer(orm, input.reviewerId);
  const score = validateReview(campaign, input);
  const now = new Date().toISOString();
  const snapshot = snapshotOf(input);
  // Read on the same connection inside the transaction: the version refused is the one still there.
  const stale = () => reviewConflict(getReview(orm, input.submissionId, input.reviewerId));
  orm.transaction((tx) => {
    const existing = tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.submissionId, input.submissionId), eq(reviews.reviewerId, input.reviewerId)))
      .get();
    // A 退回 review stays 退回 while the reviewer reworks it, until they submit it again.
    if (existing?.status === 'returned' && snapshot.status === 'draft')
      (snapshot as { status: string }).status = 'returned';
    // Saved now, the review is on the material as it stands: 材料有更新 clears.
    const values = {
      ...snapshot,
      total: score.total,
      vetoed: score.vetoed,
      verdict: score.verdict,
      updatedAt: now,
      madeOn: mark,
      ...(snapshot.status === 'submitted' ? { returnReason: null } : {}),
    };
    let reviewId: number;
    if (existing) {
      const before = JSON.stringify(
        snapshotOf({
          ...(existing as unknown as ReviewInput),
          answers: existing.answers as Answers,
          status: existing.status as ReviewInput['status'],
        }),
      );
      if (before === JSON.stringify(snapshot) && existing.madeOn === mark) return;
      if (isStale(existing.version, input.basedOn)) throw stale();
      tx.update(reviews)
        .set({ ...values, version: existing.version + 1 })
        .where(eq(reviews.id, existing.id))
        .run();
      reviewId = existing.id;
    } else {
      if (isStale(null, input.basedOn)) throw stale();
      reviewId = tx
        .insert(reviews)
        .values({ ...values, submissionId: input.submissionId, reviewerId: input.reviewerId, version: 1 })
        .returning({ id: reviews.id })
        .get().id;
    }
    tx.insert(reviewHistory)
      .values({
        reviewId,
        snapshot: { ...snapshot, total: score.total, verdict: score.verdict },
        changedBy: reviewer.name,
        changedAt: now,
      })
      .run();
  });
  return getReview(orm, input.submissionId, input.reviewerId);
}

export function reviewHistoryOf(orm: Orm, submissionId: number, reviewerId: number) {
  const review = orm
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.submissionId, submissionId), eq(reviews.reviewerId, reviewerId)))
    .get();
  if (!review) return [];
  return orm
    .select()
    .from(reviewHistory)
    .where(eq(reviewHistory.reviewId, review.id))
    .orderBy(asc(reviewHistory.id))
    .all();
}

/** Every review of a campaign, for the CLI and, later, aggregation. */
export function listReviews(orm: Orm, campaignId: number) {
  return orm
    .select({
      id: reviews.id,
      submissionId: reviews.submissionId,
      reviewerId: reviews.reviewerId,
      unitName: units.name,
      total: reviews.total,
      verdict: reviews.verdict,
      vetoed: reviews.vetoed,
      status: reviews.status,
      updatedAt: reviews.updatedAt,
    })
    .from(reviews)
    .innerJoin(submissions, eq(reviews.submissionId, submissions.id))
    .leftJoin(units, eq(submissions.unitId, units.id))
    .where(eq(submissions.campaignId, campaignId))
    .orderBy(asc(reviews.id))
    .all();
}

/**
 * 退回: the office sends a submitted review back to its reviewer, with the reason; it stops counting until resubmitted.
 */
export function returnReview(
  orm: Orm,
  submissionId: number,
  reviewerId: number,
  reason: string,
  basedOn?: number | null,
  by = '办公室',
): Review {
  const row = orm
    .select()
    .from(reviews)
    .where(and(eq(reviews.submissionId, submissionId), eq(reviews.reviewerId, reviewerId)))
    .get();
  // The office sends back the review it read: one the reviewer changed since is looked at again first.
  if (isStale(row?.version ?? null, basedOn)) throw reviewConflict(getReview(orm, submissionId, reviewerId));
  if (!row || row.status !== 'submitted') throw new DeskError('not-submitted', '只能退回已提交的评审');
  const now = new Date().toISOString();
  orm.transaction((tx) => {
    tx.update(reviews)
      .set({ status: 'returned', returnReason: reason, updatedAt: now, version: row.version + 1 })
      .where(eq(reviews.id, row.id))
      .run();
    tx.insert(reviewHistory)
      .values({
        reviewId: row.id,
        snapshot: {
          ...snapshotOf({
            answers: row.answers as Answers,
            bonus: row.bonus,
            deduction: row.deduction,
            adjustmentNote: row.adjustmentNote,
            comment: row.comment,
            status: 'draft',
          }),
          status: 'returned',
          note: `退回：${reason}`,
          total: row.total,
          verdict: row.verdict,
        },
        changedBy: by,
        changedAt: now,
      })
      .run();
  });
  return getReview(orm, submissionId, reviewerId);
}
