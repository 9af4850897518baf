import { asc, eq } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { submissionFiles, submissionHistory, submissions } from '../db/schema';
import { FILE_KIND, type FileKind } from '../../common/fileKinds';
import { completenessOf, type PendingLink } from './classify';
import { getSubmission, refuseDeleted, type SubmissionDetail } from './submissions';
import { bumpMaterial, recomputeSet, recomputeTiming, type TakenAs } from './materialSet';
import { leaveUnit, placeForUnit, restoreCurrentVersion } from './placement';
import { and, desc, isNull, ne } from 'drizzle-orm';

export type HistoryEntry = typeof submissionHistory.$inferSelect;
type HistoryAction = 'received-at' | 'unit' | 'file-kind' | 'deleted' | 'restored' | 'taken-as';

export function historyOf(orm: Orm, submissionId: number): HistoryEntry[] {
  return orm
    .select()
    .from(submissionHistory)
    .where(eq(submissionHistory.submissionId, submissionId))
    .orderBy(asc(submissionHistory.id))
    .all();
}

function recordHistory(
  tx: Executor,
  submissionId: number,
  action: HistoryAction,
  before: string | null,
  after: string | null,
  reason: string,
): void {
  tx.insert(submissionHistory)
    .values({ submissionId, at: new Date().toISOString(), action, before, after, reason })
    .run();
}

/**
 * The office corrects when a submission came (a mail printed late, a file saved days after it
 * arrived): lateness follows at once, and the old time, the new one and the reason are kept.
 */
export function setReceivedAt(orm: Orm, submissionId: number, receivedAt: string, reason: string): SubmissionDetail {
  const before = getSubmission(orm, submissionId);
  refuseDeleted(before);
  const campaign = getCampaign(orm, before.campaignId);
  const late = Date.parse(receivedAt) > Date.parse(campaign.deadlineEndsAt);
  orm.transaction((tx) => {
    tx.update(submissions)
      .set({ receivedAt, receivedFrom: 'manual', late })
      .where(eq(submissions.id, submissionId))
      .run();
    // Lateness is the unit's, judged on everything it sent.
    if (before.unitId !== null) recomputeTiming(tx, campaign, before.unitId);
    recordHistory(tx, submissionId, 'received-at', before.receivedAt, receivedAt, reason);
  });
  return getSubmission(orm, submissionId);
}

/**
 * Which file is the summary, which a photo: the classifier reads the bytes, but a scanned summary
 * saved as .jpg is the office's call. Completeness is judged again at once.
 */
export function setFileKind(orm: Orm, fileId: number, kind: FileKind, reason: string): SubmissionDetail {
  const file = orm
    .select({ submissionId: submissionFiles.submissionId, name: submissionFiles.name, kind: submissionFiles.kind })
    .from(submissionFiles)
    .where(eq(submissionFiles.id, fileId))
    .get();
  if (!file) throw new DeskError('not-found', '该文件不存在');
  const submission = getSubmission(orm, file.submissionId);
  refuseDeleted(submission);
  if (file.kind === kind) return submission;
  const campaign = getCampaign(orm, submission.campaignId);
  const kinds = submission.files.map((f) => (f.id === fileId ? kind : (f.kind as FileKind)));
  const check = completenessOf(kinds, campaign.materials, submission.links as PendingLink[]);
  const label = (k: string) => `${file.name}：${FILE_KIND[k as FileKind] ?? k}`;
  // A 补充's file: the version it joined is judged again on its whole set.
  const setId = submission.supplementOf ?? submission.id;
  orm.transaction((tx) => {
    tx.update(submissionFiles).set({ kind }).where(eq(submissionFiles.id, fileId)).run();
    tx.update(submissions)
      .set({ completeness: check.completeness, problems: check.problems })
      .where(eq(submissions.id, submission.id))
      .run();
    if (submission.unitId !== null) {
      recomputeSet(tx, campaign, setId);
      if (setId !== submission.id) bumpMaterial(tx, setId);
      recomputeTiming(tx, campaign, submission.unitId);
    }
    recordHistory(tx, submission.id, 'file-kind', label(file.kind), label(kind), reason);
  });
  return getSubmission(orm, setId);
}

/**
 * 删除: a wrong submission (another programme's mail, a test) leaves every list and count; the
 * unit's newest remaining version becomes current again. Its rows and files stay, so 恢复 undoes it.
 */
export function deleteSubmission(orm: Orm, submissionId: number, reason: string): SubmissionDetail {
  const before = getSubmission(orm, submissionId);
  if (before.deletedAt) return before;
  orm.transaction((tx) => {
    tx.update(submissions)
      .set({ deletedAt: new Date().toISOString(), isCurrent: false })
      .where(eq(submissions.id, submissionId))
      .run();
    leaveUnit(tx, getCampaign(tx, before.campaignId), before);
    recordHistory(tx, submissionId, 'deleted', null, null, reason);
  });
  return getSubmission(orm, submissionId);
}

/** 恢复 a deleted submission: back in the lists; current again if it is its unit's newest version. */
export function restoreSubmission(orm: Orm, submissionId: number, reason: string): SubmissionDetail {
  const before = getSubmission(orm, submissionId);
  if (!before.deletedAt) return before;
  orm.transaction((tx) => {
    tx.update(submissions)
      .set({ deletedAt: null, isCurrent: before.unitId === null })
      .where(eq(submissions.id, submissionId))
      .run();
    if (before.unitId !== null) {
      const campaign = getCampaign(tx, before.campaignId);
      if (before.supplementOf !== null) {
        recomputeSet(tx, campaign, before.supplementOf);
        bumpMaterial(tx, before.supplementOf);
      } else restoreCurrentVersion(tx, before.campaignId, before.unitId);
      recomputeTiming(tx, campaign, before.unitId);
    }
    recordHistory(tx, submissionId, 'restored', null, null, reason);
  });
  return getSubmission(orm, submissionId);
}

const TAKEN_LABEL: Record<TakenAs, string> = { supplement: '补充材料', version: '重新报送' };

/**
 * The clerk says what a unit's later material was: a 补充 to the version before it, or a
 * 重新报送 (a version of its own). The work done moves with the current version either way.
 */
export function setTakenAs(orm: Orm, submissionId: number, as: TakenAs, reason: string): SubmissionDetail {
  const row = getSubmission(orm, submissionId);
  refuseDeleted(row);
  if (row.unitId === null) throw new DeskError('invalid-input', '待认领的材料请先认领到集体，再决定是补充还是重新报送');
  const unitId = row.unitId;
  const now: TakenAs = row.supplementOf === null ? 'version' : 'supplement';
  if (now === as) return row;
  const campaign = getCampaign(orm, row.campaignId);
  orm.transaction((tx) => {
    if (as === 'version') {
      const base = row.supplementOf!;
      tx.update(submissions)
        .set({ supplementOf: null, isCurrent: false })
        .where(eq(submissions.id, submissionId))
        .run();
      recomputeSet(tx, campaign, base);
      bumpMaterial(tx, base);
      placeForUnit(tx, campaign, unitId, submissionId, { as: 'version', reason: `办公室改为重新报送：${reason}` });
    } else {
      const target = tx
        .select({ id: submissions.id, version: submissions.version })
        .from(submissions)
        .where(
          and(
            eq(submissions.campaignId, row.campaignId),
            eq(submissions.unitId, unitId),
            isNull(submissions.deletedAt),
            isNull(submissions.supplementOf),
            ne(submissions.id, submissionId),
          ),
        )
        .orderBy(desc(submissions.version), desc(submissions.id))
        .get();
      if (!target) throw new DeskError('no-earlier-version', '这个集体没有更早的材料，不能作为补充并入');
      tx.update(submissions)
        .set({
          supplementOf: target.id,
          isCurrent: false,
          version: target.version,
          takenReason: `办公室改为补充材料：${reason}`,
        })
        .where(eq(submissions.id, submissionId))
        .run();
      restoreCurrentVersion(tx, row.campaignId, unitId, row.isCurrent ? submissionId : null);
      recomputeSet(tx, campaign, target.id);
      bumpMaterial(tx, target.id);
      recomputeTiming(tx, campaign, unitId);
    }
    recordHistory(tx, submissionId, 'taken-as', TAKEN_LABEL[now], TAKEN_LABEL[as], reason);
  });
  return getSubmission(orm, submissionId);
}
