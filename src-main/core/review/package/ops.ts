import { z } from 'zod';
import { chinaDay } from '../../../common/chinaTime';
import { resolveCampaign } from '../../campaigns/campaigns';
import { defineOp } from '../../contract/define';
import { DeskError } from '../../contract/errors';
import { campaignYear, id, none } from '../../contract/schemas';
import { makeArtifact } from '../../transfer/artifacts';
import { fileRefSchema, refFile, releaseUploads } from '../../transfer/refs';
import { listReviewers } from '../reviewers';
import { exportPackage } from './exportPackage';
import { openPackage, readMappings } from './openPackage';
import { exportResult, importResult } from './results';

/** Offline review: the office's 评审包 out, the reviewer's 评审结果 back. */
export const packageOps = {
  'reviews.exportPackage': defineOp({
    callers: 'office',
    input: z.object({ reviewer: z.union([id, z.string().min(1)]), campaignYear }),
    heavy: true,
    run: async (input, ctx) => {
      const reviewer = listReviewers(ctx.db.orm).find((r) =>
        typeof input.reviewer === 'number' ? r.id === input.reviewer : r.name === input.reviewer,
      );
      if (!reviewer) throw new DeskError('unknown-reviewer', `评审人名单中没有“${input.reviewer}”`);
      const campaignId = resolveCampaign(ctx.db.orm, input.campaignYear).id;
      let report: Awaited<ReturnType<typeof exportPackage>> | undefined;
      const artifact = await makeArtifact(
        ctx.dataDir,
        `评审包-${reviewer.name}-${chinaDay()}.deskreview`,
        async (file) => {
          report = await exportPackage(ctx, campaignId, reviewer.id, file);
        },
      );
      return { ...report!, artifact };
    },
    audit: (_input, out) => ({ action: 'export', summary: `导出评审包「${out.artifact.fileName}」` }),
  }),
  'reviews.openPackage': defineOp({
    callers: 'office',
    input: z.object({ file: fileRefSchema }),
    changes: ['units', 'sectors', 'campaigns', 'submissions', 'reviews'],
    longWrite: '打开评审包',
    heavy: true,
    run: async (input, ctx) => {
      try {
        return await openPackage(ctx, refFile(ctx.dataDir, input.file).file);
      } finally {
        releaseUploads(ctx.dataDir, [input.file]);
      }
    },
    // On the reviewer's laptop the work is the reviewer's: their 操作记录 shows it under their name.
    audit: (_input, out) =>
      out.alreadyOpen
        ? null
        : {
            action: 'review',
            campaignYear: out.campaignYear,
            actor: { name: out.reviewer, kind: 'reviewer' },
            summary: `打开评审包：${out.campaignYear}年度 ${out.submissions} 份材料`,
          },
  }),
  'reviews.exportResult': defineOp({
    callers: 'office',
    input: none,
    run: async (_input, ctx) => {
      let report: ReturnType<typeof exportResult> | undefined;
      // The office gets many of these: the file's name says whose it is (a label only, never a path here).
      const who = [...(readMappings(ctx).at(-1)?.officeReviewer.name ?? '')]
        .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
        .join('');
      const artifact = await makeArtifact(
        ctx.dataDir,
        `评审结果-${who ? `${who}-` : ''}${chinaDay()}.deskresult`,
        (file) => {
          report = exportResult(ctx, file);
        },
      );
      return { ...report!, artifact };
    },
    audit: (_input, out) => ({
      action: 'export',
      actor: { name: out.reviewer, kind: 'reviewer' },
      summary: `导出评审结果「${out.artifact.fileName}」：${out.reviews} 份评审，其中已提交 ${out.submitted} 份`,
    }),
  }),
  'reviews.importResult': defineOp({
    callers: 'office',
    input: z.object({ file: fileRefSchema }),
    changes: ['reviews'],
    longWrite: '合并评审结果',
    run: (input, ctx) => {
      try {
        return importResult(ctx, refFile(ctx.dataDir, input.file).file);
      } finally {
        releaseUploads(ctx.dataDir, [input.file]);
      }
    },
    audit: (_input, out) => ({
      action: 'review',
      actor: { name: out.reviewer, kind: 'reviewer' },
      summary: `合并评审结果：采用 ${out.applied} 份${out.conflicts.length ? `，与办公室修改冲突 ${out.conflicts.length}` : ''}${out.stale.length ? `，材料已变未采用 ${out.stale.length}` : ''}`,
    }),
  }),
  'reviews.packages': defineOp({
    callers: 'office',
    input: none,
    run: (_input, ctx) =>
      readMappings(ctx).map((m) => ({
        packageId: m.packageId,
        campaignYear: m.campaignYear,
        reviewer: m.officeReviewer.name,
        submissions: Object.keys(m.submissions).length,
      })),
  }),
};
