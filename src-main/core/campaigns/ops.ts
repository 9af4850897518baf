import { z } from 'zod';
import { defineOp } from '../contract/define';
import { id, none } from '../contract/schemas';
import {
  copyCampaign,
  createCampaign,
  currentCampaign,
  getCampaign,
  listCampaigns,
  removeCampaign,
  setCurrentCampaign,
  updateCampaign,
} from './campaigns';
import { campaignFieldsSchema } from './model';
import { rescoreCampaign } from '../review/rescore';

/** The year's notice: its dates, materials and checklist. */
export const campaignOps = {
  'campaigns.list': defineOp({ callers: 'office', input: none, run: (_input, ctx) => listCampaigns(ctx.db.orm) }),
  'campaigns.get': defineOp({
    callers: 'reviewers-too',
    input: z.object({ id }),
    run: (input, ctx) => getCampaign(ctx.db.orm, input.id),
  }),
  'campaigns.current': defineOp({
    callers: 'reviewers-too',
    input: none,
    run: (_input, ctx) => currentCampaign(ctx.db.orm),
  }),
  'campaigns.create': defineOp({
    callers: 'office',
    input: campaignFieldsSchema,
    changes: ['campaigns'],
    run: (fields, ctx) => createCampaign(ctx.db.orm, fields),
    audit: (_input, out) => ({
      action: 'campaign',
      campaignYear: out.year,
      summary: `新建 ${out.year} 年度工作「${out.title}」`,
    }),
  }),
  'campaigns.update': defineOp({
    callers: 'office',
    input: z.object({ id, fields: campaignFieldsSchema }),
    changes: ['campaigns', 'reviews'],
    // Reviews follow the edited checklist at once (rescoring is idempotent: run again, it changes nothing).
    run: (input, ctx) => {
      const campaign = updateCampaign(ctx.db.orm, input.id, input.fields);
      return { ...campaign, rescoredReviews: rescoreCampaign(ctx.db.orm, campaign) };
    },
    audit: (_input, out) => ({
      action: 'campaign',
      campaignYear: out.year,
      summary: `修改 ${out.year} 年度工作「${out.title}」`,
    }),
  }),
  'campaigns.copy': defineOp({
    callers: 'office',
    input: z.object({ fromId: id, year: z.number().int().min(2000).max(2100).optional() }),
    changes: ['campaigns'],
    longWrite: '复制年度工作',
    run: (input, ctx) => copyCampaign(ctx.db.orm, input.fromId, input.year),
    audit: (_input, out) => ({
      action: 'campaign',
      campaignYear: out.year,
      summary: `复制出 ${out.year} 年度工作「${out.title}」`,
    }),
  }),
  'campaigns.setCurrent': defineOp({
    callers: 'office',
    input: z.object({ id }),
    changes: ['campaigns'],
    run: (input, ctx) => setCurrentCampaign(ctx.db.orm, input.id),
    audit: (_input, out) => ({
      action: 'campaign',
      campaignYear: out.year,
      summary: `把 ${out.year} 年度设为当前年度`,
    }),
  }),
  'campaigns.remove': defineOp({
    callers: 'office',
    input: z.object({ id }),
    changes: ['campaigns'],
    longWrite: '删除年度工作',
    run: (input, ctx) => {
      const { year, title } = getCampaign(ctx.db.orm, input.id);
      removeCampaign(ctx.db.orm, input.id);
      return { removed: input.id, year, title };
    },
    audit: (_input, out) => ({
      action: 'deletion',
      campaignYear: out.year,
      summary: `删除 ${out.year} 年度工作「${out.title}」`,
    }),
  }),
};
