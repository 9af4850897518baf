import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { campaignYear, inCampaign } from '../contract/schemas';
import { memoUntilTablesChange } from '../db/memo';
import { AGGREGATE_READS } from '../review/aggregate';
import { yearComparison } from './comparison';
import { dashboardData } from './dashboard';
import { chartPickSchema, pickedRows } from './lists';

/** 概览's dashboard: the year's charts in one call, and the list behind any bar clicked. */
export const dashboardOps = {
  'dashboard.data': defineOp({
    input: inCampaign,
    run: (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      return memoUntilTablesChange(ctx.db.orm, `dashboard:${campaign.id}`, [...AGGREGATE_READS, 'intake_sources'], () => dashboardData(ctx.db.orm, campaign));
    },
  }),
  /** 与上年对比: this campaign beside the one run before it, by sector (the workbook's sheet of the same name). */
  'dashboard.comparison': defineOp({
    input: inCampaign,
    run: (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      return memoUntilTablesChange(ctx.db.orm, `comparison:${campaign.id}`, [...AGGREGATE_READS, 'honors'], () => yearComparison(ctx.db.orm, campaign));
    },
  }),
  'dashboard.list': defineOp({
    input: z.object({ campaignYear, pick: chartPickSchema }),
    run: (input, ctx) => pickedRows(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear), input.pick),
  }),
};
