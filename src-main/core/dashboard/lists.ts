import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { CHINA_SQL_OFFSET } from '../../common/chinaTime';
import { YEAR_OUTCOME } from '../../common/standing';
import type { Campaign } from '../campaigns/model';
import type { Orm } from '../db/open';
import { aggregate } from '../review/aggregate';
import { COUNTED_UNITS, CURRENT, scoreBin, UNREVIEWED } from './dashboard';
import { finalScore as scoreOf } from '../review/overview';
import { TIMING } from '../../common/statuses';

/** Which bar or slice was clicked: the list it counts is the one shown. */
export const chartPickSchema = z.discriminatedUnion('chart', [
  z.object({
    chart: z.literal('sector'),
    sectorId: z.number().int().positive().nullable(),
    series: z.enum(['onTime', 'late', 'refused', 'missing']),
  }),
  z.object({ chart: z.literal('day'), day: z.iso.date(), series: z.enum(['onTime', 'late']).optional() }),
  z.object({
    chart: z.literal('reviewer'),
    reviewerId: z.number().int().positive(),
    series: z.enum(['assigned', 'submitted', 'draft', 'returned']),
  }),
  z.object({ chart: z.literal('score'), bin: z.number().int().min(0).max(9) }),
  z.object({ chart: z.literal('verdict'), verdict: z.string().min(1).max(20) }),
]);
export type ChartPick = z.output<typeof chartPickSchema>;

export interface PickedRow {
  unitId: number | null;
  unitName: string;
  sector: string;
  contact: string;
  phone: string;
  receivedAt: string | null;
  /** What the row says about the pick: 逾期, 被拒收：…, the score. */
  detail: string;
}

function sectorRows(orm: Orm, campaignId: number, pick: Extract<ChartPick, { chart: 'sector' }>): PickedRow[] {
  const sector = pick.sectorId === null ? sql`u.sector_id IS NULL` : sql`u.sector_id = ${pick.sectorId}`;
  const refusedWhy = sql`(SELECT i.message FROM intake_sources i WHERE i.campaign_id = ${campaignId} AND i.unit_id = u.id AND i.status = 'rejected' ORDER BY i.id DESC LIMIT 1)`;
  const which = {
    onTime: sql`s.id IS NOT NULL AND s.late = 0`,
    late: sql`s.id IS NOT NULL AND s.late = 1`,
    refused: sql`s.id IS NULL AND ${refusedWhy} IS NOT NULL`,
    missing: sql`s.id IS NULL AND ${refusedWhy} IS NULL`,
  }[pick.series];
  const rows = orm.all<{
    id: number;
    name: string;
    sector: string | null;
    contact: string | null;
    phone: string | null;
    received_at: string | null;
    why: string | null;
  }>(sql`
    SELECT u.id, u.name, sec.name AS sector, u.contact, u.phone, s.received_at, ${refusedWhy} AS why
    FROM units u LEFT JOIN sectors sec ON sec.id = u.sector_id
    LEFT JOIN submissions s ON s.unit_id = u.id AND s.campaign_id = ${campaignId} AND ${CURRENT}
    WHERE ${COUNTED_UNITS} AND ${sector} AND ${which}
    ORDER BY u.name`);
  return rows.map((r) => ({
    unitId: r.id,
    unitName: r.name,
    sector: r.sector ?? '未分配系统',
    contact: r.contact ?? '',
    phone: r.phone ?? '',
    receivedAt: r.received_at,
    detail: pick.series === 'refused' ? `被拒收：${r.why}` : YEAR_OUTCOME[pick.series],
  }));
}

function dayRows(orm: Orm, campaignId: number, pick: Extract<ChartPick, { chart: 'day' }>): PickedRow[] {
  const late = pick.series === undefined ? sql`1 = 1` : sql`s.late = ${pick.series === 'late' ? 1 : 0}`;
  const rows = orm.all<{
    id: number | null;
    name: string | null;
    sector: string | null;
    contact: string | null;
    phone: string | null;
    received_at: string;
    late: number;
    source: string;
  }>(sql`
    SELECT u.id, u.name, sec.name AS sector, u.contact, u.phone, s.received_at, s.late, s.source_label AS source
    FROM submissions s LEFT JOIN units u ON u.id = s.unit_id LEFT JOIN sectors sec ON sec.id = u.sector_id
    WHERE s.campaign_id = ${campaignId} AND ${CURRENT} AND date(s.received_at, ${CHINA_SQL_OFFSET}) = ${pick.day} AND ${late}
    ORDER BY s.received_at`);
  return rows.map((r) => ({
    unitId: r.id,
    unitName: r.name ?? `待认领：${r.source}`,
    sector: r.sector ?? '',
    contact: r.contact ?? '',
    phone: r.phone ?? '',
    receivedAt: r.received_at,
    detail: r.late ? TIMING.late : TIMING.onTime,
  }));
}

/** The rows behind one clicked bar or slice of 概览. */
export function pickedRows(orm: Orm, campaign: Campaign, pick: ChartPick): PickedRow[] {
  if (pick.chart === 'sector') return sectorRows(orm, campaign.id, pick);
  if (pick.chart === 'day') return dayRows(orm, campaign.id, pick);
  const results = aggregate(orm, campaign.id).filter((r) => {
    if (pick.chart === 'score') return scoreOf(r) !== null && scoreBin(scoreOf(r)!) === pick.bin;
    if (pick.chart === 'verdict') return (r.decision?.verdict ?? r.suggestedVerdict ?? UNREVIEWED) === pick.verdict;
    if (pick.series === 'assigned') return r.assignedIds.includes(pick.reviewerId);
    return r.reviews.some(
      (v) =>
        v.reviewerId === pick.reviewerId && (pick.series === 'draft' ? v.status === 'draft' : v.status === pick.series),
    );
  });
  const contacts = new Map(
    orm
      .all<{ id: number; contact: string | null; phone: string | null }>(
        sql`SELECT id, contact, phone FROM units WHERE deleted_at IS NULL`,
      )
      .map((u) => [u.id, u]),
  );
  return results.map((r) => {
    const score = scoreOf(r);
    const mine = pick.chart === 'reviewer' ? r.reviews.find((v) => v.reviewerId === pick.reviewerId) : undefined;
    const detail = mine
      ? `该评审人给分 ${mine.total}`
      : score === null
        ? '未评'
        : `${Math.round(score * 10) / 10} 分${r.decision ? `，定级“${r.decision.verdict}”` : ''}`;
    return {
      unitId: r.unitId,
      unitName: r.unitName,
      sector: r.sectorName ?? '未分配系统',
      contact: contacts.get(r.unitId)?.contact ?? '',
      phone: contacts.get(r.unitId)?.phone ?? '',
      receivedAt: null,
      detail,
    };
  });
}
