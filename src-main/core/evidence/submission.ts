import type { CoreContext } from '../app/context';
import { getCampaign } from '../campaigns/campaigns';
import { getSubmission } from '../intake/submissions';
import { indexFiles } from '../search/indexer';
import type { ItemEvidence } from './rank';
import { summaryEvidence } from './store';
import { vocabularyOf } from './vocabulary';

export interface SubmissionEvidence {
  /** A summary with words in it was found; false for none at all, a scan, or a file that would not open. */
  readable: boolean;
  /** The summary the passages come from (the pane shows it). */
  summary: { sha256: string; name: string } | null;
  items: ItemEvidence[];
}

/**
 * The 评审助手 for one submission: per checklist item, in order, the best passages of its first readable
 * summary and the count it states. A summary not read yet is read now (and kept for search too).
 */
export async function submissionEvidence(ctx: CoreContext, submissionId: number): Promise<SubmissionEvidence> {
  const orm = ctx.db.orm;
  const submission = getSubmission(orm, submissionId);
  const vocabulary = vocabularyOf(getCampaign(orm, submission.campaignId));
  const summaries = submission.files.filter((f) => f.kind === 'summary');
  await indexFiles(
    ctx,
    summaries.map((f) => ({ sha256: f.sha256, mime: f.mime })),
  );
  for (const file of summaries) {
    const items = summaryEvidence(ctx.db.sqlite, file.sha256, vocabulary);
    if (items) return { readable: true, summary: { sha256: file.sha256, name: file.name }, items };
  }
  const none = vocabulary.items.map((i) => ({
    itemId: i.itemId,
    title: i.title,
    passages: [],
    count: null,
    countText: null,
  }));
  return { readable: false, summary: null, items: none };
}
