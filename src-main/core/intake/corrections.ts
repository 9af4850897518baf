import { asc, eq } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import type { Executor, Orm } from '../db/open';
import { submissionFiles, submissionHistory, submissions } from '../db/schema';
import { FILE_KIND, type FileKind } from '../../common/fileKinds';
import { completenessOf, type PendingLink } from './classify';
import { getSubmission, refuseDeleted, restoreCurrent, type SubmissionDetail } from './submissions';

export type HistoryEntry = typeof submissionHistory.$inferSelect;
export type HistoryAction = 'received-at' | 'unit' | 'file-kind' | 'deleted' | 'restored';

export function historyOf(orm: Orm, submissionId: number): HistoryEntry[] {
  return orm.select().from(submissionHistory).where(eq(submissionHistory.submissionId, submissionId)).orderBy(asc(submissionHistory.id)).all();
}

export function recordHistory(tx: Executor, submissionId: number, action: HistoryAction, before: string | null, after: string | null, reason: string): void {
  tx.insert(submissionHistory).values({ submissionId, at: new Date().toISOString(), action, before, after, reason }).run();
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
    tx.update(submissions).set({ receivedAt, receivedFrom: 'manual', late }).where(eq(submissions.id, submissionId)).run();
    recordHistory(tx, submissionId, 'received-at', before.receivedAt, receivedAt, reason);
  });
  return getSubmission(orm, submissionId);
}

/**
 * Which file is the summary, which a photo: the classifier reads the bytes, but a scanned summary
 * saved as .jpg is the office's call. Completeness is judged again at once.
 */
export function setFileKind(orm: Orm, fileId: number, kind: FileKind, reason: string): SubmissionDetail {
  const file = orm.select({ submissionId: submissionFiles.submissionId, name: submissionFiles.name, kind: submissionFiles.kind }).from(submissionFiles).where(eq(submissionFiles.id, fileId)).get();
  if (!file) throw new DeskError('not-found', '该文件不存在');
  const submission = getSubmission(orm, file.submissionId);
  refuseDeleted(submission);
  if (file.kind === kind) return submission;
  const campaign = getCampaign(orm, submission.campaignId);
  const kinds = submission.files.map((f) => (f.id === fileId ? kind : (f.kind as FileKind)));
  const check = completenessOf(kinds, campaign.materials, submission.links as PendingLink[]);
  const label = (k: string) => `${file.name}：${FILE_KIND[k as FileKind] ?? k}`;
  orm.transaction((tx) => {
    tx.update(submissionFiles).set({ kind }).where(eq(submissionFiles.id, fileId)).run();
    tx.update(submissions).set({ completeness: check.completeness, problems: check.problems }).where(eq(submissions.id, submission.id)).run();
    recordHistory(tx, submission.id, 'file-kind', label(file.kind), label(kind), reason);
  });
  return getSubmission(orm, submission.id);
}

/**
 * 删除: a wrong submission (another programme's mail, a test) leaves every list and count; the
 * unit's newest remaining version becomes current again. Its rows and files stay, so 恢复 undoes it.
 */
export function deleteSubmission(orm: Orm, submissionId: number, reason: string): SubmissionDetail {
  const before = getSubmission(orm, submissionId);
  if (before.deletedAt) return before;
  orm.transaction((tx) => {
    tx.update(submissions).set({ deletedAt: new Date().toISOString(), isCurrent: false }).where(eq(submissions.id, submissionId)).run();
    if (before.unitId !== null) restoreCurrent(tx, before.campaignId, before.unitId);
    recordHistory(tx, submissionId, 'deleted', null, null, reason);
  });
  return getSubmission(orm, submissionId);
}

/** 恢复 a deleted submission: back in the lists; current again if it is its unit's newest version. */
export function restoreSubmission(orm: Orm, submissionId: number, reason: string): SubmissionDetail {
  const before = getSubmission(orm, submissionId);
  if (!before.deletedAt) return before;
  orm.transaction((tx) => {
    tx.update(submissions).set({ deletedAt: null, isCurrent: before.unitId === null }).where(eq(submissions.id, submissionId)).run();
    if (before.unitId !== null) restoreCurrent(tx, before.campaignId, before.unitId);
    recordHistory(tx, submissionId, 'restored', null, null, reason);
  });
  return getSubmission(orm, submissionId);
}
