import { inArray, sql } from 'drizzle-orm';
import type { UnitStatus } from '../../common/statuses';
import type { Orm } from '../db/open';
import { flagCache, flagDirty } from '../db/derived';
import { readSetting, writeSetting } from '../db/settings';
import { evaluateRules, rulesWindow, type Flag, type Rules } from './rules';

const STATE = 'dynamics.flagCache';

/** Past this many changed units the whole list is worked out again: one pass beats a long IN list. */
const CATCH_UP_LIMIT = 2000;

/** The order evaluateRules lists a unit's flags in. */
const RULE_ORDER = sql`CASE c.rule WHEN 'revokedIntake' THEN 0 WHEN 'missing' THEN 1 WHEN 'late' THEN 2 WHEN 'failed' THEN 3 ELSE 4 END`;

function store(orm: Orm, flags: Flag[]): void {
  for (let i = 0; i < flags.length; i += 500) {
    orm
      .insert(flagCache)
      .values(
        flags.slice(i, i + 500).map((f) => ({
          unitId: f.unitId,
          rule: f.rule,
          label: f.label,
          suggestion: f.suggestion,
          evidence: f.evidence,
        })),
      )
      .run();
  }
}

/**
 * The 动态管理 list for the newest run campaign, kept in the file: worked out in full when the rules
 * or the campaigns they look back over change, and otherwise only for the units whose records
 * changed since (triggers mark them in `flag_dirty`). One immediate transaction, so a writer cannot
 * mark a unit between the list being worked out and the marks being cleared. Reading it costs the
 * list's length, not the roster's: 5,000 units and 25,000 submissions are not read again for one
 * changed decision.
 */
export function keptFlags(orm: Orm, rules: Rules): { asOf: number | null; flags: Flag[] } {
  return orm.transaction((tx) => {
    const window = rulesWindow(tx, rules);
    const asOf = window.at(-1)?.year ?? null;
    const key = JSON.stringify({ rules, window });
    const dirty = tx
      .select({ unitId: flagDirty.unitId })
      .from(flagDirty)
      .all()
      .map((d) => d.unitId);
    if (readSetting(tx, STATE) !== key || dirty.length > CATCH_UP_LIMIT) {
      tx.delete(flagCache).run();
      tx.delete(flagDirty).run();
      store(tx, evaluateRules(tx, rules).flags);
      writeSetting(tx, STATE, key);
    } else if (dirty.length) {
      tx.delete(flagCache).where(inArray(flagCache.unitId, dirty)).run();
      tx.delete(flagDirty).where(inArray(flagDirty.unitId, dirty)).run();
      store(tx, evaluateRules(tx, rules, undefined, dirty).flags);
    }
    const flags = tx.all<{
      unitId: number;
      unitName: string;
      sector: string | null;
      status: UnitStatus;
      star: number | null;
      rule: Flag['rule'];
      label: string;
      suggestion: Flag['suggestion'];
      evidence: string;
    }>(sql`
      SELECT c.unit_id AS unitId, u.name AS unitName, sec.name AS sector, u.status, u.star_level AS star, c.rule, c.label, c.suggestion, c.evidence
      FROM flag_cache c JOIN units u ON u.id = c.unit_id LEFT JOIN sectors sec ON sec.id = u.sector_id
      ORDER BY coalesce(sec.position, 1e9), u.id, ${RULE_ORDER}`);
    return { asOf, flags: flags.map((f) => ({ ...f, sector: f.sector ?? '未分配系统' })) };
  });
}
