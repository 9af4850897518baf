import { z } from 'zod';
import { asc, eq, sql } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { sectors, units } from '../db/schema';
import { cleanCell } from '../text/normalize';

/** The notice's recipients, in its order: the roster's sectors on a new data folder. */
export const NOTICE_SECTORS = [
  '市组委会成员单位',
  '县区团委',
  '市直机关团工委',
  '柳东新区团工委',
  '阳和工业新区（北部生态新区）团工委',
  '金融团工委',
  '非公企业团工委',
  '教育团工委',
  '基层单位团组织',
];

export interface SectorRow {
  id: number;
  name: string;
  position: number;
  unitCount: number;
}

export function seedSectors(orm: Orm): void {
  const count = orm.select({ n: sql<number>`count(*)` }).from(sectors).get()?.n ?? 0;
  if (count > 0) return;
  orm.insert(sectors).values(NOTICE_SECTORS.map((name, position) => ({ name, position }))).run();
}

export function listSectors(orm: Orm): SectorRow[] {
  return orm
    .select({
      id: sectors.id,
      name: sectors.name,
      position: sectors.position,
      unitCount: sql<number>`(SELECT count(*) FROM units u WHERE u.sector_id = "sectors"."id" AND u.deleted_at IS NULL)`,
    })
    .from(sectors)
    .orderBy(asc(sectors.position), asc(sectors.id))
    .all();
}

export const sectorNameSchema = z
  .string()
  .transform((v) => cleanCell(v))
  .pipe(z.string().min(1, '请填写系统名称').max(50, '系统名称过长'));

function assertFreeName(orm: Executor, name: string, exceptId?: number): void {
  const clash = orm.select({ id: sectors.id }).from(sectors).where(eq(sectors.name, name)).get();
  if (clash && clash.id !== exceptId) throw new DeskError('duplicate-sector', `系统“${name}”已存在`);
}

export function createSector(orm: Executor, name: string): SectorRow {
  assertFreeName(orm, name);
  const position = (orm.select({ p: sql<number>`coalesce(max(position), -1)` }).from(sectors).get()?.p ?? -1) + 1;
  const row = orm.insert(sectors).values({ name, position }).returning().get();
  return { ...row, unitCount: 0 };
}

export function renameSector(orm: Orm, id: number, name: string): void {
  assertFreeName(orm, name, id);
  const result = orm.update(sectors).set({ name }).where(eq(sectors.id, id)).run();
  if (result.changes === 0) throw new DeskError('not-found', '该系统不存在或已被删除');
}

export function removeSector(orm: Orm, id: number): void {
  const inUse = orm.select({ n: sql<number>`count(*)` }).from(units).where(sql`${units.sectorId} = ${id} AND ${units.deletedAt} IS NULL`).get()?.n ?? 0;
  if (inUse > 0) throw new DeskError('sector-in-use', `该系统下还有 ${inUse} 个集体，请先把它们调整到其他系统再删除`);
  orm.transaction((tx) => {
    // Deleted units keep their rows for undo; detach them so the sector can go.
    tx.update(units).set({ sectorId: null }).where(eq(units.sectorId, id)).run();
    tx.delete(sectors).where(eq(sectors.id, id)).run();
  });
}

export function reorderSectors(orm: Orm, ids: number[]): void {
  orm.transaction((tx) => {
    ids.forEach((id, position) => tx.update(sectors).set({ position }).where(eq(sectors.id, id)).run());
  });
}

/** Finds a sector by name, creating it (at the end of the list) when an import names a new one. */
export function ensureSector(orm: Executor, name: string): { id: number; created: boolean } {
  const found = orm.select({ id: sectors.id }).from(sectors).where(eq(sectors.name, name)).get();
  if (found) return { id: found.id, created: false };
  return { id: createSector(orm, name).id, created: true };
}
