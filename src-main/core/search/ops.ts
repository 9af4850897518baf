import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { memoUntilChange } from '../db/memo';
import { campaignYear } from '../contract/schemas';
import { globalSearch } from './global';
import { indexSummaries, waitingCount } from './indexer';
import { indexState, searchSummaries } from './search';

const query = z.string().trim().min(1, '请输入要查找的文字').max(200, '查找的文字不能超过 200 个字');

/** 全文检索 over the summaries, the Ctrl+K box, and the index behind both. */
export const searchOps = {
  'search.summaries': defineOp({
    callers: 'office',
    input: z.object({
      query,
      campaignYear,
      allYears: z.boolean().default(false),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    run: (input, ctx) => {
      const campaignId = input.allYears ? undefined : resolveCampaign(ctx.db.orm, input.campaignYear).id;
      return searchSummaries(ctx.db.sqlite, input.query, { campaignId, limit: input.limit });
    },
  }),
  'search.global': defineOp({
    callers: 'office',
    input: z.object({ query, campaignYear }),
    run: (input, ctx) => globalSearch(ctx.db.sqlite, input.query, resolveCampaign(ctx.db.orm, input.campaignYear).id),
  }),
  /** Counted over every summary, so kept until the data changes: a page asks with each search. */
  'search.state': defineOp({
    callers: 'office',
    input: z.object({}).strict().optional(),
    run: (_input, ctx) =>
      memoUntilChange(ctx.db.orm, 'search.state', () => indexState(ctx.db.sqlite, waitingCount(ctx))),
  }),
  /** Reads every summary not in the index yet (the app does this by itself after each import). */
  'search.index': defineOp({
    callers: 'office',
    input: z.object({}).strict().optional(),
    changes: ['search'],
    heavy: true,
    run: async (_input, ctx, call) => {
      const run = await indexSummaries(ctx, {
        signal: call.signal,
        onProgress: (done, total) =>
          call.progress({ done, total, message: `正在建立全文索引：${done} / ${total} 份工作总结` }),
      });
      return { ...run, index: indexState(ctx.db.sqlite, run.remaining) };
    },
  }),
};
