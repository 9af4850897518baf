import { asc, eq } from 'drizzle-orm';
import { getCampaign } from '../campaigns/campaigns';
import type { Orm } from '../db/open';
import { submissionHistory, submissions } from '../db/schema';
import { getSubmission, type SubmissionDetail } from './submissions';

export type HistoryEntry = typeof submissionHistory.$inferSelect;

export function historyOf(orm: Orm, submissionId: number): HistoryEntry[] {
  return orm.select().from(submissionHistory).where(eq(submissionHistory.submissionId, submissionId)).orderBy(asc(submissionHistory.id)).all();
}

/**
 * The office corrects when a submission came (a mail printed late, a file saved days after it
 * arrived): lateness follows at once, and the old time, the new one and the reason are kept.
 */
export function setReceivedAt(orm: Orm, submissionId: number, receivedAt: string, reason: string): SubmissionDetail {
  const before = getSubmission(orm, submissionId);
  const campaign = getCampaign(orm, before.campaignId);
  const late = Date.parse(receivedAt) > Date.parse(campaign.deadlineEndsAt);
  orm.transaction((tx) => {
    tx.update(submissions).set({ receivedAt, receivedFrom: 'manual', late }).where(eq(submissions.id, submissionId)).run();
    tx.insert(submissionHistory).values({ submissionId, at: new Date().toISOString(), action: 'received-at', before: before.receivedAt, after: receivedAt, reason }).run();
  });
  return getSubmission(orm, submissionId);
}
