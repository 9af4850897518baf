import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { campaignYear, inCampaign } from '../contract/schemas';
import {
  candidates,
  commendedList,
  decideHonors,
  handChangeSchema,
  honorRuleSchema,
  savedRule,
  unsettledHonors,
} from './honors';

const ruleInput = z.object({ campaignYear, rule: honorRuleSchema, hand: z.array(handChangeSchema).default([]) });

/** 表彰: which units the rule (and the office's hand changes) commend. */
export const honorsOps = {
  'honors.preview': defineOp({
    callers: 'office',
    input: ruleInput,
    heavy: true,
    run: (input, ctx) =>
      candidates(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.rule, input.hand),
  }),
  'honors.decide': defineOp({
    callers: 'office',
    input: ruleInput,
    changes: ['reviews'],
    longWrite: '确定表彰名单',
    run: (input, ctx) =>
      decideHonors(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.rule, input.hand),
    audit: (input, out, ctx) => ({
      action: 'honors',
      campaignYear: resolveCampaign(ctx.db.orm, input.campaignYear).year,
      summary: `确定表彰名单：表彰 ${out.commended} 个集体（候选 ${out.candidates} 个）`,
    }),
  }),
  /** Commended units whose 定级 is 需重新定级 or missing: named before the list is printed. */
  'honors.unsettled': defineOp({
    callers: 'office',
    input: inCampaign,
    run: (input, ctx) => unsettledHonors(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id),
  }),
  'honors.current': defineOp({
    callers: 'office',
    input: inCampaign,
    run: (input, ctx) => {
      const campaignId = resolveCampaign(ctx.db.orm, input.campaignYear).id;
      return { decision: savedRule(ctx.db.orm, campaignId), groups: commendedList(ctx.db.orm, campaignId) };
    },
  }),
};
