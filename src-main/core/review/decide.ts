import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { decisions, practices, submissions } from '../db/schema';
import { aggregate } from './aggregate';
import { isStale } from './versions';

/** 定级 and 典型做法: what the office records once the reviews are in. */

/** The decision the office saw (its time; null: none yet) — another since is looked at before it is replaced. */
const decidedAtSeen = z.iso.datetime().nullable().optional();

export const decisionSchema = z.discriminatedUnion('basis', [
  z.object({ submissionId: z.number().int().positive(), basis: z.literal('mean'), basedOn: decidedAtSeen }),
  z.object({
    submissionId: z.number().int().positive(),
    basis: z.literal('override'),
    verdict: z.string().min(1).max(10),
    score: z.number().min(0).max(1000).nullable().default(null),
    reason: z.string().trim().min(2, '改判需要写明理由').max(1000),
    basedOn: decidedAtSeen,
  }),
]);

/** The office records the final verdict: the reviewers' mean, or an override with its reason. */
export function decide(orm: Orm, input: z.output<typeof decisionSchema>) {
  const submission = orm
    .select({ campaignId: submissions.campaignId })
    .from(submissions)
    .where(eq(submissions.id, input.submissionId))
    .get();
  if (!submission) throw new DeskError('not-found', '该报送材料不存在');
  const campaign = getCampaign(orm, submission.campaignId);
  const result = aggregate(orm, campaign.id).find((r) => r.submissionId === input.submissionId);
  let values: { verdict: string; score: number | null; basis: string; reason: string };
  if (input.basis === 'mean') {
    if (!result || result.mean === null)
      throw new DeskError('no-reviews', '这份材料还没有已提交的评审，无法按平均分定级');
    if (result.pending > 0)
      throw new DeskError(
        'reviews-incomplete',
        `还有 ${result.pending} 位指派的评审人没有提交评审，评完后才能按均分定级；如确需现在定级，请改判并写明理由`,
      );
    if (result.disputed)
      throw new DeskError('disputed', `评审有分歧（${result.disputeReasons.join('；')}），请讨论后改判并写明理由`);
    values = { verdict: result.suggestedVerdict!, score: Math.round(result.mean), basis: 'mean', reason: '' };
  } else {
    if (!campaign.rubric.verdicts.some((v) => v.label === input.verdict))
      throw new DeskError('invalid-input', `等次“${input.verdict}”不在本年度的评审等次中`);
    values = {
      verdict: input.verdict,
      score: input.score === null ? null : Math.round(input.score),
      basis: 'override',
      reason: input.reason,
    };
  }
  const standing = orm
    .select({ decidedAt: decisions.decidedAt })
    .from(decisions)
    .where(eq(decisions.submissionId, input.submissionId))
    .get();
  if (isStale(standing?.decidedAt ?? null, input.basedOn))
    throw new DeskError(
      'conflict',
      '这份材料的定级已在别处改过（另一个窗口或另一位同事），您的改判没有覆盖它。请看过较新的定级后再决定。',
      { current: result?.decision ?? null },
    );
  const decidedAt = new Date().toISOString();
  // What it rests on is kept with it: when that changes, it shows 需重新定级.
  const restsOn = result?.restsOn ?? null;
  orm
    .insert(decisions)
    .values({ submissionId: input.submissionId, ...values, decidedAt, restsOn })
    .onConflictDoUpdate({ target: decisions.submissionId, set: { ...values, decidedAt, restsOn } })
    .run();
  return { submissionId: input.submissionId, ...values, decidedAt };
}

/** 典型做法: mark (or unmark) a submission as a practice worth spreading. */
export function markPractice(orm: Orm, submissionId: number, practice: boolean, note: string, by: string) {
  if (!practice) {
    orm.delete(practices).where(eq(practices.submissionId, submissionId)).run();
    return { submissionId, practice: false };
  }
  const markedAt = new Date().toISOString();
  orm
    .insert(practices)
    .values({ submissionId, note, markedBy: by, markedAt })
    .onConflictDoUpdate({ target: practices.submissionId, set: { note, markedBy: by, markedAt } })
    .run();
  return { submissionId, practice: true, note };
}
