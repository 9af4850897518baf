import fs from 'node:fs';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { CoreContext } from '../../app/context';
import { writeFileAtomic } from '../../transfer/atomic';
import { getCampaign } from '../../campaigns/campaigns';
import { DeskError } from '../../contract/errors';
import { reviewHistory, reviewPackages, reviews, submissions } from '../../db/schema';
import { computeScore, type Answers } from '../scoring';
import { getReviewer } from '../reviewers';
import { hmacSealed, RESULT_FORMAT, resultBodySchema, sealed, unsealResult, type ResultBody } from './format';
import { validateEntries } from './validateResult';
import { readMappings } from './openPackage';
import { markOf } from '../../intake/materialSet';

function mapAnswers(answers: Answers, map: Record<string, number>): Answers {
  return Object.fromEntries(
    Object.entries(answers).flatMap(([id, a]) => (map[id] === undefined ? [] : [[String(map[id]), a]])),
  );
}

/** Reviewer side: this folder's reviews of the last opened package, in the office's ids, sealed with a checksum. */
export function exportResult(
  ctx: CoreContext,
  target: string,
): { packageId: string; reviewer: string; reviews: number; submitted: number } {
  const mapping = readMappings(ctx).at(-1);
  if (!mapping)
    throw new DeskError('no-package', '这个数据文件夹还没有打开过评审包（desk review open-package FILE）。');
  const orm = ctx.db.orm;
  const list: ResultBody['reviews'] = [];
  for (const [localId, office] of Object.entries(mapping.submissions)) {
    const row = orm
      .select()
      .from(reviews)
      .where(and(eq(reviews.submissionId, Number(localId)), eq(reviews.reviewerId, mapping.localReviewerId)))
      .get();
    if (!row) continue;
    list.push({
      submissionId: office.id,
      fingerprint: office.fingerprint,
      answers: mapAnswers(row.answers as Answers, mapping.items),
      bonus: row.bonus,
      deduction: row.deduction,
      adjustmentNote: row.adjustmentNote,
      comment: row.comment,
      // A 退回 review not yet submitted again goes back as the draft it is.
      status: row.status === 'submitted' ? 'submitted' : 'draft',
      updatedAt: row.updatedAt,
    });
  }
  const body: ResultBody = {
    format: RESULT_FORMAT,
    version: 1,
    packageId: mapping.packageId,
    createdAt: new Date().toISOString(),
    campaignYear: mapping.campaignYear,
    reviewer: mapping.officeReviewer,
    reviews: list,
  };
  writeFileAtomic(target, Buffer.from(mapping.resultKey ? hmacSealed(body, mapping.resultKey) : sealed(body)));
  return {
    packageId: mapping.packageId,
    reviewer: mapping.officeReviewer.name,
    reviews: list.length,
    submitted: list.filter((r) => r.status === 'submitted').length,
  };
}

export interface MergeReport {
  reviewer: string;
  applied: number;
  /**
   * Reviews an earlier result file of this reviewer brought, now changed by this one: their own later work, not a
   * conflict.
   */
  updated: number;
  unchanged: number;
  /** Edited in the office as well: both kept, the newer current, the other in the history. */
  conflicts: Array<{ submissionId: number; kept: 'office' | 'result' }>;
  /** The submission changed after the package was made: not applied, shown for a decision. */
  stale: Array<{ submissionId: number; reason: string }>;
  /** 较旧，未采用: this reviewer's later review of it is already in (an older file imported after a newer one). */
  older: Array<{ submissionId: number; reason: string }>;
}

/** A 补充 joined the submission's set after `at` (the package's making). */
function supplementedSince(tx: Pick<CoreContext['db']['orm'], 'select'>, submissionId: number, at: string): boolean {
  const rows = tx
    .select({ createdAt: submissions.createdAt })
    .from(submissions)
    .where(eq(submissions.supplementOf, submissionId))
    .all();
  return rows.some((r) => Date.parse(r.createdAt) > Date.parse(at));
}

const snapshotKey = (s: {
  answers: unknown;
  bonus: number;
  deduction: number;
  adjustmentNote: string;
  comment: string;
  status: string;
}) => JSON.stringify([s.answers, s.bonus, s.deduction, s.adjustmentNote, s.comment, s.status]);

/**
 * Office side: merges a reviewer's result file. Refused whole (with the reason) when it was
 * altered, belongs to another campaign, an unknown package or another reviewer. Importing it
 * twice changes nothing; nothing a reviewer typed is ever dropped.
 */
export function importResult(ctx: CoreContext, file: string): MergeReport {
  if (!fs.existsSync(file)) throw new DeskError('file-not-found', `找不到文件：${file}`);
  const orm = ctx.db.orm;
  const body = unsealResult(fs.readFileSync(file, 'utf8'), resultBodySchema, (packageId) => {
    const row = orm
      .select({ secret: reviewPackages.secret })
      .from(reviewPackages)
      .where(eq(reviewPackages.id, packageId))
      .get();
    return row ? row.secret : undefined;
  });
  const pkg = orm.select().from(reviewPackages).where(eq(reviewPackages.id, body.packageId)).get()!;
  const campaign = getCampaign(orm, pkg.campaignId);
  if (campaign.year !== body.campaignYear)
    throw new DeskError(
      'wrong-campaign',
      `结果文件属于 ${body.campaignYear} 年度，与评审包的 ${campaign.year} 年度不符，已拒绝。`,
    );
  const reviewer = (() => {
    try {
      return getReviewer(orm, body.reviewer.id);
    } catch {
      return null;
    }
  })();
  if (!reviewer || reviewer.id !== pkg.reviewerId || reviewer.name !== body.reviewer.name)
    throw new DeskError(
      'unknown-reviewer',
      `结果文件中的评审人“${body.reviewer.name}”与评审包不符或不在评审人名单中，已拒绝。`,
    );
  const packed = pkg.fingerprints as Record<string, string>;
  const itemIds = new Set(campaign.items.map((i) => String(i.id)));
  validateEntries(orm, body, campaign, pkg.createdAt);
  const report: MergeReport = {
    reviewer: reviewer.name,
    applied: 0,
    updated: 0,
    unchanged: 0,
    conflicts: [],
    stale: [],
    older: [],
  };
  const by = `${reviewer.name}（离线评审包）`;

  orm.transaction((tx) => {
    for (const incoming of body.reviews) {
      const current = tx
        .select({
          fingerprint: submissions.fingerprint,
          isCurrent: submissions.isCurrent,
          materialRev: submissions.materialRev,
        })
        .from(submissions)
        .where(eq(submissions.id, incoming.submissionId))
        .get();
      if (!current || packed[String(incoming.submissionId)] !== incoming.fingerprint) {
        report.stale.push({ submissionId: incoming.submissionId, reason: '该材料不在这个评审包中' });
        continue;
      }
      if (current.fingerprint !== incoming.fingerprint || !current.isCurrent) {
        report.stale.push({
          submissionId: incoming.submissionId,
          reason: '评审包导出后该材料有了新版本，结果未采用，请让评审人重评新版本',
        });
        continue;
      }
      if (Object.keys(incoming.answers).some((id) => !itemIds.has(id))) {
        report.stale.push({ submissionId: incoming.submissionId, reason: '评审表与本年度检查清单不一致' });
        continue;
      }
      const score = computeScore(campaign.items, campaign.rubric, incoming.answers, incoming.bonus, incoming.deduction);
      const snapshot = {
        answers: incoming.answers,
        bonus: incoming.bonus,
        deduction: incoming.deduction,
        adjustmentNote: incoming.adjustmentNote,
        comment: incoming.comment,
        status: incoming.status,
      };
      // Times compared as instants, kept in one form: a differently written stamp is not "later" by its letters.
      const incomingAt = Date.parse(incoming.updatedAt);
      const updatedAt = new Date(incomingAt).toISOString();
      // Made on the package's material: a 补充 that joined after the package shows as 材料有更新.
      const madeOn = supplementedSince(tx, incoming.submissionId, pkg.createdAt)
        ? `${incoming.submissionId}.package`
        : markOf({ id: incoming.submissionId, materialRev: current.materialRev });
      const values = {
        ...snapshot,
        total: score.total,
        vetoed: score.vetoed,
        verdict: score.verdict,
        updatedAt,
        madeOn,
      };
      const existing = tx
        .select()
        .from(reviews)
        .where(and(eq(reviews.submissionId, incoming.submissionId), eq(reviews.reviewerId, reviewer.id)))
        .get();
      const history = (reviewId: number) =>
        tx
          .select()
          .from(reviewHistory)
          .where(eq(reviewHistory.reviewId, reviewId))
          .orderBy(asc(reviewHistory.id))
          .all();
      const record = (reviewId: number, note: string) => {
        // Never twice: re-importing the same file adds no history.
        if (
          history(reviewId).some(
            (h) =>
              snapshotKey(h.snapshot as typeof snapshot) === snapshotKey(snapshot) &&
              Date.parse(h.changedAt) === incomingAt,
          )
        )
          return;
        tx.insert(reviewHistory)
          .values({
            reviewId,
            snapshot: { ...snapshot, total: score.total, verdict: score.verdict, note },
            changedBy: by,
            changedAt: updatedAt,
          })
          .run();
      };
      if (!existing) {
        const id = tx
          .insert(reviews)
          .values({ ...values, submissionId: incoming.submissionId, reviewerId: reviewer.id })
          .returning({ id: reviews.id })
          .get().id;
        record(id, '离线评审结果');
        report.applied++;
        continue;
      }
      if (snapshotKey({ ...existing, answers: existing.answers }) === snapshotKey(snapshot)) {
        report.unchanged++;
        continue;
      }
      // The review as it stands came from an earlier result file of this reviewer: this one is their later work.
      const last = tx
        .select({ changedBy: reviewHistory.changedBy, changedAt: reviewHistory.changedAt })
        .from(reviewHistory)
        .where(eq(reviewHistory.reviewId, existing.id))
        .orderBy(desc(reviewHistory.id))
        .get();
      const existingAt = Date.parse(existing.updatedAt);
      const fromEarlierResult = last?.changedBy === by && Date.parse(last.changedAt) === existingAt;
      const editedInOffice = existingAt > Date.parse(pkg.createdAt) && !fromEarlierResult;
      // An older review never replaces a newer one, whatever order the files come in.
      if (incomingAt < existingAt) {
        record(existing.id, '离线评审结果（较旧，未采用，保留在历史中）');
        if (editedInOffice) report.conflicts.push({ submissionId: incoming.submissionId, kept: 'office' });
        else report.older.push({ submissionId: incoming.submissionId, reason: '较旧，未采用：已有该评审人更晚的评审' });
        continue;
      }
      if (fromEarlierResult) {
        tx.update(reviews)
          .set({ ...values, version: sql`${reviews.version} + 1` })
          .where(eq(reviews.id, existing.id))
          .run();
        record(existing.id, '离线评审结果（更新）');
        report.updated++;
        continue;
      }
      tx.update(reviews)
        .set({ ...values, version: sql`${reviews.version} + 1` })
        .where(eq(reviews.id, existing.id))
        .run();
      record(existing.id, '离线评审结果');
      if (editedInOffice) report.conflicts.push({ submissionId: incoming.submissionId, kept: 'result' });
      else report.applied++;
    }
  });
  return report;
}
