import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Campaign } from '../campaigns/model';
import type { Executor } from '../db/open';
import { submissions } from '../db/schema';
import { bumpMaterial, carryWork, recomputeSet, recomputeTiming, type TakenAs } from './materialSet';

/** Where a unit's new or leaving row goes in its material: 补充 to a version, a version of its own, or out. */

/** What became of a unit's new row: 补充 to a version, or a version of its own. */
export interface Placement {
  as: TakenAs;
  version: number;
  /** For a 补充: the version it joined. */
  baseId?: number;
  reason: string;
}

function nextVersionNumber(tx: Executor, campaignId: number, unitId: number, rowId: number): number {
  const last = tx
    .select({ v: sql<number>`coalesce(max(${submissions.version}), 0)` })
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, campaignId),
        eq(submissions.unitId, unitId),
        isNull(submissions.supplementOf),
        ne(submissions.id, rowId),
      ),
    )
    .get()?.v;
  return (last ?? 0) + 1;
}

/**
 * Puts row `rowId` (already written with `unitId`) into the unit's material: the first version, a
 * 补充 of the current one, or a new version that the work on the old one moves to.
 */
export function placeForUnit(
  tx: Executor,
  campaign: Campaign,
  unitId: number,
  rowId: number,
  taken: { as: TakenAs; reason: string },
): Placement {
  const base = tx
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.campaignId, campaign.id),
        eq(submissions.unitId, unitId),
        eq(submissions.isCurrent, true),
        isNull(submissions.deletedAt),
        isNull(submissions.supplementOf),
        ne(submissions.id, rowId),
      ),
    )
    .get();
  let placement: Placement;
  if (base && taken.as === 'supplement') {
    tx.update(submissions)
      .set({ supplementOf: base.id, isCurrent: false, version: base.version, takenReason: taken.reason })
      .where(eq(submissions.id, rowId))
      .run();
    recomputeSet(tx, campaign, base.id);
    bumpMaterial(tx, base.id);
    placement = { as: 'supplement', version: base.version, baseId: base.id, reason: taken.reason };
  } else {
    const version = nextVersionNumber(tx, campaign.id, unitId, rowId);
    const reason = base ? taken.reason : '';
    if (base) tx.update(submissions).set({ isCurrent: false }).where(eq(submissions.id, base.id)).run();
    tx.update(submissions)
      .set({ supplementOf: null, isCurrent: true, version, takenReason: reason })
      .where(eq(submissions.id, rowId))
      .run();
    recomputeSet(tx, campaign, rowId);
    if (base) carryWork(tx, base.id, rowId);
    placement = { as: 'version', version, reason };
  }
  recomputeTiming(tx, campaign, unitId);
  return placement;
}

/**
 * A row leaves its unit's material (moved to another unit, deleted): its set or the unit's versions are judged again.
 */
export function leaveUnit(
  tx: Executor,
  campaign: Campaign,
  row: { id: number; unitId: number | null; supplementOf: number | null; isCurrent: boolean },
): void {
  if (row.unitId === null) return;
  if (row.supplementOf !== null) {
    recomputeSet(tx, campaign, row.supplementOf);
    bumpMaterial(tx, row.supplementOf);
  } else {
    // The work on the version that leaves goes back to the one current again.
    restoreCurrentVersion(tx, campaign.id, row.unitId, row.isCurrent ? row.id : null);
  }
  recomputeTiming(tx, campaign, row.unitId);
}

/**
 * Makes a unit's newest live version its current one (a 补充 row never is). The work on the one
 * current before (or on `carryFrom`) follows it, so no review or decision drops out of the year.
 */
export function restoreCurrentVersion(
  tx: Executor,
  campaignId: number,
  unitId: number,
  carryFrom: number | null = null,
): void {
  const where = and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId));
  const before =
    carryFrom ??
    tx
      .select({ id: submissions.id })
      .from(submissions)
      .where(and(where, eq(submissions.isCurrent, true), isNull(submissions.supplementOf)))
      .get()?.id ??
    null;
  tx.update(submissions).set({ isCurrent: false }).where(where).run();
  const newest = tx
    .select({ id: submissions.id })
    .from(submissions)
    .where(and(where, isNull(submissions.deletedAt), isNull(submissions.supplementOf)))
    .orderBy(sql`${submissions.version} DESC, ${submissions.id} DESC`)
    .get();
  if (newest) tx.update(submissions).set({ isCurrent: true }).where(eq(submissions.id, newest.id)).run();
  if (newest && before !== null && before !== newest.id) carryWork(tx, before, newest.id);
}
