import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns';
import type { ChecklistItem } from '../campaigns/model';
import type { Orm } from '../db/open';
import { reviews, sectors, submissions, units } from '../db/schema';
import { yearComparison, type YearComparison } from '../dashboard/comparison';
import { aggregate } from '../review/aggregate';
import type { Answers } from '../review/scoring';
import { TIMING } from '../../common/statuses';

export interface UnitRow {
  index: number;
  unitId: number;
  name: string;
  sector: string;
  level: string;
  contact: string;
  phone: string;
  email: string;
  submitted: boolean;
  receivedAt: Date | null;
  late: boolean | null;
  summaries: number;
  photos: number;
  complete: boolean | null;
  /** item id → done by the majority of counted reviews (null when not reviewed). */
  items: Record<number, boolean | null>;
  reviewerScores: string;
  reviewed: boolean;
  /** The mean of the counted reviews, unrounded (the sheet shows one decimal; sector means use it as it is). */
  mean: number | null;
  /** The office's final score (its decision), in its own column. */
  finalScore: number | null;
  verdict: string | null;
  practice: string | null;
  remarks: string;
}

export interface SectorRow {
  sector: string;
  units: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  complete: number;
  incomplete: number;
  reviewed: number;
  meanScore: number | null;
  verdicts: Record<string, number>;
}

export interface StatsData {
  campaign: ReturnType<typeof getCampaign>;
  verdictLabels: string[];
  units: UnitRow[];
  sectors: SectorRow[];
  total: SectorRow;
  /** item → sector → number of units that did it */
  activity: Array<{ item: ChecklistItem; bySector: Record<string, number>; total: number }>;
  /** Each sector beside the campaign run before this one (与上年对比). */
  comparison: YearComparison;
}

const NO_SECTOR = '未分配系统';

function itemDone(item: ChecklistItem, answers: Answers): boolean | null {
  const a = answers[String(item.id)];
  if (!a) return null;
  if (item.kind === 'check') return a.done ?? null;
  if (item.kind === 'count') return a.count === undefined ? null : a.count >= (item.minCount ?? 1);
  if (item.kind === 'score') return a.score === undefined ? null : a.score > 0;
  return null;
}

function summarise(sector: string, rows: UnitRow[], verdictLabels: string[]): SectorRow {
  const reviewed = rows.filter((r) => r.reviewed);
  // 平均分 of the 已评 units, over the one final score (an 改判's score where the office gave one), as 表彰 and
  // 概览 use it; the same units the 已评 column counts, so the total row's weighted formula agrees.
  const scored = reviewed.filter((r) => (r.finalScore ?? r.mean) !== null);
  const verdicts = Object.fromEntries(verdictLabels.map((v) => [v, rows.filter((r) => r.verdict === v).length]));
  return {
    sector,
    units: rows.length,
    submitted: rows.filter((r) => r.submitted).length,
    onTime: rows.filter((r) => r.submitted && !r.late).length,
    late: rows.filter((r) => r.submitted && r.late).length,
    missing: rows.filter((r) => !r.submitted).length,
    complete: rows.filter((r) => r.complete === true).length,
    incomplete: rows.filter((r) => r.complete === false).length,
    reviewed: reviewed.length,
    meanScore: scored.length
      ? Math.round((scored.reduce((n, r) => n + (r.finalScore ?? r.mean)!, 0) / scored.length) * 10) / 10
      : null,
    verdicts,
  };
}

/**
 * Everything the year-end statistics need, from the records: units in the roster (在册 and
 * 暂停; 撤销 ones are not counted), their current submission, the counted reviews and the
 * office's decisions.
 */
export function collectStats(orm: Orm, campaignId: number): StatsData {
  const campaign = getCampaign(orm, campaignId);
  const verdictLabels = campaign.rubric.verdicts.map((v) => v.label);
  const results = new Map(aggregate(orm, campaignId).map((r) => [r.unitId, r]));
  const current = new Map(
    orm
      .select()
      .from(submissions)
      .where(and(eq(submissions.campaignId, campaignId), eq(submissions.isCurrent, true)))
      .all()
      .filter((s) => s.unitId !== null)
      .map((s) => [s.unitId!, s]),
  );
  const reviewsBySubmission = new Map<number, Array<{ answers: unknown; status: string }>>();
  for (const r of orm
    .select({ submissionId: reviews.submissionId, answers: reviews.answers, status: reviews.status })
    .from(reviews)
    .all()) {
    const list = reviewsBySubmission.get(r.submissionId) ?? [];
    list.push(r);
    reviewsBySubmission.set(r.submissionId, list);
  }
  const roster = orm
    .select({
      id: units.id,
      name: units.name,
      level: units.level,
      status: units.status,
      contact: units.contact,
      phone: units.phone,
      email: units.email,
      sector: sectors.name,
      position: sectors.position,
    })
    .from(units)
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(isNull(units.deletedAt))
    .orderBy(asc(sectors.position), asc(units.id))
    .all()
    .filter((u) => u.status !== 'revoked');
  const sectorOrder = [...new Set(roster.map((u) => u.sector ?? NO_SECTOR))];
  const { attachmentsBySubmission } = countFiles(orm);

  const unitRows: UnitRow[] = roster.map((u, i) => {
    const submission = current.get(u.id);
    const result = results.get(u.id);
    const counted = submission
      ? (reviewsBySubmission.get(submission.id) ?? []).filter((r) => r.status === 'submitted')
      : [];
    const counts = submission
      ? (attachmentsBySubmission.get(submission.id) ?? { summaries: 0, photos: 0 })
      : { summaries: 0, photos: 0 };
    const items: Record<number, boolean | null> = {};
    for (const item of campaign.items) {
      const votes = counted.map((r) => itemDone(item, r.answers as Answers)).filter((v): v is boolean => v !== null);
      items[item.id] = votes.length ? votes.filter(Boolean).length * 2 > votes.length : null;
    }
    const usable = result?.reviews.filter((r) => r.status === 'submitted' && !r.excluded) ?? [];
    return {
      index: i + 1,
      unitId: u.id,
      name: u.name,
      sector: u.sector ?? NO_SECTOR,
      level: u.level ?? '',
      contact: u.contact ?? '',
      phone: u.phone ?? '',
      email: u.email ?? '',
      submitted: !!submission,
      receivedAt: submission ? new Date(submission.receivedAt) : null,
      late: submission ? submission.late : null,
      summaries: counts.summaries,
      photos: counts.photos,
      complete: submission ? submission.completeness === 'complete' : null,
      items,
      reviewerScores: usable.map((r) => `${r.reviewerName} ${r.total}`).join('；'),
      // 已评: every assigned review in (the one definition, from the aggregation).
      reviewed: !!result && result.agreement !== '未评完',
      mean: usable.length ? usable.reduce((n, r) => n + r.total, 0) / usable.length : null,
      finalScore: result?.decision?.score ?? null,
      verdict: result?.decision?.verdict ?? result?.suggestedVerdict ?? null,
      practice: result?.practice?.note ?? (result?.practice ? '是' : null),
      remarks: [
        submission?.completedLate ? TIMING.completedLate : '',
        result && result.agreement === '未评完' && result.count > 0 ? `评审未完（还差 ${result.pending} 份）` : '',
        result?.disputed ? '有分歧' : '',
        result?.decision?.stale ? `需重新定级（${result.decision.staleReasons.join('；')}）` : '',
        result?.decision?.basis === 'override' ? `改判：${result.decision.reason}` : '',
      ]
        .filter(Boolean)
        .join('；'),
    };
  });
  const sectorRows = sectorOrder.map((s) =>
    summarise(
      s,
      unitRows.filter((u) => u.sector === s),
      verdictLabels,
    ),
  );
  const activity = campaign.items
    .filter((item) => item.kind !== 'veto')
    .map((item) => {
      const bySector = Object.fromEntries(
        sectorOrder.map((s) => [s, unitRows.filter((u) => u.sector === s && u.items[item.id] === true).length]),
      );
      return { item, bySector, total: Object.values(bySector).reduce((a, b) => a + b, 0) };
    });
  return {
    campaign,
    verdictLabels,
    units: unitRows,
    sectors: sectorRows,
    total: summarise('合计', unitRows, verdictLabels),
    activity,
    comparison: yearComparison(orm, campaign),
  };
}

function countFiles(orm: Orm) {
  // One grouped query instead of a query per submission.
  // A version's files are its whole set: its own and its live 补充's.
  const rows = orm.all<{ submission_id: number; kind: string; n: number }>(
    sql`SELECT coalesce(s.supplement_of, a.submission_id) AS submission_id, a.kind, count(*) AS n FROM attachments a JOIN submissions s ON s.id = a.submission_id WHERE s.supplement_of IS NULL OR s.deleted_at IS NULL GROUP BY 1, a.kind`,
  );
  const attachmentsBySubmission = new Map<number, { summaries: number; photos: number }>();
  for (const r of rows) {
    const entry = attachmentsBySubmission.get(r.submission_id) ?? { summaries: 0, photos: 0 };
    if (r.kind === 'summary') entry.summaries = r.n;
    if (r.kind === 'photo') entry.photos = r.n;
    attachmentsBySubmission.set(r.submission_id, entry);
  }
  return { attachmentsBySubmission };
}
