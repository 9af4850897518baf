import type { Executor } from '../../db/open';
import { unitFieldsSchema, type UnitFields } from '../fields';
import { addSectorAlias, ensureSector } from '../sectors';
import { getUnit, writeUnit } from '../units';
import type { ImportPlan, ImportRecord } from './analyze';

function merge(
  record: ImportRecord,
  sectorId: number | null | undefined,
  existing?: ReturnType<typeof getUnit>,
): UnitFields {
  const pick = <T>(value: T | undefined, fallback: T): T => (value === undefined ? fallback : value);
  return unitFieldsSchema.parse({
    name: record.name,
    sectorId: sectorId === undefined ? (existing?.sectorId ?? null) : sectorId,
    level: pick(record.level, existing?.level ?? null),
    yearNamed: pick(record.yearNamed, existing?.yearNamed ?? null),
    status: record.status ?? existing?.status ?? 'active',
    contact: pick(record.contact, existing?.contact ?? null),
    phone: pick(record.phone, existing?.phone ?? null),
    email: pick(record.email, existing?.email ?? null),
    // Aliases accumulate: ones learnt from claimed mail must survive a re-import of the sheet.
    aliases: [...new Set([...(existing?.aliases ?? []), ...(record.aliases ?? [])])],
    notes: pick(record.notes, existing?.notes ?? null),
  });
}

/** Applies a plan's creates and updates; the caller wraps it in one transaction. */
export function applyPlan(
  tx: Executor,
  plan: ImportPlan,
  onProgress: (done: number, total: number) => void,
): { sectorsCreated: string[] } {
  const sectorsCreated: string[] = [];
  const sectorIds = new Map<string, number>();
  // Sheet names that resolve to an existing sector under another name are remembered as its aliases.
  for (const r of plan.sectors) {
    if (r.sectorId === null) continue;
    sectorIds.set(r.sectorName, r.sectorId);
    if (r.name !== r.sectorName) addSectorAlias(tx, r.sectorId, r.name);
  }
  const sectorFor = (name: string | null | undefined): number | null | undefined => {
    if (name === undefined) return undefined;
    if (name === null) return null;
    let id = sectorIds.get(name);
    if (id === undefined) {
      const ensured = ensureSector(tx, name);
      if (ensured.created) sectorsCreated.push(name);
      id = ensured.id;
      sectorIds.set(name, id);
    }
    return id;
  };
  const work = plan.changes.filter((c) => c.action !== 'unchanged');
  work.forEach((change, index) => {
    const existing = change.unitId === undefined ? undefined : getUnit(tx, change.unitId);
    writeUnit(tx, merge(change.record, sectorFor(change.record.sector), existing), change.unitId, '名册导入');
    if (index % 250 === 0 || index === work.length - 1) onProgress(index + 1, work.length);
  });
  return { sectorsCreated };
}
