import { z } from 'zod';
import { and, eq, inArray, isNull, isNotNull, sql, type SQL } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { sectors, unitAliases, units } from '../db/schema';
import { buildSearchText, toHalfWidth } from '../text/normalize';
import { LEVELS, STATUSES, type Level, type Status, type UnitFields } from './fields';
import { insertAll, slices } from '../db/slices';
import { recordStatusChange } from '../dynamics/history';

export interface Unit {
  id: number;
  name: string;
  sectorId: number | null;
  sectorName: string | null;
  level: Level | null;
  yearNamed: number | null;
  status: Status;
  contact: string | null;
  phone: string | null;
  email: string | null;
  aliases: string[];
  notes: string | null;
  updatedAt: string;
}

export const unitQuerySchema = z.object({
  search: z.string().max(100).optional(),
  sectorIds: z.array(z.number().int()).optional(),
  levels: z.array(z.enum(LEVELS)).optional(),
  statuses: z.array(z.enum(STATUSES)).optional(),
});
export type UnitQuery = z.output<typeof unitQuerySchema>;

const ALIAS_SEP = '\u001f';

const unitColumns = {
  id: units.id,
  name: units.name,
  sectorId: units.sectorId,
  sectorName: sectors.name,
  level: units.level,
  yearNamed: units.yearNamed,
  status: units.status,
  contact: units.contact,
  phone: units.phone,
  email: units.email,
  notes: units.notes,
  updatedAt: units.updatedAt,
  aliasList: sql<
    string | null
  >`(SELECT group_concat(alias, ${ALIAS_SEP}) FROM unit_aliases a WHERE a.unit_id = "units"."id")`,
};

type UnitRow = { [K in keyof typeof unitColumns]: unknown } & { aliasList: string | null };

function toUnit(row: UnitRow): Unit {
  const { aliasList, ...rest } = row;
  return { ...(rest as Omit<Unit, 'aliases'>), aliases: aliasList ? aliasList.split(ALIAS_SEP) : [] };
}

export function listUnits(orm: Executor, query: UnitQuery = {}): Unit[] {
  const where: SQL[] = [isNull(units.deletedAt)];
  for (const term of toHalfWidth(query.search ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)) {
    where.push(sql`instr(${units.searchText}, ${term}) > 0`);
  }
  if (query.sectorIds?.length) where.push(inArray(units.sectorId, query.sectorIds));
  if (query.levels?.length) where.push(inArray(units.level, query.levels));
  if (query.statuses?.length) where.push(inArray(units.status, query.statuses));
  return orm
    .select(unitColumns)
    .from(units)
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(and(...where))
    .orderBy(sql`coalesce(${sectors.position}, 1e9)`, units.id)
    .all()
    .map(toUnit);
}

export function getUnit(orm: Executor, id: number): Unit {
  const row = orm
    .select(unitColumns)
    .from(units)
    .leftJoin(sectors, eq(units.sectorId, sectors.id))
    .where(and(eq(units.id, id), isNull(units.deletedAt)))
    .get();
  if (!row) throw new DeskError('not-found', '该集体不存在或已被删除');
  return toUnit(row);
}

export function findLiveUnitByName(orm: Executor, name: string): { id: number } | undefined {
  return orm
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.name, name), isNull(units.deletedAt)))
    .get();
}

function assertNameFree(orm: Orm, name: string, exceptId?: number): void {
  const clash = findLiveUnitByName(orm, name);
  if (clash && clash.id !== exceptId)
    throw new DeskError('duplicate-name', `名册中已有名为“${name}”的集体`, { field: 'name' });
}

function assertSector(orm: Orm, sectorId: number | null): void {
  if (sectorId === null) return;
  if (!orm.select({ id: sectors.id }).from(sectors).where(eq(sectors.id, sectorId)).get()) {
    throw new DeskError('not-found', '所选系统不存在，请刷新后重新选择', { field: 'sectorId' });
  }
}

function now(): string {
  return new Date().toISOString();
}

/**
 * Writes a unit's columns and aliases; used by the form and by the import, inside their
 * transaction. A changed 状态 enters the unit's status history (动态管理), with `statusReason`.
 */
export function writeUnit(orm: Executor, fields: UnitFields, id?: number, statusReason = '在名册中修改'): number {
  const { aliases, ...columns } = fields;
  const searchText = buildSearchText({
    name: fields.name,
    aliases,
    contact: fields.contact,
    phone: fields.phone,
    email: fields.email,
  });
  let unitId: number;
  if (id === undefined) {
    unitId = orm
      .insert(units)
      .values({ ...columns, searchText })
      .returning({ id: units.id })
      .get().id;
  } else {
    const before = orm.select({ status: units.status }).from(units).where(eq(units.id, id)).get();
    if (before && before.status !== fields.status)
      recordStatusChange(orm, { unitId: id, previous: before.status, status: fields.status, reason: statusReason });
    orm
      .update(units)
      .set({ ...columns, searchText, updatedAt: now() })
      .where(eq(units.id, id))
      .run();
    unitId = id;
    orm.delete(unitAliases).where(eq(unitAliases.unitId, id)).run();
  }
  const distinct = aliases.filter((a) => a !== fields.name);
  insertAll(
    orm,
    unitAliases,
    distinct.map((alias) => ({ unitId, alias })),
  );
  return unitId;
}

export function createUnit(orm: Orm, fields: UnitFields): Unit {
  assertNameFree(orm, fields.name);
  assertSector(orm, fields.sectorId);
  const id = orm.transaction((tx) => writeUnit(tx, fields));
  return getUnit(orm, id);
}

export function updateUnit(orm: Orm, id: number, fields: UnitFields): Unit {
  getUnit(orm, id);
  assertNameFree(orm, fields.name, id);
  assertSector(orm, fields.sectorId);
  orm.transaction((tx) => writeUnit(tx, fields, id));
  return getUnit(orm, id);
}

/**
 * Soft delete: rows stay so `restoreUnits` can undo it. Any number of ids, a slice per statement, all in one
 * transaction.
 */
export function removeUnits(orm: Orm, ids: number[]): { removed: number[] } {
  const stampNow = now();
  return orm.transaction((tx) => {
    const live = slices(ids, 1).flatMap((slice) =>
      tx
        .select({ id: units.id })
        .from(units)
        .where(and(inArray(units.id, slice), isNull(units.deletedAt)))
        .all()
        .map((r) => r.id),
    );
    for (const slice of slices(live, 2))
      tx.update(units).set({ deletedAt: stampNow }).where(inArray(units.id, slice)).run();
    return { removed: live };
  });
}

export function restoreUnits(orm: Orm, ids: number[]): { restored: number[] } {
  return orm.transaction((tx) => {
    const gone = slices(ids, 1).flatMap((slice) =>
      tx
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(and(inArray(units.id, slice), isNotNull(units.deletedAt)))
        .all(),
    );
    for (const unit of gone) {
      if (findLiveUnitByName(tx, unit.name)) {
        throw new DeskError('duplicate-name', `无法撤销：名册中已有同名集体“${unit.name}”`);
      }
    }
    const restoredAt = now();
    for (const slice of slices(
      gone.map((u) => u.id),
      2,
    ))
      tx.update(units).set({ deletedAt: null, updatedAt: restoredAt }).where(inArray(units.id, slice)).run();
    return { restored: gone.map((u) => u.id) };
  });
}

export function countUnits(orm: Orm): {
  total: number;
  byStatus: Partial<Record<Status, number>>;
  byLevel: Record<string, number>;
} {
  const rows = orm
    .select({ status: units.status, level: units.level, n: sql<number>`count(*)` })
    .from(units)
    .where(isNull(units.deletedAt))
    .groupBy(units.status, units.level)
    .all();
  const byStatus: Partial<Record<Status, number>> = {};
  const byLevel: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    total += r.n;
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    const level = r.level ?? '未填';
    byLevel[level] = (byLevel[level] ?? 0) + r.n;
  }
  return { total, byStatus, byLevel };
}
