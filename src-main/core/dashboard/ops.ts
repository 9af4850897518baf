import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { campaignYear, inCampaign } from '../contract/schemas';
import { memoUntilTablesChange } from '../db/memo';
import { aggregate } from '../review/aggregate';
import { yearComparison } from './comparison';
import { COUNTS_READS, dashboardCounts, dashboardData } from './dashboard';
import { chartPickSchema, pickedRows } from './lists';

/** 概览's dashboard: the year's charts in one call, and the list behind any bar clicked. */
export const dashboardOps = {
  'dashboard.data': defineOp({
    callers: 'office',
    input: inCampaign,
    run: (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      const counts = memoUntilTablesChange(ctx.db.orm, `dashboardCounts:${campaign.id}`, COUNTS_READS, () =>
        dashboardCounts(ctx.db.orm, campaign),
      );
      return dashboardData(ctx.db.orm, campaign, counts, aggregate(ctx.db.orm, campaign.id));
    },
  }),
  /**
   * 与上年对比: this campaign beside the one run before it, by sector (the workbook's sheet of the same name); its parts are
   * kept.
   */
  'dashboard.comparison': defineOp({
    callers: 'office',
    input: inCampaign,
    run: (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      return yearComparison(ctx.db.orm, campaign);
    },
  }),
  'dashboard.list': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, pick: chartPickSchema }),
    run: (input, ctx) => pickedRows(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear), input.pick),
  }),
};
