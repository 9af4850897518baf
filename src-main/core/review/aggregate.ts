import { z } from 'zod';
import { and, eq, inArray } from 'drizzle-orm';
import { memoUntilTablesChange, type RecordTable } from '../db/memo';
import { keptResults } from './keptResults';
import { getCampaign } from '../campaigns/campaigns';
import { verdictFor } from '../campaigns/rubric';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { decisions, practices, reviews, sectors, submissions, units } from '../db/schema';
import { assignmentsOf } from './assign';
import { hasConflict, listReviewers } from './reviewers';

export interface SubmissionResult {
  submissionId: number;
  unitId: number;
  unitName: string;
  sectorName: string | null;
  late: boolean;
  completeness: string;
  assigned: number;
  assignedTo: string[];
  /** The same reviewers by id, for filters. */
  assignedIds: number[];
  reviews: Array<{ reviewerId: number; reviewerName: string; total: number; normalised: number | null; vetoed: boolean; status: string; excluded: boolean }>;
  count: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  disputed: boolean;
  disputeReasons: string[];
  suggestedVerdict: string | null;
  decision: { verdict: string; score: number | null; basis: string; reason: string; decidedAt: string } | null;
  practice: { note: string; markedBy: string } | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Every table compute() reads (with assignmentsOf and listReviewers): what its kept answer waits on. */
export const AGGREGATE_READS: readonly RecordTable[] = ['campaigns', 'checklist_items', 'reviewers', 'submissions', 'units', 'sectors', 'reviews', 'review_assignments', 'decisions', 'practices'];

/**
 * Per submission: the submitted, not-excluded reviews — how many, their mean and spread — and a
 * 有分歧 flag when reviewers disagree beyond the campaign's spread or on a veto. Optional
 * per-reviewer normalisation (z-scores rescaled to the overall mean and spread) is off by default.
 */
export function aggregate(orm: Orm, campaignId: number, options: { normalise?: boolean } = {}): SubmissionResult[] {
  // Normalised scores depend on every review of each reviewer: kept whole, until a table it read is written.
  if (options.normalise) return memoUntilTablesChange(orm, `aggregate:${campaignId}:1`, AGGREGATE_READS, () => compute(orm, campaignId, options));
  // The queue, 概览, decisions and exports all ask for this: kept, and caught up per changed submission.
  return keptResults(orm, campaignId, (only) => compute(orm, campaignId, options, only));
}

function compute(orm: Orm, campaignId: number, options: { normalise?: boolean }, only?: number[]): SubmissionResult[] {
  const campaign = getCampaign(orm, campaignId);
  const reviewerList = listReviewers(orm);
  const names = new Map(reviewerList.map((r) => [r.id, r]));
  const rows = orm
    .select({ submissionId: submissions.id, unitId: units.id, unitName: units.name, sectorId: units.sectorId, sectorName: sectors.name, late: submissions.late, completeness: submissions.completeness, position: sectors.position })
    .from(submissions)
    .innerJoin(units, eq(submissions.unitId, units.id))
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.isCurrent, true), only ? inArray(submissions.id, only) : undefined))
    .all()
    .sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9) || a.unitId - b.unitId);
  // Only this campaign's reviews, decisions and marks: other years' are none of its business.
  const inThisCampaign = (column: typeof reviews.submissionId | typeof decisions.submissionId | typeof practices.submissionId) =>
    only ? inArray(column, only) : inArray(column, orm.select({ id: submissions.id }).from(submissions).where(eq(submissions.campaignId, campaignId)));
  // Not the answers: parsing every review's JSON is most of the cost at 25,000 submissions, and unused here.
  const allReviews = orm
    .select({ submissionId: reviews.submissionId, reviewerId: reviews.reviewerId, total: reviews.total, vetoed: reviews.vetoed, status: reviews.status })
    .from(reviews)
    .where(inThisCampaign(reviews.submissionId))
    .all();
  const bySubmission = new Map<number, typeof allReviews>();
  for (const r of allReviews) {
    const list = bySubmission.get(r.submissionId) ?? [];
    list.push(r);
    bySubmission.set(r.submissionId, list);
  }
  const assignments = assignmentsOf(orm, only);
  const decided = new Map(orm.select().from(decisions).where(inThisCampaign(decisions.submissionId)).all().map((d) => [d.submissionId, d]));
  const marked = new Map(orm.select().from(practices).where(inThisCampaign(practices.submissionId)).all().map((p) => [p.submissionId, p]));

  // Normalisation statistics per reviewer, over their counted reviews in this campaign.
  const inCampaign = new Set(rows.map((r) => r.submissionId));
  const counted = allReviews.filter((r) => inCampaign.has(r.submissionId) && r.status === 'submitted');
  const stats = (values: number[]) => {
    const mean = values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(values.length, 1));
    return { mean, sd };
  };
  const overall = stats(counted.map((r) => r.total));
  const perReviewer = new Map<number, { mean: number; sd: number }>();
  const totalsByReviewer = new Map<number, number[]>();
  for (const r of counted) {
    const totals = totalsByReviewer.get(r.reviewerId) ?? [];
    totals.push(r.total);
    totalsByReviewer.set(r.reviewerId, totals);
  }
  for (const [id, totals] of totalsByReviewer) perReviewer.set(id, stats(totals));

  return rows.map((row) => {
    const unit = { id: row.unitId, sectorId: row.sectorId };
    const list = (bySubmission.get(row.submissionId) ?? [])
      .map((r) => {
        const reviewer = names.get(r.reviewerId);
        const s = perReviewer.get(r.reviewerId);
        // A reviewer who gives everyone the same score tells us nothing relative: z = 0.
        const z = s && s.sd > 0 ? (r.total - s.mean) / s.sd : 0;
        const normalised = options.normalise && s && r.status === 'submitted' ? round1(overall.mean + z * overall.sd) : null;
        return { reviewerId: r.reviewerId, reviewerName: reviewer?.name ?? '?', total: r.total, normalised, vetoed: r.vetoed, status: r.status, excluded: reviewer ? hasConflict(reviewer, unit) : false };
      });
    const usable = list.filter((r) => r.status === 'submitted' && !r.excluded);
    const values = usable.map((r) => (options.normalise && r.normalised !== null ? r.normalised : r.total));
    const mean = values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
    const min = values.length ? Math.min(...values) : null;
    const max = values.length ? Math.max(...values) : null;
    const spread = min !== null && max !== null ? round1(max - min) : null;
    const disputeReasons: string[] = [];
    if (spread !== null && usable.length > 1 && spread > campaign.rubric.disagreementSpread) disputeReasons.push(`分差 ${spread} 分，超过 ${campaign.rubric.disagreementSpread} 分`);
    const vetoes = new Set(usable.map((r) => r.vetoed));
    if (vetoes.size > 1) disputeReasons.push('评审人对一票否决项意见不一');
    const vetoedByAll = usable.length > 0 && usable.every((r) => r.vetoed);
    const d = decided.get(row.submissionId);
    const p = marked.get(row.submissionId);
    return {
      submissionId: row.submissionId,
      unitId: row.unitId,
      unitName: row.unitName,
      sectorName: row.sectorName,
      late: row.late,
      completeness: row.completeness,
      assigned: assignments.get(row.submissionId)?.length ?? 0,
      assignedTo: (assignments.get(row.submissionId) ?? []).map((id) => names.get(id)?.name ?? '?'),
      assignedIds: assignments.get(row.submissionId) ?? [],
      reviews: list,
      count: usable.length,
      mean,
      min,
      max,
      spread,
      disputed: disputeReasons.length > 0,
      disputeReasons,
      suggestedVerdict: mean === null ? null : vetoedByAll ? campaign.rubric.verdicts.at(-1)!.label : verdictFor(campaign.rubric, mean),
      decision: d ? { verdict: d.verdict, score: d.score, basis: d.basis, reason: d.reason, decidedAt: d.decidedAt } : null,
      practice: p ? { note: p.note, markedBy: p.markedBy } : null,
    };
  });
}

/** The 概览 figures for review: how far the year's submissions have come. */
export function reviewOverview(results: SubmissionResult[]) {
  return {
    submissions: results.length,
    reviewed: results.filter((r) => r.count > 0).length,
    disputed: results.filter((r) => r.disputed).length,
    decided: results.filter((r) => r.decision).length,
  };
}

export const decisionSchema = z.discriminatedUnion('basis', [
  z.object({ submissionId: z.number().int().positive(), basis: z.literal('mean') }),
  z.object({
    submissionId: z.number().int().positive(),
    basis: z.literal('override'),
    verdict: z.string().min(1).max(10),
    score: z.number().min(0).max(1000).nullable().default(null),
    reason: z.string().trim().min(2, '改判需要写明理由').max(1000),
  }),
]);

/** The office records the final verdict: the reviewers' mean, or an override with its reason. */
export function decide(orm: Orm, input: z.output<typeof decisionSchema>) {
  const submission = orm.select({ campaignId: submissions.campaignId }).from(submissions).where(eq(submissions.id, input.submissionId)).get();
  if (!submission) throw new DeskError('not-found', '该报送材料不存在');
  const campaign = getCampaign(orm, submission.campaignId);
  const result = aggregate(orm, campaign.id).find((r) => r.submissionId === input.submissionId);
  let values: { verdict: string; score: number | null; basis: string; reason: string };
  if (input.basis === 'mean') {
    if (!result || result.mean === null) throw new DeskError('no-reviews', '这份材料还没有已提交的评审，无法按平均分定级');
    if (result.disputed) throw new DeskError('disputed', `评审有分歧（${result.disputeReasons.join('；')}），请讨论后改判并写明理由`);
    values = { verdict: result.suggestedVerdict!, score: Math.round(result.mean), basis: 'mean', reason: '' };
  } else {
    if (!campaign.rubric.verdicts.some((v) => v.label === input.verdict)) throw new DeskError('invalid-input', `等次“${input.verdict}”不在本年度的评审等次中`);
    values = { verdict: input.verdict, score: input.score === null ? null : Math.round(input.score), basis: 'override', reason: input.reason };
  }
  const decidedAt = new Date().toISOString();
  orm.insert(decisions).values({ submissionId: input.submissionId, ...values, decidedAt }).onConflictDoUpdate({ target: decisions.submissionId, set: { ...values, decidedAt } }).run();
  return { submissionId: input.submissionId, ...values, decidedAt };
}

/** 典型做法: mark (or unmark) a submission as a practice worth spreading. */
export function markPractice(orm: Orm, submissionId: number, practice: boolean, note: string, by: string) {
  if (!practice) {
    orm.delete(practices).where(eq(practices.submissionId, submissionId)).run();
    return { submissionId, practice: false };
  }
  const markedAt = new Date().toISOString();
  orm.insert(practices).values({ submissionId, note, markedBy: by, markedAt }).onConflictDoUpdate({ target: practices.submissionId, set: { note, markedBy: by, markedAt } }).run();
  return { submissionId, practice: true, note };
}
