import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Orm } from '../db/open';
import { honors, sectors, settings, units } from '../db/schema';
import { aggregate } from '../review/aggregate';
import { insertAll } from '../db/slices';

export const honorRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('verdict'), verdicts: z.array(z.string().min(1)).min(1, '请至少选择一个等次') }),
  z.object({ type: z.literal('score'), min: z.number().min(0).max(1000) }),
  z.object({ type: z.literal('quota'), perSector: z.number().int().min(1).max(1000) }),
  z.object({ type: z.literal('hand') }),
]);
export type HonorRule = z.output<typeof honorRuleSchema>;

export const handChangeSchema = z.object({
  unitId: z.number().int().positive(),
  include: z.boolean(),
  reason: z.string().trim().max(500).default(''),
});
export type HandChange = z.output<typeof handChangeSchema>;

export interface Candidate {
  unitId: number;
  unitName: string;
  sector: string;
  sectorPosition: number;
  score: number | null;
  verdict: string | null;
  /** Why this unit cannot be commended without an explicit override and reason. */
  blocked: string | null;
  byRule: boolean;
  included: boolean;
  basis: 'rule' | 'hand' | null;
  reason: string;
}

const ruleKey = (campaignId: number) => `honors.rule.${campaignId}`;

/** Every reviewed unit, with what the rule says and what stops it (a veto, an unresolved 有分歧). */
export function candidates(orm: Orm, campaignId: number, rule: HonorRule, hand: HandChange[] = []): Candidate[] {
  const order = new Map(
    orm
      .select({ id: units.id, position: sectors.position })
      .from(units)
      .leftJoin(sectors, eq(units.sectorId, sectors.id))
      .all()
      .map((u) => [u.id, u.position ?? 1e9]),
  );
  const list = aggregate(orm, campaignId).filter((r) => r.count > 0 || r.decision);
  const rows: Candidate[] = list.map((r) => {
    const usable = r.reviews.filter((x) => x.status === 'submitted' && !x.excluded);
    const vetoed = usable.some((x) => x.vetoed);
    const blocked = vetoed ? '有评审人触发一票否决' : r.disputed && !r.decision ? '评审有分歧，尚未定级' : null;
    return {
      unitId: r.unitId,
      unitName: r.unitName,
      sector: r.sectorName ?? '未分配系统',
      sectorPosition: order.get(r.unitId) ?? 1e9,
      score: r.decision?.score ?? r.mean,
      verdict: r.decision?.verdict ?? r.suggestedVerdict,
      blocked,
      byRule: false,
      included: false,
      basis: null,
      reason: '',
    };
  });
  const eligible = rows.filter((c) => !c.blocked);
  if (rule.type === 'verdict') eligible.forEach((c) => (c.byRule = !!c.verdict && rule.verdicts.includes(c.verdict)));
  if (rule.type === 'score') eligible.forEach((c) => (c.byRule = c.score !== null && c.score >= rule.min));
  if (rule.type === 'quota') {
    for (const sector of new Set(eligible.map((c) => c.sector))) {
      eligible
        .filter((c) => c.sector === sector && c.score !== null)
        .sort((a, b) => b.score! - a.score!)
        .slice(0, rule.perSector)
        .forEach((c) => (c.byRule = true));
    }
  }
  for (const c of rows) {
    c.included = c.byRule;
    c.basis = c.byRule ? 'rule' : null;
  }
  for (const change of hand) {
    const c = rows.find((r) => r.unitId === change.unitId);
    if (!c) throw new DeskError('not-found', '该集体没有可用的评审结果，不能列入表彰');
    if (change.include && c.blocked && change.reason.length < 2)
      throw new DeskError('override-needs-reason', `“${c.unitName}”${c.blocked}，列入表彰需写明理由`);
    if (change.include !== c.included && change.reason.length < 2)
      throw new DeskError('override-needs-reason', `调整“${c.unitName}”需写明理由`);
    c.included = change.include;
    c.basis = 'hand';
    c.reason = change.reason;
  }
  return rows.sort((a, b) => a.sectorPosition - b.sectorPosition || (b.score ?? 0) - (a.score ?? 0));
}

/** Records the decision: the rule and every hand change with its reason; replaces any earlier one. */
export function decideHonors(orm: Orm, campaignId: number, rule: HonorRule, hand: HandChange[]) {
  const list = candidates(orm, campaignId, rule, hand);
  const now = new Date().toISOString();
  orm.transaction((tx) => {
    tx.delete(honors).where(eq(honors.campaignId, campaignId)).run();
    const chosen = list.filter((c) => c.included);
    insertAll(
      tx,
      honors,
      chosen.map((c) => ({ campaignId, unitId: c.unitId, basis: c.basis ?? 'rule', reason: c.reason, decidedAt: now })),
    );
    const value = { rule, hand, decidedAt: now };
    tx.insert(settings)
      .values({ key: ruleKey(campaignId), value })
      .onConflictDoUpdate({ target: settings.key, set: { value } })
      .run();
  });
  return { commended: list.filter((c) => c.included).length, candidates: list.length };
}

/** The commended units, grouped by sector in the roster's sector order. */
export function commendedList(orm: Orm, campaignId: number): Array<{ sector: string; names: string[] }> {
  const rows = orm
    .select({ name: units.name, sector: sectors.name, position: sectors.position, unitId: units.id })
    .from(honors)
    .innerJoin(units, eq(honors.unitId, units.id))
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(eq(honors.campaignId, campaignId))
    .orderBy(asc(sectors.position), asc(units.id))
    .all();
  const groups = new Map<string, string[]>();
  for (const r of rows) {
    const key = r.sector ?? '未分配系统';
    groups.set(key, [...(groups.get(key) ?? []), r.name]);
  }
  return [...groups].map(([sector, names]) => ({ sector, names }));
}

export function savedRule(orm: Orm, campaignId: number): { rule: HonorRule; hand: HandChange[] } | null {
  const row = orm
    .select()
    .from(settings)
    .where(eq(settings.key, ruleKey(campaignId)))
    .get();
  return (row?.value as { rule: HonorRule; hand: HandChange[] } | undefined) ?? null;
}

/**
 * Commended units whose standing is not settled: a decision that no longer rests on what it was
 * made from (需重新定级), none at all, or reviews still owed. The list is not printed over them
 * without the office's explicit word.
 */
export function unsettledHonors(orm: Orm, campaignId: number): Array<{ unitName: string; why: string }> {
  const listed = new Set(
    orm
      .select({ unitId: honors.unitId })
      .from(honors)
      .where(eq(honors.campaignId, campaignId))
      .all()
      .map((h) => h.unitId),
  );
  if (!listed.size) return [];
  return aggregate(orm, campaignId)
    .filter((r) => listed.has(r.unitId))
    .flatMap((r) => {
      const why = r.decision?.stale
        ? `需重新定级（${r.decision.staleReasons.join('；')}）`
        : !r.decision
          ? r.agreement === '未评完'
            ? `尚未定级，评审未完（还差 ${r.pending} 份）`
            : '尚未定级'
          : null;
      return why ? [{ unitName: r.unitName, why }] : [];
    });
}
