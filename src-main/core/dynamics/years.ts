import { sql } from 'drizzle-orm';
import type { YearOutcome } from '../../common/standing';
import type { Orm } from '../db/open';

export interface UnitYear {
  year: number;
  outcome: YearOutcome;
  /** The office's final verdict (定级), null until decided. */
  verdict: string | null;
  score: number | null;
  honored: boolean;
  practice: boolean;
  reminders: number;
}

export interface RunCampaign {
  id: number;
  year: number;
}

/**
 * The campaigns the office ran in the app (any material received), up to `uptoYear`, oldest first:
 * a year created but never run tells nothing about who failed to send.
 */
export function runCampaigns(orm: Orm, uptoYear?: number): RunCampaign[] {
  return orm.all<RunCampaign>(sql`
    SELECT c.id, c.year FROM campaigns c
    WHERE EXISTS (SELECT 1 FROM submissions s WHERE s.campaign_id = c.id AND s.deleted_at IS NULL)
      AND (${uptoYear ?? null} IS NULL OR c.year <= ${uptoYear ?? null})
    ORDER BY c.year`);
}

/**
 * Every unit's record in every run campaign, from grouped queries (a handful, whatever the
 * size): unit id → year → outcome. A unit named after a campaign's year was not expected in it.
 */
export function unitYears(orm: Orm, campaigns: RunCampaign[], unitIds?: number[]): Map<number, UnitYear[]> {
  const byUnit = new Map<number, UnitYear[]>();
  if (!campaigns.length) return byUnit;
  const ids = campaigns.map((c) => c.id);
  const inCampaigns = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const idList = unitIds
    ? sql.join(
        unitIds.map((id) => sql`${id}`),
        sql`, `,
      )
    : null;
  const onlyUnits = idList ? sql`AND u.id IN (${idList})` : sql``;
  // For a few units (a unit's page, the 动态管理 list catching up), every query reads only theirs.
  const onlyRows = idList ? sql`AND unit_id IN (${idList})` : sql``;
  const units = orm.all<{ id: number; year_named: number | null }>(
    sql`SELECT u.id, u.year_named FROM units u WHERE u.deleted_at IS NULL ${onlyUnits}`,
  );
  const key = (unit: number, campaign: number) => `${unit}:${campaign}`;
  const sent = new Map(
    orm
      .all<{
        unit_id: number;
        campaign_id: number;
        late: number;
        verdict: string | null;
        score: number | null;
        practice: number;
      }>(
        sql`
        SELECT s.unit_id, s.campaign_id, s.late, d.verdict, d.score, (p.submission_id IS NOT NULL) AS practice
        FROM submissions s LEFT JOIN decisions d ON d.submission_id = s.id LEFT JOIN practices p ON p.submission_id = s.id
        WHERE s.campaign_id IN (${inCampaigns}) AND s.is_current = 1 AND s.deleted_at IS NULL AND s.unit_id IS NOT NULL ${idList ? sql`AND s.unit_id IN (${idList})` : sql``}`,
      )
      .map((r) => [key(r.unit_id, r.campaign_id), r]),
  );
  const refused = new Set(
    orm
      .all<{ k: string }>(
        sql`SELECT DISTINCT unit_id || ':' || campaign_id AS k FROM intake_sources WHERE campaign_id IN (${inCampaigns}) AND status = 'rejected' AND unit_id IS NOT NULL ${onlyRows}`,
      )
      .map((r) => r.k),
  );
  const honored = new Set(
    orm
      .all<{ k: string }>(
        sql`SELECT unit_id || ':' || campaign_id AS k FROM honors WHERE campaign_id IN (${inCampaigns}) ${onlyRows}`,
      )
      .map((r) => r.k),
  );
  const reminded = new Map(
    orm
      .all<{ k: string; n: number }>(
        sql`SELECT unit_id || ':' || campaign_id AS k, count(*) AS n FROM reminders WHERE campaign_id IN (${inCampaigns}) AND status IN ('sent', 'drafted') ${onlyRows} GROUP BY k`,
      )
      .map((r) => [r.k, r.n]),
  );
  for (const u of units) {
    const years: UnitYear[] = [];
    for (const c of campaigns) {
      if (u.year_named !== null && u.year_named > c.year) continue;
      const k = key(u.id, c.id);
      const s = sent.get(k);
      const outcome: YearOutcome = s ? (s.late ? 'late' : 'onTime') : refused.has(k) ? 'refused' : 'missing';
      years.push({
        year: c.year,
        outcome,
        verdict: s?.verdict ?? null,
        score: s?.score ?? null,
        honored: honored.has(k),
        practice: !!s?.practice,
        reminders: reminded.get(k) ?? 0,
      });
    }
    byUnit.set(u.id, years);
  }
  return byUnit;
}
