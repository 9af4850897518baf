import { z } from 'zod';
import { asc, eq, sql } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { reviewers, sectors, units } from '../db/schema';
import { matchSector, type KnownSector } from './sectorNames';
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
  aliases: string[];
  hidden: boolean;
  unitCount: number;
}

export function seedSectors(orm: Orm): void {
  const count =
    orm
      .select({ n: sql<number>`count(*)` })
      .from(sectors)
      .get()?.n ?? 0;
  if (count > 0) return;
  orm
    .insert(sectors)
    .values(NOTICE_SECTORS.map((name, position) => ({ name, position })))
    .run();
}

export function listSectors(orm: Orm): SectorRow[] {
  return orm
    .select({
      id: sectors.id,
      name: sectors.name,
      position: sectors.position,
      aliases: sectors.aliases,
      hidden: sectors.hidden,
      unitCount: sql<number>`(SELECT count(*) FROM units u WHERE u.sector_id = "sectors"."id" AND u.deleted_at IS NULL)`,
    })
    .from(sectors)
    .orderBy(asc(sectors.position), asc(sectors.id))
    .all()
    .map((s) => ({ ...s, aliases: s.aliases as string[] }));
}

/** Every sector with its aliases, for matching a sheet's names. */
export function knownSectors(orm: Executor): KnownSector[] {
  return orm
    .select({ id: sectors.id, name: sectors.name, aliases: sectors.aliases })
    .from(sectors)
    .all()
    .map((s) => ({ id: s.id, name: s.name, aliases: s.aliases as string[] }));
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
  const position =
    (orm
      .select({ p: sql<number>`coalesce(max(position), -1)` })
      .from(sectors)
      .get()?.p ?? -1) + 1;
  const row = orm.insert(sectors).values({ name, position }).returning().get();
  return { id: row.id, name: row.name, position: row.position, aliases: [], hidden: false, unitCount: 0 };
}

export function renameSector(orm: Orm, id: number, name: string): void {
  const clash = orm.select({ id: sectors.id }).from(sectors).where(eq(sectors.name, name)).get();
  if (clash && clash.id !== id)
    throw new DeskError(
      'duplicate-sector',
      `系统“${name}”已存在。要把这个系统的集体并入它，请用“合并到…”（原名会记为别名，以后导入的名册照样对得上）。`,
    );
  const result = orm.update(sectors).set({ name }).where(eq(sectors.id, id)).run();
  if (result.changes === 0) throw new DeskError('not-found', '该系统不存在或已被删除');
}

export function removeSector(orm: Orm, id: number): void {
  const inUse =
    orm
      .select({ n: sql<number>`count(*)` })
      .from(units)
      .where(sql`${units.sectorId} = ${id} AND ${units.deletedAt} IS NULL`)
      .get()?.n ?? 0;
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

/** Finds a sector by name or alias, creating it (at the end of the list) when an import names a new one. */
export function ensureSector(orm: Executor, name: string): { id: number; created: boolean } {
  const match = matchSector(name, knownSectors(orm));
  if (match.kind === 'exact' || match.kind === 'alias') return { id: match.sector.id, created: false };
  return { id: createSector(orm, name).id, created: true };
}

/** Remembers another name for a sector, so the next sheet that uses it maps without asking. */
export function addSectorAlias(orm: Executor, id: number, alias: string): void {
  const row = orm
    .select({ name: sectors.name, aliases: sectors.aliases })
    .from(sectors)
    .where(eq(sectors.id, id))
    .get();
  if (!row || row.name === alias || (row.aliases as string[]).includes(alias)) return;
  orm
    .update(sectors)
    .set({ aliases: [...(row.aliases as string[]), alias] })
    .where(eq(sectors.id, id))
    .run();
}

/**
 * 合并: `from`'s units (deleted ones too, for their undo), reviewers' 回避 and names move to `into`;
 * `from`'s name becomes an alias of `into`, so a later sheet that still says it maps there.
 */
export function mergeSectors(orm: Orm, fromId: number, intoId: number): { moved: number } {
  if (fromId === intoId) throw new DeskError('invalid-input', '不能把系统合并到它自己');
  const all = knownSectors(orm);
  const from = all.find((s) => s.id === fromId);
  const into = all.find((s) => s.id === intoId);
  if (!from || !into) throw new DeskError('not-found', '该系统不存在或已被删除');
  let moved = 0;
  orm.transaction((tx) => {
    moved = tx.update(units).set({ sectorId: intoId }).where(eq(units.sectorId, fromId)).run().changes;
    for (const r of tx.select({ id: reviewers.id, ids: reviewers.conflictSectorIds }).from(reviewers).all()) {
      const ids = r.ids as number[];
      if (ids.includes(fromId))
        tx.update(reviewers)
          .set({ conflictSectorIds: [...new Set(ids.map((x) => (x === fromId ? intoId : x)))] })
          .where(eq(reviewers.id, r.id))
          .run();
    }
    tx.delete(sectors).where(eq(sectors.id, fromId)).run();
    for (const alias of [from.name, ...from.aliases]) addSectorAlias(tx, intoId, alias);
  });
  return { moved };
}

/** 隐藏 a sector this office does not use; only one without units (a hidden sector must not hold any). */
export function setSectorHidden(orm: Orm, id: number, hidden: boolean): void {
  if (hidden) {
    const inUse =
      orm
        .select({ n: sql<number>`count(*)` })
        .from(units)
        .where(sql`${units.sectorId} = ${id} AND ${units.deletedAt} IS NULL`)
        .get()?.n ?? 0;
    if (inUse > 0)
      throw new DeskError('sector-in-use', `该系统下还有 ${inUse} 个集体，不能隐藏；可以把它合并到另一个系统`);
  }
  const result = orm.update(sectors).set({ hidden }).where(eq(sectors.id, id)).run();
  if (result.changes === 0) throw new DeskError('not-found', '该系统不存在或已被删除');
}
