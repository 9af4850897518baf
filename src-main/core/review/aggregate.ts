import { and, eq, inArray } from 'drizzle-orm';
import { memoUntilTablesChange, type RecordTable } from '../db/memo';
import { keptResults } from './keptResults';
import { getCampaign } from '../campaigns/campaigns';
import { verdictFor } from '../campaigns/rubric';
import type { Orm } from '../db/open';
import { decisions, practices, reviews, sectors, submissions, units } from '../db/schema';
import { assignmentsOf } from './assign';
import { hasConflict, listReviewers } from './reviewers';
import { totalInRange } from './ranges';
import { staleReasons } from './restsOn';

export interface SubmissionResult {
  submissionId: number;
  unitId: number;
  unitName: string;
  sectorName: string | null;
  late: boolean;
  /** 逾期补齐: in time, complete only after the deadline. */
  completedLate: boolean;
  completeness: string;
  /** The material's mark now (`id.rev`): a review made on another shows 材料有更新. */
  materialMark: string;
  assigned: number;
  assignedTo: string[];
  /** The same reviewers by id, for filters. */
  assignedIds: number[];
  reviews: Array<{
    reviewerId: number;
    reviewerName: string;
    total: number;
    normalised: number | null;
    vetoed: boolean;
    status: string;
    /** The review's version as aggregated: 退回 names it, so a review changed since is not sent back unseen. */
    version: number;
    excluded: boolean;
    materialChanged: boolean;
  }>;
  count: number;
  /** Assigned reviewers (not 回避) whose review is not submitted yet. */
  pending: number;
  /** 一致 (every assigned review in, no 有分歧) / 有分歧 / 未评完: the one definition of 已评. */
  agreement: Agreement;
  /** A counted review was made before the material last changed (a 补充 or 重新报送 came after it). */
  materialChanged: boolean;
  mean: number | null;
  min: number | null;
  max: number | null;
  spread: number | null;
  disputed: boolean;
  disputeReasons: string[];
  suggestedVerdict: string | null;
  decision: {
    verdict: string;
    score: number | null;
    basis: string;
    reason: string;
    decidedAt: string;
    stale: boolean;
    staleReasons: string[];
  } | null;
  /** What a decision made now would rest on: kept with it, compared later (需重新定级). */
  restsOn: string;
  practice: { note: string; markedBy: string } | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

type Agreement = '一致' | '有分歧' | '未评完';

/** Every table compute() reads (with assignmentsOf and listReviewers): what its kept answer waits on. */
const AGGREGATE_READS: readonly RecordTable[] = [
  'campaigns',
  'checklist_items',
  'reviewers',
  'submissions',
  'units',
  'sectors',
  'reviews',
  'review_assignments',
  'decisions',
  'practices',
];

/**
 * Per submission: the submitted, not-excluded reviews — how many, their mean and spread — and a
 * 有分歧 flag when reviewers disagree beyond the campaign's spread or on a veto. Optional
 * per-reviewer normalisation (z-scores rescaled to the overall mean and spread) is off by default.
 */
export function aggregate(orm: Orm, campaignId: number, options: { normalise?: boolean } = {}): SubmissionResult[] {
  // Normalised scores depend on every review of each reviewer: kept whole, until a table it read is written.
  if (options.normalise)
    return memoUntilTablesChange(orm, `aggregate:${campaignId}:1`, AGGREGATE_READS, () =>
      compute(orm, campaignId, options),
    );
  // The queue, 概览, decisions and exports all ask for this: kept, and caught up per changed submission.
  return keptResults(orm, campaignId, (only) => compute(orm, campaignId, options, only));
}

function compute(orm: Orm, campaignId: number, options: { normalise?: boolean }, only?: number[]): SubmissionResult[] {
  const campaign = getCampaign(orm, campaignId);
  const reviewerList = listReviewers(orm);
  const names = new Map(reviewerList.map((r) => [r.id, r]));
  const rows = orm
    .select({
      submissionId: submissions.id,
      unitId: units.id,
      unitName: units.name,
      sectorId: units.sectorId,
      sectorName: sectors.name,
      late: submissions.late,
      completedLate: submissions.completedLate,
      completeness: submissions.completeness,
      materialRev: submissions.materialRev,
      position: sectors.position,
    })
    .from(submissions)
    .innerJoin(units, eq(submissions.unitId, units.id))
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(
      and(
        eq(submissions.campaignId, campaignId),
        eq(submissions.isCurrent, true),
        only ? inArray(submissions.id, only) : undefined,
      ),
    )
    .all()
    .sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9) || a.unitId - b.unitId);
  // Only this campaign's reviews, decisions and marks: other years' are none of its business.
  const inThisCampaign = (
    column: typeof reviews.submissionId | typeof decisions.submissionId | typeof practices.submissionId,
  ) =>
    only
      ? inArray(column, only)
      : inArray(
          column,
          orm.select({ id: submissions.id }).from(submissions).where(eq(submissions.campaignId, campaignId)),
        );
  // Not the answers: parsing every review's JSON is most of the cost at 25,000 submissions, and unused here.
  const allReviews = orm
    .select({
      submissionId: reviews.submissionId,
      reviewerId: reviews.reviewerId,
      total: reviews.total,
      bonus: reviews.bonus,
      deduction: reviews.deduction,
      vetoed: reviews.vetoed,
      status: reviews.status,
      madeOn: reviews.madeOn,
      version: reviews.version,
    })
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
  const decided = new Map(
    orm
      .select()
      .from(decisions)
      .where(inThisCampaign(decisions.submissionId))
      .all()
      .map((d) => [d.submissionId, d]),
  );
  const marked = new Map(
    orm
      .select()
      .from(practices)
      .where(inThisCampaign(practices.submissionId))
      .all()
      .map((p) => [p.submissionId, p]),
  );

  // Normalisation statistics per reviewer, over their counted reviews in this campaign.
  const inCampaign = new Set(rows.map((r) => r.submissionId));
  // A value no form could have saved (edited behind the app) is never averaged: flagged instead.
  const anomalous = (r: (typeof allReviews)[number]) =>
    !totalInRange(r.total, campaign) ||
    !(r.bonus >= 0 && r.bonus <= campaign.rubric.bonusCap) ||
    !(r.deduction >= 0 && r.deduction <= campaign.rubric.deductionCap);
  const counted = allReviews.filter((r) => inCampaign.has(r.submissionId) && r.status === 'submitted' && !anomalous(r));
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
    const materialMark = `${row.submissionId}.${row.materialRev}`;
    const list = (bySubmission.get(row.submissionId) ?? []).map((r) => {
      const reviewer = names.get(r.reviewerId);
      const s = perReviewer.get(r.reviewerId);
      // A reviewer who gives everyone the same score tells us nothing relative: z = 0.
      const z = s && s.sd > 0 ? (r.total - s.mean) / s.sd : 0;
      const normalised =
        options.normalise && s && r.status === 'submitted' ? round1(overall.mean + z * overall.sd) : null;
      const materialChanged = r.madeOn !== null && r.madeOn !== materialMark;
      return {
        reviewerId: r.reviewerId,
        reviewerName: reviewer?.name ?? '?',
        total: r.total,
        normalised,
        vetoed: r.vetoed,
        status: r.status,
        version: r.version,
        excluded: reviewer ? hasConflict(reviewer, unit) : false,
        materialChanged,
        anomalous: anomalous(r),
      };
    });
    const usable = list.filter((r) => r.status === 'submitted' && !r.excluded && !r.anomalous);
    const assignedIds = assignments.get(row.submissionId) ?? [];
    const pending = assignedIds.filter((id) => {
      const reviewer = names.get(id);
      return !(reviewer && hasConflict(reviewer, unit)) && !usable.some((r) => r.reviewerId === id);
    }).length;
    const values = usable.map((r) => (options.normalise && r.normalised !== null ? r.normalised : r.total));
    const mean = values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null;
    const min = values.length ? Math.min(...values) : null;
    const max = values.length ? Math.max(...values) : null;
    const spread = min !== null && max !== null ? round1(max - min) : null;
    const disputeReasons: string[] = [];
    if (spread !== null && usable.length > 1 && spread > campaign.rubric.disagreementSpread)
      disputeReasons.push(`分差 ${spread} 分，超过 ${campaign.rubric.disagreementSpread} 分`);
    const vetoes = new Set(usable.map((r) => r.vetoed));
    if (vetoes.size > 1) disputeReasons.push('评审人对一票否决项意见不一');
    for (const r of list.filter((r) => r.anomalous && r.status === 'submitted'))
      disputeReasons.push(`${r.reviewerName}的评审数值异常（总分 ${r.total}），未计入均分，请运行数据检查`);
    const vetoedByAll = usable.length > 0 && usable.every((r) => r.vetoed);
    const d = decided.get(row.submissionId);
    const p = marked.get(row.submissionId);
    const restsOn = JSON.stringify({
      material: materialMark,
      reviews: usable.map((r) => [r.reviewerId, r.total, r.vetoed]).sort((a, b) => (a[0] as number) - (b[0] as number)),
    });
    const agreement: Agreement =
      usable.length === 0 || pending > 0 ? '未评完' : disputeReasons.length ? '有分歧' : '一致';
    const reasons = d ? staleReasons(d.restsOn, restsOn) : [];
    return {
      submissionId: row.submissionId,
      unitId: row.unitId,
      unitName: row.unitName,
      sectorName: row.sectorName,
      late: row.late,
      completedLate: row.completedLate,
      completeness: row.completeness,
      materialMark,
      assigned: assignments.get(row.submissionId)?.length ?? 0,
      assignedTo: (assignments.get(row.submissionId) ?? []).map((id) => names.get(id)?.name ?? '?'),
      assignedIds: assignments.get(row.submissionId) ?? [],
      reviews: list,
      count: usable.length,
      pending,
      agreement,
      materialChanged: usable.some((r) => r.materialChanged),
      mean,
      min,
      max,
      spread,
      disputed: disputeReasons.length > 0,
      disputeReasons,
      suggestedVerdict:
        mean === null ? null : vetoedByAll ? campaign.rubric.verdicts.at(-1)!.label : verdictFor(campaign.rubric, mean),
      decision: d
        ? {
            verdict: d.verdict,
            score: d.score,
            basis: d.basis,
            reason: d.reason,
            decidedAt: d.decidedAt,
            stale: reasons.length > 0,
            staleReasons: reasons,
          }
        : null,
      restsOn,
      practice: p ? { note: p.note, markedBy: p.markedBy } : null,
    };
  });
}
