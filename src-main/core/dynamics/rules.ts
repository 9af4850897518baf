import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { UNIT_STATUS, type UnitStatus } from '../../common/statuses';
import type { Orm } from '../db/open';
import { readSetting, writeSetting } from '../db/settings';
import { starLabel, YEAR_OUTCOME, type Suggestion } from '../../common/standing';
import { runCampaigns, unitYears, type RunCampaign, type UnitYear } from './years';

/**
 * The office's rules from the 2022《青年文明号活动管理办法》(警告提醒, 调整星级, 撤销称号), as
 * settings it may tune: how many years in a row, and which verdict counts.
 */
export const rulesSchema = z.object({
  missing: z.object({ enabled: z.boolean(), years: z.number().int().min(2).max(5) }),
  late: z.object({ enabled: z.boolean(), years: z.number().int().min(2).max(5) }),
  failed: z.object({
    enabled: z.boolean(),
    years: z.number().int().min(2).max(5),
    verdict: z.string().trim().min(1).max(10),
  }),
  excellent: z.object({
    enabled: z.boolean(),
    years: z.number().int().min(2).max(5),
    verdict: z.string().trim().min(1).max(10),
  }),
  revokedIntake: z.object({ enabled: z.boolean() }),
});
export type Rules = z.output<typeof rulesSchema>;

const DEFAULT_RULES: Rules = {
  missing: { enabled: true, years: 2 },
  late: { enabled: true, years: 2 },
  failed: { enabled: true, years: 2, verdict: '不合格' },
  excellent: { enabled: true, years: 3, verdict: '优秀' },
  revokedIntake: { enabled: true },
};

const KEY = 'dynamics.rules';

export function readRules(orm: Orm): Rules {
  const parsed = rulesSchema.safeParse(readSetting(orm, KEY));
  return parsed.success ? parsed.data : DEFAULT_RULES;
}

export function writeRules(orm: Orm, rules: Rules): Rules {
  writeSetting(orm, KEY, rules);
  return rules;
}

export interface Flag {
  unitId: number;
  unitName: string;
  sector: string;
  status: UnitStatus;
  star: number | null;
  rule: keyof Rules;
  /** The rule in the office's words: 连续 2 年未报送. */
  label: string;
  suggestion: Suggestion;
  /** The years behind it: 2021 未报送、2022 未报送. */
  evidence: string;
}

/**
 * The last `n` campaigns the unit was expected in, when they are `n` consecutive years ending with the newest run one.
 */
function lastYears(years: UnitYear[], n: number, newest: number): UnitYear[] | null {
  const tail = years.slice(-n);
  if (tail.length < n || tail.at(-1)!.year !== newest) return null;
  return tail.every((y, i) => i === 0 || y.year === tail[i - 1]!.year + 1) ? tail : null;
}

const describe = (years: UnitYear[], what: (y: UnitYear) => string) =>
  years.map((y) => `${y.year} ${what(y)}`).join('、');

/**
 * The campaigns the rules look back over (a few years at most: reading every campaign ever run would only cost time).
 */
export function rulesWindow(orm: Orm, rules: Rules, uptoYear?: number): RunCampaign[] {
  const lookBack = Math.max(
    1,
    ...(['missing', 'late', 'failed', 'excellent'] as const).filter((r) => rules[r].enabled).map((r) => rules[r].years),
  );
  return runCampaigns(orm, uptoYear).slice(-lookBack);
}

/**
 * The 动态管理 list: every unit the rules select, as of the campaign `uptoYear` (default: the
 * newest run one). Revoked units are asked about only by the intake rule. `unitIds`: only these
 * units (the kept list catching up on the units that changed, flagCache.ts).
 */
export function evaluateRules(
  orm: Orm,
  rules: Rules,
  uptoYear?: number,
  unitIds?: number[],
): { asOf: number | null; flags: Flag[] } {
  const campaigns = rulesWindow(orm, rules, uptoYear);
  const newest = campaigns.at(-1);
  if (!newest) return { asOf: null, flags: [] };
  const years = unitYears(orm, campaigns, unitIds);
  const only = unitIds
    ? sql`AND u.id IN (${sql.join(
        unitIds.map((id) => sql`${id}`),
        sql`, `,
      )})`
    : sql``;
  const roster = orm.all<{
    id: number;
    name: string;
    sector: string | null;
    status: UnitStatus;
    star: number | null;
  }>(sql`
    SELECT u.id, u.name, sec.name AS sector, u.status, u.star_level AS star FROM units u LEFT JOIN sectors sec ON sec.id = u.sector_id
    WHERE u.deleted_at IS NULL ${only} ORDER BY coalesce(sec.position, 1e9), u.id`);
  const flags: Flag[] = [];
  const revokedSent = new Set(
    // Material received after the revocation took effect (any, for a unit the roster says was revoked without a
    // recorded date).
    orm
      .all<{ unit_id: number }>(
        sql`
        SELECT DISTINCT s.unit_id FROM submissions s JOIN units u ON u.id = s.unit_id
        WHERE s.campaign_id = ${newest.id} AND s.deleted_at IS NULL AND u.status = 'revoked' ${only}
          AND s.received_at >= coalesce((SELECT max(h.effective_on) FROM unit_status_history h WHERE h.unit_id = u.id AND h.status = 'revoked'), '')`,
      )
      .map((r) => r.unit_id),
  );
  for (const u of roster) {
    const base = { unitId: u.id, unitName: u.name, sector: u.sector ?? '未分配系统', status: u.status, star: u.star };
    const record = years.get(u.id) ?? [];
    if (u.status === 'revoked') {
      if (rules.revokedIntake.enabled && revokedSent.has(u.id))
        flags.push({
          ...base,
          rule: 'revokedIntake',
          label: '已撤销称号，仍收到材料',
          suggestion: 'checkIntake',
          evidence: `${newest.year} 年度收到材料；状态：${UNIT_STATUS.revoked}`,
        });
      continue;
    }
    const check = (
      rule: 'missing' | 'late' | 'failed' | 'excellent',
      test: (y: UnitYear) => boolean,
      label: string,
      suggestion: Suggestion,
      what: (y: UnitYear) => string,
    ) => {
      const r = rules[rule];
      if (!r.enabled) return;
      const tail = lastYears(record, r.years, newest.year);
      if (tail && tail.every(test)) flags.push({ ...base, rule, label, suggestion, evidence: describe(tail, what) });
    };
    const outcome = (y: UnitYear) => YEAR_OUTCOME[y.outcome];
    check(
      'missing',
      (y) => y.outcome === 'missing' || y.outcome === 'refused',
      `连续 ${rules.missing.years} 年未报送`,
      'remind',
      outcome,
    );
    check('late', (y) => y.outcome === 'late', `连续 ${rules.late.years} 年逾期报送`, 'remind', outcome);
    check(
      'failed',
      (y) => y.verdict === rules.failed.verdict,
      `连续 ${rules.failed.years} 年“${rules.failed.verdict}”`,
      'revoke',
      (y) => y.verdict ?? '未定级',
    );
    if ((u.star ?? 0) < 3)
      check(
        'excellent',
        (y) => y.verdict === rules.excellent.verdict,
        `连续 ${rules.excellent.years} 年“${rules.excellent.verdict}”，现为${starLabel(u.star)}`,
        'raiseStar',
        (y) => y.verdict ?? '未定级',
      );
  }
  return { asOf: newest.year, flags };
}
