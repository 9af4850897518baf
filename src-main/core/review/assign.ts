import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Orm } from '../db/open';
import { reviewAssignments, submissions, units } from '../db/schema';
import { DeskError } from '../contract/errors';
import { hasConflict, listReviewers, type Reviewer } from './reviewers';
import { insertAll, slices } from '../db/slices';

export type AssignMode =
  | { mode: 'hand'; submissionIds: number[]; reviewerIds: number[] }
  | { mode: 'sector'; sectorId: number; reviewerIds: number[] }
  | { mode: 'random'; perSubmission: number };

export interface AssignResult {
  assigned: number;
  skippedConflicts: number;
  /** Submissions that could not get as many reviewers as asked (too few without a conflict). */
  short: Array<{ submissionId: number; unitName: string; got: number }>;
}

interface Target {
  submissionId: number;
  unitId: number;
  unitName: string;
  sectorId: number | null;
}

function targets(orm: Orm, campaignId: number): Target[] {
  return orm
    .select({ submissionId: submissions.id, unitId: units.id, unitName: units.name, sectorId: units.sectorId })
    .from(submissions)
    .innerJoin(units, eq(submissions.unitId, units.id))
    .where(and(eq(submissions.campaignId, campaignId), eq(submissions.isCurrent, true)))
    .all();
}

function shuffle<T>(list: T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function existing(orm: Orm, only?: number[]): Map<number, Set<number>> {
  const map = new Map<number, Set<number>>();
  // In the order they were made, however the rows are found: a submission's reviewers read the same either way.
  for (const a of orm
    .select()
    .from(reviewAssignments)
    .where(only ? inArray(reviewAssignments.submissionId, only) : undefined)
    .orderBy(reviewAssignments.id)
    .all()) {
    const set = map.get(a.submissionId) ?? new Set<number>();
    set.add(a.reviewerId);
    map.set(a.submissionId, set);
  }
  return map;
}

/**
 * Assigns submissions to reviewers by hand, by sector, or evenly at random with N reviewers each.
 * A reviewer who belongs to the unit or its sector is never assigned; existing assignments stay.
 */
export function assignReviews(orm: Orm, campaignId: number, request: AssignMode): AssignResult {
  const reviewers = listReviewers(orm).filter((r) => r.active);
  const byId = new Map(reviewers.map((r) => [r.id, r]));
  const all = targets(orm, campaignId);
  const current = existing(orm);
  const pairs: Array<{ submissionId: number; reviewerId: number }> = [];
  let skippedConflicts = 0;
  const short: AssignResult['short'] = [];
  const add = (t: Target, r: Reviewer) => {
    if (hasConflict(r, { id: t.unitId, sectorId: t.sectorId })) {
      skippedConflicts++;
      return false;
    }
    if (current.get(t.submissionId)?.has(r.id)) return false;
    pairs.push({ submissionId: t.submissionId, reviewerId: r.id });
    const set = current.get(t.submissionId) ?? new Set<number>();
    set.add(r.id);
    current.set(t.submissionId, set);
    return true;
  };

  if (request.mode === 'hand' || request.mode === 'sector') {
    const chosen = request.reviewerIds.map((id) => byId.get(id)).filter((r): r is Reviewer => !!r);
    if (!chosen.length) throw new DeskError('invalid-input', '请选择至少一位评审人');
    let scope: Target[];
    if (request.mode === 'hand') {
      const wanted = new Set(request.submissionIds);
      scope = all.filter((t) => wanted.has(t.submissionId));
    } else scope = all.filter((t) => t.sectorId === request.sectorId);
    for (const t of scope) for (const r of chosen) add(t, r);
  } else {
    if (reviewers.length === 0) throw new DeskError('invalid-input', '还没有评审人，请先添加');
    // Evenly: each submission goes to the least-loaded eligible reviewers; ties broken at random.
    const load = new Map(reviewers.map((r) => [r.id, 0]));
    for (const set of current.values()) for (const id of set) load.set(id, (load.get(id) ?? 0) + 1);
    // Most constrained first (fewest reviewers without a conflict), so conflicted reviewers are used where they can be.
    const eligibleCount = (t: Target) =>
      reviewers.filter((r) => !hasConflict(r, { id: t.unitId, sectorId: t.sectorId })).length;
    const order = shuffle(all).sort((a, b) => eligibleCount(a) - eligibleCount(b));
    for (const t of order) {
      let got = current.get(t.submissionId)?.size ?? 0;
      const eligible = reviewers
        .filter(
          (r) => !hasConflict(r, { id: t.unitId, sectorId: t.sectorId }) && !current.get(t.submissionId)?.has(r.id),
        )
        .map((r) => ({ r, key: (load.get(r.id) ?? 0) + Math.random() / 2 }))
        .sort((a, b) => a.key - b.key);
      skippedConflicts += reviewers.filter((r) => hasConflict(r, { id: t.unitId, sectorId: t.sectorId })).length;
      for (const { r } of eligible) {
        if (got >= request.perSubmission) break;
        if (add(t, r)) {
          got++;
          load.set(r.id, (load.get(r.id) ?? 0) + 1);
        }
      }
      if (got < request.perSubmission) short.push({ submissionId: t.submissionId, unitName: t.unitName, got });
    }
  }
  const now = new Date().toISOString();
  // 5,000 submissions × 3 reviewers is 45,000 bound values: written in slices, all in one transaction.
  orm.transaction((tx) =>
    insertAll(
      tx,
      reviewAssignments,
      pairs.map((p) => ({ ...p, assignedAt: now })),
    ),
  );
  return { assigned: pairs.length, skippedConflicts, short };
}

export function unassign(orm: Orm, submissionIds: number[], reviewerId: number): void {
  orm.transaction((tx) => {
    for (const slice of slices(submissionIds, 1))
      tx.delete(reviewAssignments)
        .where(and(inArray(reviewAssignments.submissionId, slice), eq(reviewAssignments.reviewerId, reviewerId)))
        .run();
  });
}

export function assignmentsOf(orm: Orm, only?: number[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const [submissionId, set] of existing(orm, only)) map.set(submissionId, [...set]);
  return map;
}
