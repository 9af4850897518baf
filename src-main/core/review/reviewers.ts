import { z } from 'zod';
import { asc, eq } from 'drizzle-orm';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { reviewers } from '../db/schema';
import { cleanCell } from '../text/normalize';

export interface Reviewer {
  id: number;
  name: string;
  conflictSectorIds: number[];
  conflictUnitIds: number[];
  active: boolean;
}

export const reviewerFieldsSchema = z.object({
  name: z
    .string()
    .transform((v) => cleanCell(v))
    .pipe(z.string().min(1, '请填写评审人姓名').max(30, '姓名过长')),
  conflictSectorIds: z.array(z.number().int().positive()).default([]),
  conflictUnitIds: z.array(z.number().int().positive()).default([]),
  active: z.boolean().default(true),
});

export function listReviewers(orm: Executor): Reviewer[] {
  return orm
    .select()
    .from(reviewers)
    .orderBy(asc(reviewers.id))
    .all()
    .map((r) => ({
      id: r.id,
      name: r.name,
      conflictSectorIds: r.conflictSectorIds as number[],
      conflictUnitIds: r.conflictUnitIds as number[],
      active: r.active,
    }));
}

export function getReviewer(orm: Executor, id: number): Reviewer {
  const found = listReviewers(orm).find((r) => r.id === id);
  if (!found) throw new DeskError('not-found', '该评审人不存在');
  return found;
}

export function createReviewer(orm: Orm, fields: z.output<typeof reviewerFieldsSchema>): Reviewer {
  if (orm.select({ id: reviewers.id }).from(reviewers).where(eq(reviewers.name, fields.name)).get()) {
    throw new DeskError('duplicate-reviewer', `已有名为“${fields.name}”的评审人`);
  }
  const row = orm.insert(reviewers).values(fields).returning({ id: reviewers.id }).get();
  return getReviewer(orm, row.id);
}

export function updateReviewer(orm: Orm, id: number, fields: z.output<typeof reviewerFieldsSchema>): Reviewer {
  getReviewer(orm, id);
  const clash = orm.select({ id: reviewers.id }).from(reviewers).where(eq(reviewers.name, fields.name)).get();
  if (clash && clash.id !== id) throw new DeskError('duplicate-reviewer', `已有名为“${fields.name}”的评审人`);
  orm.update(reviewers).set(fields).where(eq(reviewers.id, id)).run();
  return getReviewer(orm, id);
}

/** A reviewer who belongs to the unit or its sector must not judge it. */
export function hasConflict(reviewer: Reviewer, unit: { id: number; sectorId: number | null } | null): boolean {
  if (!unit) return false;
  return (
    reviewer.conflictUnitIds.includes(unit.id) ||
    (unit.sectorId !== null && reviewer.conflictSectorIds.includes(unit.sectorId))
  );
}
