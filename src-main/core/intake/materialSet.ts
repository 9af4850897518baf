import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Campaign } from '../campaigns/model';
import type { Executor } from '../db/open';
import { decisions, practices, reviewAssignments, reviews, submissionFiles, submissions } from '../db/schema';
import { completenessOf, type FileKind, type PendingLink } from './classify';

/**
 * A unit's material for a campaign is what it has sent, taken together (DESIGN: "the year is a
 * sequence of events"). A 补充 adds files to the current version's set; a 重新报送 starts a new
 * version, and the work done on the old one (assignments, reviews, the decision, a 典型做法 mark)
 * moves with the unit to it, marked as made on earlier material. Intake never removes what people did.
 */
export type TakenAs = 'supplement' | 'version';

const RESUBMIT_WORDS = /修改稿|修订稿|更正|终稿|重新报送|重报|替换稿/;
const SUPPLEMENT_WORDS = /补充|补发|追加|补交|补报/;

/** 补充 or 重新报送, from the mail's and files' words first, then from whether a new summary came. */
export function takenAs(texts: Array<string | null | undefined>, kinds: FileKind[]): { as: TakenAs; reason: string } {
  const text = texts.filter(Boolean).join(' ');
  const resubmit = RESUBMIT_WORDS.exec(text);
  if (resubmit) return { as: 'version', reason: `标题或文件名含“${resubmit[0]}”，按重新报送收为新版本` };
  const supplement = SUPPLEMENT_WORDS.exec(text);
  if (supplement) return { as: 'supplement', reason: `标题或文件名含“${supplement[0]}”，按补充材料并入当前版本` };
  if (kinds.includes('summary')) return { as: 'version', reason: '含新的工作总结，按重新报送收为新版本' };
  return { as: 'supplement', reason: '没有新的工作总结，按补充材料并入当前版本' };
}

/** The mark a review records: which set, at which change of its material. */
export const markOf = (s: { id: number; materialRev: number }): string => `${s.id}.${s.materialRev}`;

/** A version and its live 补充 rows. */
function membersOf(tx: Executor, baseId: number) {
  return tx
    .select({
      id: submissions.id,
      receivedAt: submissions.receivedAt,
      links: submissions.links,
      supplementOf: submissions.supplementOf,
    })
    .from(submissions)
    .where(and(or(eq(submissions.id, baseId), eq(submissions.supplementOf, baseId)), isNull(submissions.deletedAt)))
    .all();
}

function checkOf(tx: Executor, campaign: Campaign, members: Array<{ id: number; links: unknown }>) {
  const ids = members.map((m) => m.id);
  const kinds = ids.length
    ? tx
        .select({ kind: submissionFiles.kind })
        .from(submissionFiles)
        .where(inArray(submissionFiles.submissionId, ids))
        .all()
        .map((f) => f.kind as FileKind)
    : [];
  return completenessOf(
    kinds,
    campaign.materials,
    members.flatMap((m) => m.links as PendingLink[]),
  );
}

/** Completeness of a version judged on its whole set (its own files and every live 补充's). */
export function recomputeSet(tx: Executor, campaign: Campaign, baseId: number): void {
  const members = membersOf(tx, baseId);
  if (!members.some((m) => m.id === baseId)) return;
  const check = checkOf(tx, campaign, members);
  tx.update(submissions)
    .set({ completeness: check.completeness, problems: check.problems })
    .where(eq(submissions.id, baseId))
    .run();
}

/**
 * 按时 / 逾期 / 逾期补齐 for a unit, judged on what it sent, taken together: 逾期 only when nothing of
 * it came by the deadline; 逾期补齐 when something came in time but the material became complete
 * only after it. Versions no longer current keep their own arrival's lateness.
 */
export function recomputeTiming(tx: Executor, campaign: Campaign, unitId: number): void {
  const rows = tx
    .select({
      id: submissions.id,
      receivedAt: submissions.receivedAt,
      isCurrent: submissions.isCurrent,
      supplementOf: submissions.supplementOf,
      completeness: submissions.completeness,
      links: submissions.links,
    })
    .from(submissions)
    .where(and(eq(submissions.campaignId, campaign.id), eq(submissions.unitId, unitId), isNull(submissions.deletedAt)))
    .all();
  const deadline = Date.parse(campaign.deadlineEndsAt);
  const inTime = (r: { receivedAt: string }) => Date.parse(r.receivedAt) <= deadline;
  const versions = rows.filter((r) => r.supplementOf === null);
  const current = versions.find((r) => r.isCurrent);
  for (const v of versions) {
    if (v === current) continue;
    tx.update(submissions)
      .set({ late: !inTime(v), completedLate: false })
      .where(eq(submissions.id, v.id))
      .run();
  }
  if (!current) return;
  const late = !rows.some(inTime);
  const completeAtDeadline = versions.some(
    (v) =>
      inTime(v) &&
      checkOf(
        tx,
        campaign,
        rows.filter((r) => (r.id === v.id || r.supplementOf === v.id) && inTime(r)),
      ).completeness === 'complete',
  );
  const completedLate = !late && current.completeness === 'complete' && !completeAtDeadline;
  tx.update(submissions).set({ late, completedLate }).where(eq(submissions.id, current.id)).run();
}

/** The set's material changed: reviews made before now show 材料有更新. */
export function bumpMaterial(tx: Executor, baseId: number): void {
  const row = tx.select({ rev: submissions.materialRev }).from(submissions).where(eq(submissions.id, baseId)).get();
  if (row)
    tx.update(submissions)
      .set({ materialRev: row.rev + 1 })
      .where(eq(submissions.id, baseId))
      .run();
}

/**
 * A 重新报送 replaces `fromId` as current: the work on it moves to `toId`, each review keeping the
 * mark of the material it was made on (so it shows 材料有更新) and the decision what it rested on
 * (so it shows 需重新定级). Nothing is dropped; the old version keeps its files and history.
 */
export function carryWork(tx: Executor, fromId: number, toId: number): void {
  const from = tx
    .select({ id: submissions.id, materialRev: submissions.materialRev })
    .from(submissions)
    .where(eq(submissions.id, fromId))
    .get();
  if (!from) return;
  tx.update(reviews)
    .set({ madeOn: markOf(from) })
    .where(and(eq(reviews.submissionId, fromId), isNull(reviews.madeOn)))
    .run();
  const reviewed = new Set(
    tx
      .select({ r: reviews.reviewerId })
      .from(reviews)
      .where(eq(reviews.submissionId, toId))
      .all()
      .map((r) => r.r),
  );
  for (const r of tx
    .select({ id: reviews.id, reviewerId: reviews.reviewerId })
    .from(reviews)
    .where(eq(reviews.submissionId, fromId))
    .all()) {
    if (!reviewed.has(r.reviewerId)) tx.update(reviews).set({ submissionId: toId }).where(eq(reviews.id, r.id)).run();
  }
  const taken = new Set(
    tx
      .select({ r: reviewAssignments.reviewerId })
      .from(reviewAssignments)
      .where(eq(reviewAssignments.submissionId, toId))
      .all()
      .map((a) => a.r),
  );
  for (const a of tx.select().from(reviewAssignments).where(eq(reviewAssignments.submissionId, fromId)).all()) {
    if (taken.has(a.reviewerId)) tx.delete(reviewAssignments).where(eq(reviewAssignments.id, a.id)).run();
    else tx.update(reviewAssignments).set({ submissionId: toId }).where(eq(reviewAssignments.id, a.id)).run();
  }
  const decision = tx.select().from(decisions).where(eq(decisions.submissionId, fromId)).get();
  if (
    decision &&
    !tx.select({ id: decisions.submissionId }).from(decisions).where(eq(decisions.submissionId, toId)).get()
  ) {
    tx.delete(decisions).where(eq(decisions.submissionId, fromId)).run();
    tx.insert(decisions)
      .values({
        ...decision,
        submissionId: toId,
        restsOn: decision.restsOn ?? JSON.stringify({ material: markOf(from) }),
      })
      .run();
  }
  const practice = tx.select().from(practices).where(eq(practices.submissionId, fromId)).get();
  if (
    practice &&
    !tx.select({ id: practices.submissionId }).from(practices).where(eq(practices.submissionId, toId)).get()
  ) {
    tx.delete(practices).where(eq(practices.submissionId, fromId)).run();
    tx.insert(practices)
      .values({ ...practice, submissionId: toId })
      .run();
  }
}
