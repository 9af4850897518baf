import { sql } from 'drizzle-orm';
import { CHINA_SQL_OFFSET, chinaDay } from '../../common/chinaTime';
import type { Campaign } from '../campaigns/model';
import type { RecordTable } from '../db/memo';
import type { Orm } from '../db/open';
import { listReviewers } from '../review/reviewers';
import { aggregate } from '../review/aggregate';
import { finalScore, reviewOverview } from '../review/overview';

const pick = <T extends object, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> =>
  Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;

/** Units the year counts: in the roster and not 撤销 (as the statistics workbook counts them). */
export const COUNTED_UNITS = sql`u.deleted_at IS NULL AND u.status != 'revoked'`;
/** A unit's current submission this campaign, as every count of 已报送 reads it. */
export const CURRENT = sql`s.is_current = 1 AND s.deleted_at IS NULL`;

export interface SectorBar {
  sectorId: number | null;
  name: string;
  units: number;
  onTime: number;
  late: number;
  /** 未报送, and of those the ones whose material came but was refused (a RAR, a password). */
  refused: number;
  missing: number;
}

export function sectorBars(orm: Orm, campaignId: number): SectorBar[] {
  const rows = orm.all<{
    sector_id: number | null;
    name: string | null;
    units: number;
    on_time: number;
    late: number;
    refused: number;
  }>(sql`
    SELECT u.sector_id, sec.name, count(*) AS units,
      sum(CASE WHEN s.id IS NOT NULL AND s.late = 0 THEN 1 ELSE 0 END) AS on_time,
      sum(CASE WHEN s.id IS NOT NULL AND s.late = 1 THEN 1 ELSE 0 END) AS late,
      sum(CASE WHEN s.id IS NULL AND EXISTS (SELECT 1 FROM intake_sources i WHERE i.campaign_id = ${campaignId} AND i.unit_id = u.id AND i.status = 'rejected') THEN 1 ELSE 0 END) AS refused
    FROM units u
    LEFT JOIN sectors sec ON sec.id = u.sector_id
    LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = ${campaignId} AND ${CURRENT}
    WHERE ${COUNTED_UNITS}
    GROUP BY u.sector_id
    ORDER BY coalesce(sec.position, 1e9), u.sector_id`);
  return rows.map((r) => ({
    sectorId: r.sector_id,
    name: r.name ?? '未分配系统',
    units: r.units,
    onTime: r.on_time,
    late: r.late,
    refused: r.refused,
    missing: r.units - r.on_time - r.late - r.refused,
  }));
}

export interface DayBar {
  day: string;
  onTime: number;
  late: number;
  cumulative: number;
}

/** Received per China day, from the first arrival to the deadline or the last arrival, whichever is later. */
function dailyBars(orm: Orm, campaign: Campaign): DayBar[] {
  const rows = orm.all<{ day: string; on_time: number; late: number }>(sql`
    SELECT date(s.received_at, ${CHINA_SQL_OFFSET}) AS day, sum(1 - s.late) AS on_time, sum(s.late) AS late
    FROM submissions s WHERE s.campaign_id = ${campaign.id} AND ${CURRENT}
    GROUP BY day ORDER BY day`);
  if (!rows.length) return [];
  const byDay = new Map(rows.map((r) => [r.day, r]));
  // From the first arrival, not the notice: months of empty days would squeeze the weeks that matter.
  const first = rows[0]!.day;
  const deadline = chinaDay(new Date(campaign.deadlineEndsAt));
  const last = [rows.at(-1)!.day, deadline].sort().at(-1)!;
  const out: DayBar[] = [];
  let cumulative = 0;
  // At most a year of days: a stray 1999 date in one mail must not make a million bars.
  for (let t = Date.parse(`${first}T00:00:00Z`), n = 0; n < 370; t += 86_400_000, n++) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day > last) break;
    const r = byDay.get(day);
    cumulative += (r?.on_time ?? 0) + (r?.late ?? 0);
    out.push({ day, onTime: r?.on_time ?? 0, late: r?.late ?? 0, cumulative });
  }
  return out;
}

export interface ReviewerBar {
  reviewerId: number;
  name: string;
  assigned: number;
  submitted: number;
  draft: number;
  returned: number;
}

function reviewerBars(orm: Orm, results: ReturnType<typeof aggregate>): ReviewerBar[] {
  const bars = new Map(
    listReviewers(orm).map((r) => [
      r.id,
      { reviewerId: r.id, name: r.name, assigned: 0, submitted: 0, draft: 0, returned: 0 },
    ]),
  );
  for (const result of results) {
    for (const id of result.assignedIds) if (bars.has(id)) bars.get(id)!.assigned++;
    for (const review of result.reviews) {
      const bar = bars.get(review.reviewerId);
      if (!bar) continue;
      if (review.status === 'submitted') bar.submitted++;
      else if (review.status === 'returned') bar.returned++;
      else bar.draft++;
    }
  }
  return [...bars.values()].filter((b) => b.assigned || b.submitted || b.draft || b.returned);
}

/** Ten-point bins, 0–9 … 90–100: where the year's scores fall. */
export function scoreBin(score: number): number {
  return Math.min(9, Math.floor(score / 10));
}

function scoreBins(results: ReturnType<typeof aggregate>): number[] {
  const bins = Array.from({ length: 10 }, () => 0);
  for (const r of results) {
    const score = finalScore(r);
    if (score !== null) bins[scoreBin(score)]!++;
  }
  return bins;
}

export const UNREVIEWED = '未评';

function verdictCounts(
  campaign: Campaign,
  results: ReturnType<typeof aggregate>,
): Array<{ verdict: string; count: number; decided: number }> {
  const labels = [...campaign.rubric.verdicts.map((v) => v.label), UNREVIEWED];
  const counts = new Map(labels.map((l) => [l, { verdict: l, count: 0, decided: 0 }]));
  for (const r of results) {
    const verdict = r.decision?.verdict ?? r.suggestedVerdict ?? UNREVIEWED;
    const entry = counts.get(verdict) ?? counts.set(verdict, { verdict, count: 0, decided: 0 }).get(verdict)!;
    entry.count++;
    if (r.decision) entry.decided++;
  }
  return [...counts.values()];
}

/** The tables dashboardCounts reads: its answer is kept until one of them is written (not by review work). */
export const COUNTS_READS: readonly RecordTable[] = ['units', 'sectors', 'submissions', 'intake_sources', 'campaigns'];

/** What 概览 counts from the submissions and the roster alone: unchanged by a review or a decision. */
export function dashboardCounts(orm: Orm, campaign: Campaign) {
  return {
    sectors: sectorBars(orm, campaign.id),
    daily: dailyBars(orm, campaign),
    unclaimed: orm.all<{ n: number }>(
      sql`SELECT count(*) AS n FROM submissions s WHERE s.campaign_id = ${campaign.id} AND s.unit_id IS NULL AND ${CURRENT}`,
    )[0]!.n,
  };
}

/**
 * 概览's charts, in one call: the counts (grouped queries, kept apart from review work) and the
 * year's aggregation (kept and caught up per changed submission), so a saved review costs a pass
 * over the results in memory, not over the file.
 */
export function dashboardData(
  orm: Orm,
  campaign: Campaign,
  counts = dashboardCounts(orm, campaign),
  results = aggregate(orm, campaign.id),
) {
  const { sectors, daily, unclaimed } = counts;
  const sum = (key: 'units' | 'onTime' | 'late' | 'refused' | 'missing') => sectors.reduce((n, s) => n + s[key], 0);
  return {
    campaign: {
      id: campaign.id,
      year: campaign.year,
      title: campaign.title,
      deadline: campaign.deadline,
      deadlineEndsAt: campaign.deadlineEndsAt,
    },
    totals: {
      units: sum('units'),
      onTime: sum('onTime'),
      late: sum('late'),
      refused: sum('refused'),
      missing: sum('missing'),
      unclaimed,
      ...pick(reviewOverview(results), 'reviewed', 'partlyReviewed', 'stale'),
      submissions: results.length,
    },
    daily,
    sectors,
    reviewers: reviewerBars(orm, results),
    scores: scoreBins(results),
    verdicts: verdictCounts(campaign, results),
  };
}
