import type Database from 'better-sqlite3';
import { z } from 'zod';
import { filterQueue } from '../../common/queueFilter';
import { QUEUE_STATUS, type QueueStatus } from '../../common/statuses';
import { campaignYear, id } from '../contract/schemas';
import { memoUntilChange } from '../db/memo';
import type { Orm } from '../db/open';
import { termsOf } from '../../common/search';
import { submissionsMentioning } from '../search/search';
import { reviewQueue } from './queue';

export const queuePageSchema = z.object({
  campaignYear,
  reviewerId: id,
  status: z.enum(['all', 'disputed', ...(Object.keys(QUEUE_STATUS) as QueueStatus[])]).default('all'),
  late: z.boolean().default(false),
  incomplete: z.boolean().default(false),
  sectorName: z.string().max(100).optional(),
  sort: z.enum(['sector', 'name', 'received', 'status']).default('sector'),
  /** Only submissions whose 工作总结 contains these words (全文检索; a word of three characters or more). */
  words: z
    .string()
    .trim()
    .max(200)
    .refine((w) => !w || termsOf(w).match !== null, '总结中的词至少要三个字')
    .optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
  /** Only what was assigned to the reviewer and is not 回避 (a reviewer's own session always asks this). */
  assignedOnly: z.boolean().default(false),
});

type QueueRow = ReturnType<typeof reviewQueue>[number];

export interface QueuePage {
  rows: QueueRow[];
  /** Rows the filter keeps, on every page. */
  total: number;
  offset: number;
  /** Every kept submission in walking order: J/K and the warm-up of the next two cross pages by it. */
  order: number[];
  /** The whole queue's size and sectors, whatever the filter: an empty page is told apart from an empty queue. */
  queueSize: number;
  sectors: string[];
}

/**
 * One page of a reviewer's queue, filtered and sorted by core. The queue is built once until the
 * data changes (reviewQueue's memo); a reviewer who has not been assigned anything sees the whole
 * campaign — 5,000 submissions — so the window gets 50 rows and the order of the rest as ids.
 */
export function queuePage(
  orm: Orm,
  sqlite: Database.Database,
  campaignId: number,
  input: z.output<typeof queuePageSchema>,
): QueuePage {
  const { reviewerId, status, late, incomplete, sectorName, sort, words, assignedOnly } = input;
  const filter = { status, late, incomplete, sectorName, sort, words, assignedOnly };
  // Turning a page must not filter and sort the whole queue again: kept, like the queue, until the data changes.
  const { kept, order, queueSize, sectors } = memoUntilChange(
    orm,
    `queuePage:${campaignId}:${reviewerId}:${JSON.stringify(filter)}`,
    () => {
      const queue = reviewQueue(orm, campaignId, reviewerId);
      const all = assignedOnly ? queue.filter((r) => r.assigned && !r.conflict) : queue;
      const mentioning = words ? submissionsMentioning(sqlite, words, campaignId) : null;
      const kept = filterQueue(mentioning ? all.filter((r) => mentioning.has(r.submissionId)) : all, filter);
      return {
        kept,
        order: kept.map((r) => r.submissionId),
        queueSize: all.length,
        sectors: [...new Set(all.map((r) => r.sectorName).filter((s): s is string => !!s))],
      };
    },
  );
  const offset =
    input.offset >= kept.length && kept.length
      ? Math.floor((kept.length - 1) / input.limit) * input.limit
      : input.offset;
  return { rows: kept.slice(offset, offset + input.limit), total: kept.length, offset, order, queueSize, sectors };
}
