import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { chinaDay } from '../../common/chinaTime';
import { starLabel } from '../../common/standing';
import { UNIT_STATUS, UNIT_STATUSES, type UnitStatus } from '../../common/statuses';
import { officeUser, UNNAMED_USER } from '../audit/log';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { slices } from '../db/slices';
import { unitStarHistory, unitStatusHistory } from '../db/records';
import { units } from '../db/schema';

const reason = z.string().trim().min(2, '请写明理由（将写入该集体的动态记录）').max(500);

export const setStatusSchema = z.object({
  unitIds: z.array(z.number().int().positive()).min(1, '请至少选择一个集体').max(10_000),
  status: z.enum(UNIT_STATUSES, { message: '状态只能是在册、暂停或撤销' }),
  reason,
  /** The committee's decision date (China day); today when left out. */
  effectiveOn: z.iso.date().optional(),
});

export const setStarSchema = z.object({
  unitIds: z.array(z.number().int().positive()).min(1, '请至少选择一个集体').max(10_000),
  star: z.number().int().min(1).max(3).nullable(),
  reason,
});

export const undoSchema = z.object({ historyIds: z.array(z.number().int().positive()).min(1).max(10_000) });

function who(orm: Executor): string {
  return officeUser(orm as Orm) ?? UNNAMED_USER;
}

/** One change of standing, already decided: the row that says so (the caller updates the unit). */
export function recordStatusChange(
  orm: Executor,
  change: { unitId: number; previous: string; status: string; reason: string; effectiveOn?: string },
): number {
  return orm
    .insert(unitStatusHistory)
    .values({
      unitId: change.unitId,
      at: new Date().toISOString(),
      effectiveOn: change.effectiveOn ?? chinaDay(),
      previous: change.previous,
      status: change.status,
      reason: change.reason,
      by: who(orm),
    })
    .returning({ id: unitStatusHistory.id })
    .get().id;
}

interface Changed {
  unitId: number;
  name: string;
  previous: string;
  now: string;
  historyId: number;
}

/** 暂停 / 撤销 / 恢复在册 for several units at once, each with the same reason; units already so are left. */
export function setStatus(orm: Orm, input: z.output<typeof setStatusSchema>): { changed: Changed[] } {
  return orm.transaction((tx) => {
    const changed: Changed[] = [];
    for (const slice of slices(input.unitIds, 1)) {
      for (const u of tx
        .select({ id: units.id, name: units.name, status: units.status })
        .from(units)
        .where(inArray(units.id, slice))
        .all()) {
        if (u.status === input.status) continue;
        const historyId = recordStatusChange(tx, {
          unitId: u.id,
          previous: u.status,
          status: input.status,
          reason: input.reason,
          effectiveOn: input.effectiveOn,
        });
        tx.update(units)
          .set({ status: input.status as UnitStatus, updatedAt: new Date().toISOString() })
          .where(eq(units.id, u.id))
          .run();
        changed.push({ unitId: u.id, name: u.name, previous: u.status, now: input.status, historyId });
      }
    }
    if (!changed.length && input.unitIds.length)
      throw new DeskError('no-change', `所选集体已经是“${UNIT_STATUS[input.status]}”`);
    return { changed };
  });
}

export function setStar(orm: Orm, input: z.output<typeof setStarSchema>): { changed: Changed[] } {
  return orm.transaction((tx) => {
    const changed: Changed[] = [];
    const at = new Date().toISOString();
    for (const slice of slices(input.unitIds, 1)) {
      for (const u of tx
        .select({ id: units.id, name: units.name, star: units.starLevel })
        .from(units)
        .where(inArray(units.id, slice))
        .all()) {
        if (u.star === input.star) continue;
        const historyId = tx
          .insert(unitStarHistory)
          .values({ unitId: u.id, at, previous: u.star, star: input.star, reason: input.reason, by: who(tx) })
          .returning({ id: unitStarHistory.id })
          .get().id;
        tx.update(units).set({ starLevel: input.star, updatedAt: at }).where(eq(units.id, u.id)).run();
        changed.push({
          unitId: u.id,
          name: u.name,
          previous: starLabel(u.star),
          now: starLabel(input.star),
          historyId,
        });
      }
    }
    if (!changed.length) throw new DeskError('no-change', `所选集体已经是“${starLabel(input.star)}”`);
    return { changed };
  });
}

/**
 * 撤销 an action: each unit goes back to what it was before that change — if nothing changed
 * it since (a later change wins; undoing it is then refused by name). The undo is a change of
 * its own in the history, so nothing is ever erased.
 */
export function undoStatus(orm: Orm, historyIds: number[]): { changed: Changed[] } {
  return orm.transaction((tx) => {
    const changed: Changed[] = [];
    for (const slice of slices(historyIds, 1)) {
      for (const h of tx.select().from(unitStatusHistory).where(inArray(unitStatusHistory.id, slice)).all()) {
        const unit = tx
          .select({ name: units.name, status: units.status })
          .from(units)
          .where(eq(units.id, h.unitId))
          .get();
        if (!unit) continue;
        if (unit.status !== h.status)
          throw new DeskError(
            'changed-since',
            `“${unit.name}”的状态此后又改为“${UNIT_STATUS[unit.status as UnitStatus]}”，不能再撤销这一步`,
          );
        const historyId = recordStatusChange(tx, {
          unitId: h.unitId,
          previous: h.status,
          status: h.previous,
          reason: `撤销：${h.reason}`,
        });
        tx.update(units)
          .set({ status: h.previous as UnitStatus, updatedAt: new Date().toISOString() })
          .where(eq(units.id, h.unitId))
          .run();
        changed.push({ unitId: h.unitId, name: unit.name, previous: h.status, now: h.previous, historyId });
      }
    }
    return { changed };
  });
}

export function undoStar(orm: Orm, historyIds: number[]): { changed: Changed[] } {
  return orm.transaction((tx) => {
    const changed: Changed[] = [];
    const at = new Date().toISOString();
    for (const slice of slices(historyIds, 1)) {
      for (const h of tx.select().from(unitStarHistory).where(inArray(unitStarHistory.id, slice)).all()) {
        const unit = tx
          .select({ name: units.name, star: units.starLevel })
          .from(units)
          .where(eq(units.id, h.unitId))
          .get();
        if (!unit) continue;
        if (unit.star !== h.star)
          throw new DeskError(
            'changed-since',
            `“${unit.name}”的星级此后又改为“${starLabel(unit.star)}”，不能再撤销这一步`,
          );
        const historyId = tx
          .insert(unitStarHistory)
          .values({
            unitId: h.unitId,
            at,
            previous: h.star,
            star: h.previous,
            reason: `撤销：${h.reason}`,
            by: who(tx),
          })
          .returning({ id: unitStarHistory.id })
          .get().id;
        tx.update(units).set({ starLevel: h.previous, updatedAt: at }).where(eq(units.id, h.unitId)).run();
        changed.push({
          unitId: h.unitId,
          name: unit.name,
          previous: starLabel(h.star),
          now: starLabel(h.previous),
          historyId,
        });
      }
    }
    return { changed };
  });
}

export function statusHistoryOf(orm: Orm, unitId: number) {
  return orm
    .select()
    .from(unitStatusHistory)
    .where(eq(unitStatusHistory.unitId, unitId))
    .orderBy(desc(unitStatusHistory.at), desc(unitStatusHistory.id))
    .all();
}

export function starHistoryOf(orm: Orm, unitId: number) {
  return orm
    .select()
    .from(unitStarHistory)
    .where(and(eq(unitStarHistory.unitId, unitId)))
    .orderBy(desc(unitStarHistory.at), desc(unitStarHistory.id))
    .all();
}
