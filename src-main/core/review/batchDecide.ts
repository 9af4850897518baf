import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { insertAll, slices } from '../db/slices';
import type { Orm } from '../db/open';
import { decisions } from '../db/schema';
import { aggregate } from './aggregate';

export const undoBatchSchema = z.object({
  decidedAt: z.iso.datetime(),
  submissionIds: z.array(z.number().int().positive()).max(100_000),
});

/**
 * 一键按均分定级: every submission whose reviewers agree (一致: reviewed, no 有分歧) and that has
 * no final verdict yet gets the verdict of its mean — as pressing 按均分 on each would, in one
 * transaction. Decided ones (an 改判 above all) are never touched. The answer carries what
 * `undoBatch` needs to take exactly this batch back.
 */
export function decideAgreedByMean(orm: Orm, campaignId: number, options: { dryRun?: boolean } = {}) {
  const results = aggregate(orm, campaignId);
  // Only where every assigned review is in and they agree: a half-reviewed submission is not 一致.
  const chosen = results.filter((r) => r.agreement === '一致' && !r.decision);
  const decidedAt = new Date().toISOString();
  if (!options.dryRun)
    orm.transaction((tx) => {
      insertAll(
        tx,
        decisions,
        chosen.map((r) => ({
          submissionId: r.submissionId,
          verdict: r.suggestedVerdict!,
          score: Math.round(r.mean!),
          basis: 'mean',
          reason: '',
          decidedAt,
          restsOn: r.restsOn,
        })),
      );
    });
  const byVerdict: Record<string, number> = {};
  for (const r of chosen) byVerdict[r.suggestedVerdict!] = (byVerdict[r.suggestedVerdict!] ?? 0) + 1;
  return {
    decided: chosen.length,
    byVerdict,
    skipped: {
      disputed: results.filter((r) => r.agreement === '有分歧' && !r.decision).length,
      /** 未评完: some assigned review still owed (or none in). */
      incomplete: results.filter((r) => r.agreement === '未评完' && !r.decision).length,
      unreviewed: results.filter((r) => r.mean === null && !r.decision).length,
      alreadyDecided: results.filter((r) => r.decision).length,
    },
    undo: { decidedAt, submissionIds: chosen.map((r) => r.submissionId) },
  };
}

/** Takes back one batch: only the verdicts still as that batch left them (one changed since stays). */
export function undoBatch(orm: Orm, batch: z.output<typeof undoBatchSchema>): { undone: number } {
  let undone = 0;
  orm.transaction((tx) => {
    for (const slice of slices(batch.submissionIds, 1)) {
      undone += tx
        .delete(decisions)
        .where(
          and(
            inArray(decisions.submissionId, slice),
            eq(decisions.decidedAt, batch.decidedAt),
            eq(decisions.basis, 'mean'),
          ),
        )
        .run().changes;
    }
  });
  return { undone };
}
