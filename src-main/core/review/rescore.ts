import { eq, inArray } from 'drizzle-orm';
import type { Campaign } from '../campaigns/model';
import type { Executor, Orm } from '../db/open';
import { reviewHistory, reviews, submissions } from '../db/schema';
import { slices } from '../db/slices';
import { inputProblems } from './ranges';
import { computeScore, type Answers } from './scoring';

/**
 * After the office edits a campaign's checklist, every review of it is brought to the new form:
 * answers to items that no longer exist are dropped (they made the review unsaveable), bonus and
 * deduction are held to the new caps, and total, verdict and veto are recomputed with the new
 * points, so stored results never drift from what the form now says. Each review that changed
 * gets a history entry saying why. Returns how many changed.
 */
export function rescoreCampaign(
  orm: Orm,
  campaign: Campaign,
  options: { dryRun?: boolean; changedBy?: string; trustedOnly?: boolean } = {},
): number {
  const ids = orm
    .select({ id: submissions.id })
    .from(submissions)
    .where(eq(submissions.campaignId, campaign.id))
    .all()
    .map((r) => r.id);
  const itemIds = new Set(campaign.items.map((i) => String(i.id)));
  const now = new Date().toISOString();
  const changedBy = options.changedBy ?? '检查清单修改后重算';
  let changed = 0;
  // A dry run (数据检查 without repair) only reads: no write transaction held over the whole campaign.
  const run = (work: (tx: Executor) => void) => (options.dryRun ? work(orm) : orm.transaction(work));
  run((tx) => {
    for (const slice of slices(ids, 1)) {
      for (const review of tx.select().from(reviews).where(inArray(reviews.submissionId, slice)).all()) {
        // 数据检查 recomputes only from inputs the rubric allows: edited ones are reported, never laundered.
        if (options.trustedOnly && inputProblems(review, campaign).length) continue;
        const answers = Object.fromEntries(
          Object.entries(review.answers as Answers).filter(([id]) => itemIds.has(id)),
        ) as Answers;
        const bonus = Math.min(review.bonus, campaign.rubric.bonusCap);
        const deduction = Math.min(review.deduction, campaign.rubric.deductionCap);
        const score = computeScore(campaign.items, campaign.rubric, answers, bonus, deduction);
        const same =
          JSON.stringify(answers) === JSON.stringify(review.answers) &&
          bonus === review.bonus &&
          deduction === review.deduction &&
          score.total === review.total &&
          score.verdict === review.verdict &&
          score.vetoed === review.vetoed;
        if (same) continue;
        changed++;
        if (options.dryRun) continue;
        tx.update(reviews)
          .set({ answers, bonus, deduction, total: score.total, verdict: score.verdict, vetoed: score.vetoed })
          .where(eq(reviews.id, review.id))
          .run();
        const snapshot = {
          answers,
          bonus,
          deduction,
          adjustmentNote: review.adjustmentNote,
          comment: review.comment,
          status: review.status,
          total: score.total,
          verdict: score.verdict,
        };
        tx.insert(reviewHistory).values({ reviewId: review.id, snapshot, changedBy, changedAt: now }).run();
      }
    }
  });
  return changed;
}
