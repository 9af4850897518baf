import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { defineOp } from '../contract/define';
import { campaignYear, inCampaign } from '../contract/schemas';
import { makeArtifact } from '../transfer/artifacts';
import { csvExport } from './csv';
import {
  documentInput,
  exportHonors,
  exportMissing,
  exportPractices,
  exportReviewSheets,
  exportStats,
  honorsLayoutSchema,
} from './index';

/** 导出: the year-end documents, each one operation that returns one artifact. */
export const exportOps = {
  'export.stats': defineOp({
    callers: 'office',
    input: inCampaign,
    heavy: true,
    run: (input, ctx) => exportStats(ctx, input.campaignYear),
    audit: (_input, out) => ({ action: 'export', summary: `导出「${out.artifact.fileName}」` }),
  }),
  'export.honors': defineOp({
    callers: 'office',
    input: honorsLayoutSchema,
    heavy: true,
    run: (input, ctx) => exportHonors(ctx, input),
    audit: (_input, out) => ({
      action: 'export',
      summary: `导出「${out.artifact.fileName}」（${out.commended} 个集体）`,
    }),
  }),
  'export.missing': defineOp({
    callers: 'office',
    input: documentInput,
    heavy: true,
    run: (input, ctx) => exportMissing(ctx, input.campaignYear, input.format),
    audit: (_input, out) => ({
      action: 'export',
      summary: `导出「${out.artifact.fileName}」（${out.missing} 个集体）`,
    }),
  }),
  'export.practices': defineOp({
    callers: 'office',
    input: documentInput,
    heavy: true,
    run: (input, ctx) => exportPractices(ctx, input.campaignYear, input.format),
    audit: (_input, out) => ({ action: 'export', summary: `导出「${out.artifact.fileName}」` }),
  }),
  'export.reviewSheets': defineOp({
    callers: 'office',
    input: inCampaign,
    heavy: true,
    run: (input, ctx, call) => exportReviewSheets(ctx, input.campaignYear, call),
    audit: (_input, out) => ({
      action: 'export',
      summary: `导出「${out.artifact.fileName}」（${out.sheets} 张评审表）`,
    }),
  }),
  'export.csv': defineOp({
    callers: 'office',
    input: z.object({ kind: z.enum(['roster', 'stats', 'reviews']), campaignYear }),
    heavy: true,
    run: async (input, ctx) => {
      const { fileName, bytes, rows } = csvExport(ctx.db.orm, input.kind, input.campaignYear);
      return { rows, artifact: await makeArtifact(ctx.dataDir, fileName, (file) => writeFileSync(file, bytes)) };
    },
    audit: (_input, out) => ({ action: 'export', summary: `导出「${out.artifact.fileName}」（${out.rows} 行）` }),
  }),
};
