import { sql } from 'drizzle-orm';
import type { Campaign } from '../campaigns/model';
import { memoUntilTablesChange, type RecordTable } from '../db/memo';
import type { Orm } from '../db/open';
import { runCampaigns } from '../dynamics/years';
import { aggregate } from '../review/aggregate';
import { COUNTED_UNITS, sectorBars } from './dashboard';

/** One sector in one campaign, counted as the statistics workbook's 汇总 counts it. */
export interface SectorYear {
  units: number;
  submitted: number;
  onTime: number;
  /** The mean of the units' review means (counted reviews only), one decimal; null with none reviewed. */
  meanScore: number | null;
  honors: number;
}

interface ComparisonRow {
  sectorId: number | null;
  name: string;
  current: SectorYear;
  previous: SectorYear | null;
}

export interface YearComparison {
  year: number;
  /** The campaign run before this one (material received), null when this is the first. */
  previousYear: number | null;
  rows: ComparisonRow[];
  total: { current: SectorYear; previous: SectorYear | null };
}

const EMPTY: SectorYear = { units: 0, submitted: 0, onTime: 0, meanScore: null, honors: 0 };

type Counted = SectorYear & { scoreSum: number; scored: number };

/** The tables the counts read: kept until one of them is written, which review work never does. */
const COUNT_READS: readonly RecordTable[] = [
  'units',
  'sectors',
  'submissions',
  'intake_sources',
  'honors',
  'campaigns',
];

/** 概览's own sector counts (sectorBars), with each sector's 受表彰 and which sector each counted unit is in. */
function sectorCounts(orm: Orm, campaignId: number) {
  return memoUntilTablesChange(orm, `comparisonCounts:${campaignId}`, COUNT_READS, () => {
    const honors = new Map(
      orm
        .all<{ sector_id: number | null; n: number }>(
          sql`SELECT u.sector_id, count(*) AS n FROM honors h JOIN units u ON u.id = h.unit_id WHERE h.campaign_id = ${campaignId} AND ${COUNTED_UNITS} GROUP BY u.sector_id`,
        )
        .map((r) => [r.sector_id, r.n]),
    );
    const rows = sectorBars(orm, campaignId).map((b) => ({
      sectorId: b.sectorId,
      units: b.units,
      submitted: b.onTime + b.late,
      onTime: b.onTime,
      honors: honors.get(b.sectorId) ?? 0,
    }));
    const counted = new Map(
      orm
        .all<{ id: number; sector_id: number | null }>(
          sql`SELECT u.id, u.sector_id FROM units u WHERE ${COUNTED_UNITS}`,
        )
        .map((u) => [u.id, u.sector_id]),
    );
    return { rows, counted };
  });
}

/** One campaign by sector: the kept counts, and the mean scores from the (kept, caught up) aggregation. */
function bySector(orm: Orm, campaignId: number): Map<number | null, Counted> {
  const { rows, counted } = sectorCounts(orm, campaignId);
  const out = new Map<number | null, Counted>(
    rows.map(({ sectorId, ...r }) => [sectorId, { ...r, meanScore: null, scoreSum: 0, scored: 0 }]),
  );
  for (const result of aggregate(orm, campaignId)) {
    if (!counted.has(result.unitId)) continue;
    const usable = result.reviews.filter((r) => r.status === 'submitted' && !r.excluded);
    if (!usable.length) continue;
    const entry = out.get(counted.get(result.unitId)!);
    if (!entry) continue;
    entry.scoreSum += usable.reduce((n, r) => n + r.total, 0) / usable.length;
    entry.scored++;
  }
  for (const entry of out.values())
    entry.meanScore = entry.scored ? Math.round((entry.scoreSum / entry.scored) * 10) / 10 : null;
  return out;
}

function plain({ units, submitted, onTime, meanScore, honors }: SectorYear): SectorYear {
  return { units, submitted, onTime, meanScore, honors };
}

function sum(years: Counted[]): SectorYear {
  const scored = years.reduce((n, y) => n + y.scored, 0);
  return {
    units: years.reduce((n, y) => n + y.units, 0),
    submitted: years.reduce((n, y) => n + y.submitted, 0),
    onTime: years.reduce((n, y) => n + y.onTime, 0),
    honors: years.reduce((n, y) => n + y.honors, 0),
    meanScore: scored ? Math.round((years.reduce((n, y) => n + y.scoreSum, 0) / scored) * 10) / 10 : null,
  };
}

/**
 * This campaign beside the one run before it, sector by sector: units, 报送, 按时, the mean score
 * and 受表彰. Both years are counted on today's roster (in the roster, not 撤销), as the workbook's
 * 汇总 counts this year, so a change means the same collectives did better or worse.
 */
export function yearComparison(orm: Orm, campaign: Pick<Campaign, 'id' | 'year'>): YearComparison {
  const previousRun = runCampaigns(orm, campaign.year - 1).at(-1) ?? null;
  const current = bySector(orm, campaign.id);
  const previous = previousRun ? bySector(orm, previousRun.id) : null;
  const sectors = orm.all<{ id: number; name: string }>(sql`SELECT id, name FROM sectors ORDER BY position, id`);
  const named = new Map<number | null, string>(sectors.map((s) => [s.id, s.name]));
  const ids = [...sectors.map((s) => s.id as number | null), null].filter((id) => current.has(id) || previous?.has(id));
  return {
    year: campaign.year,
    previousYear: previousRun?.year ?? null,
    rows: ids.map((id) => ({
      sectorId: id,
      name: named.get(id) ?? '未分配系统',
      current: plain(current.get(id) ?? { ...EMPTY, scoreSum: 0, scored: 0 }),
      previous: previous ? plain(previous.get(id) ?? { ...EMPTY, scoreSum: 0, scored: 0 }) : null,
    })),
    total: { current: sum([...current.values()]), previous: previous ? sum([...previous.values()]) : null },
  };
}
