import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { campaignYear, id, inCampaign, none } from '../contract/schemas';
import { fileRefSchema, releaseUploads } from '../transfer/refs';
import { intakeHistory } from './history';
import { importSources } from './importSources';
import { intakeLimitsSchema, readLimits, writeLimits } from './limits';
import { refSources } from './refSources';
import { assignSubmission, getSubmission, listSubmissions, pageSubmissions } from './submissions';
import { suggestUnits } from './suggest';
import { acknowledgeBatch, batchDone, batchImporting, batchUploaded, beginBatch, lastBatch } from './batches';
import { SLOT_ID } from '../transfer/slots';
import { deleteSubmission, historyOf, restoreSubmission, setFileKind, setReceivedAt, setTakenAs } from './corrections';
import { fileSubject, intakeSummary, submissionSubject, unitName } from '../audit/subjects';
import { chinaTimeLabel } from '../../common/chinaTime';
import { FILE_KIND } from '../../common/fileKinds';

/** A correction's reason: kept in the submission's history, so a word or two at least. */
const reason = (message: string) => z.string().trim().min(2, message).max(500);
const batchId = z.uuid();

/** 收件: turning what units sent into submissions, and the submissions themselves. */
export const intakeOps = {
  'intake.import': defineOp({
    callers: 'office',
    input: z.object({
      files: z.array(fileRefSchema).min(1, '请至少选择一个文件或文件夹').max(10_000),
      campaignYear,
      batchId: batchId.optional(),
    }),
    changes: ['submissions', 'reviews'],
    longWrite: '收件导入',
    heavy: true,
    run: async (input, ctx, call) => {
      let cancelled = false;
      try {
        if (input.batchId) batchImporting(ctx.db.orm, input.batchId);
        const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
        const result = await importSources(ctx, campaign, refSources(ctx.dataDir, input.files), call);
        cancelled = result.cancelled;
        return result;
      } finally {
        releaseUploads(ctx.dataDir, input.files);
        // Finished (or refused): the page that asked may be gone; 收件 shows it on reopening until seen.
        if (input.batchId) batchDone(ctx.db.orm, input.batchId, cancelled);
      }
    },
    audit: (input, out, ctx) => ({
      action: 'import',
      campaignYear: resolveCampaign(ctx.db.orm, input.campaignYear).year,
      summary: `导入文件 ${intakeSummary(out.totals, out.cancelled)}`,
    }),
  }),
  /** Before a batch's uploads: what was picked, so a batch cut off by a closed tab can be told about. */
  'intake.beginBatch': defineOp({
    callers: 'office',
    input: z.object({ names: z.array(z.string().max(1000)).max(10_000) }),
    run: (input, ctx) => beginBatch(ctx.db.orm, input.names),
  }),
  'intake.batchUploaded': defineOp({
    callers: 'office',
    input: z.object({ batchId, upload: z.string().regex(SLOT_ID, '上传编号无效') }),
    run: (input, ctx) => (batchUploaded(ctx.db.orm, input.batchId, input.upload), null),
  }),
  'intake.lastBatch': defineOp({ callers: 'office', input: none, run: (_input, ctx) => lastBatch(ctx) }),
  'intake.acknowledgeBatch': defineOp({
    callers: 'office',
    input: z.object({ batchId }),
    changes: ['settings'],
    run: (input, ctx) => (acknowledgeBatch(ctx.db.orm, input.batchId), null),
  }),
  'intake.history': defineOp({
    callers: 'office',
    input: inCampaign,
    run: (input, ctx) => intakeHistory(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id),
  }),
  'intake.limits': defineOp({ callers: 'office', input: none, run: (_input, ctx) => readLimits(ctx.db.orm) }),
  'intake.setLimits': defineOp({
    callers: 'office',
    input: intakeLimitsSchema,
    changes: ['settings'],
    run: (limits, ctx) => writeLimits(ctx.db.orm, limits),
    audit: () => ({ action: 'settings', summary: '修改收件限制' }),
  }),

  'submissions.list': defineOp({
    callers: 'office',
    input: z
      .object({
        campaignYear,
        unitId: id.optional(),
        unclaimed: z.boolean().optional(),
        currentOnly: z.boolean().optional(),
        deleted: z.boolean().optional(),
      })
      .default({}),
    run: (input, ctx) =>
      listSubmissions(ctx.db.orm, { ...input, campaignId: resolveCampaign(ctx.db.orm, input.campaignYear).id }),
  }),
  'submissions.page': defineOp({
    callers: 'office',
    input: z.object({
      campaignYear,
      unclaimed: z.boolean().optional(),
      claimed: z.boolean().optional(),
      currentOnly: z.boolean().optional(),
      flag: z.enum(['late', 'incomplete']).optional(),
      deleted: z.boolean().optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    run: (input, ctx) =>
      pageSubmissions(ctx.db.orm, { ...input, campaignId: resolveCampaign(ctx.db.orm, input.campaignYear).id }),
  }),
  'submissions.get': defineOp({
    callers: 'reviewers-too',
    reviewer: { submission: (input) => input.id },
    input: z.object({ id }),
    run: (input, ctx) => ({ ...getSubmission(ctx.db.orm, input.id), history: historyOf(ctx.db.orm, input.id) }),
  }),
  'submissions.setReceivedAt': defineOp({
    callers: 'office',
    input: z.object({
      submissionId: id,
      receivedAt: z.iso.datetime({ message: '收到时间格式不对' }),
      reason: z.string().trim().min(2, '请写明更正收到时间的理由').max(500),
    }),
    changes: ['submissions'],
    run: (input, ctx) =>
      setReceivedAt(ctx.db.orm, input.submissionId, new Date(input.receivedAt).toISOString(), input.reason),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'correction',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `更正${s.label}的收到时间为 ${chinaTimeLabel(input.receivedAt)}，理由：${input.reason}`,
      };
    },
  }),
  'submissions.move': defineOp({
    callers: 'office',
    input: z.object({ submissionId: id, unitId: id, reason: reason('请写明改到其他集体的理由') }),
    changes: ['submissions', 'units', 'reviews'],
    longWrite: '更正材料',
    run: (input, ctx) => assignSubmission(ctx.db.orm, input.submissionId, input.unitId, input.reason),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'correction',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `把材料改到「${unitName(ctx.db.orm, input.unitId)}」：${s.label}，理由：${input.reason}`,
      };
    },
  }),
  'submissions.setFileKind': defineOp({
    callers: 'office',
    input: z.object({
      fileId: id,
      kind: z.enum(['summary', 'photo', 'other'], { message: '文件类别只能是工作总结、照片或其他文件' }),
      reason: z.string().trim().max(500).default(''),
    }),
    changes: ['submissions', 'reviews'],
    run: (input, ctx) => setFileKind(ctx.db.orm, input.fileId, input.kind, input.reason),
    audit: (input, _out, ctx) => {
      const f = fileSubject(ctx.db.orm, input.fileId);
      const why = input.reason ? `，理由：${input.reason}` : '';
      return {
        action: 'correction',
        unitId: f.submission.unitId,
        campaignYear: f.submission.campaignYear,
        summary: `把${f.submission.label}中的「${f.name}」改为${FILE_KIND[input.kind]}${why}`,
      };
    },
  }),
  'submissions.takeAs': defineOp({
    callers: 'office',
    input: z.object({
      submissionId: id,
      as: z.enum(['supplement', 'version']),
      reason: reason('请写明改为补充或重新报送的理由'),
    }),
    changes: ['submissions', 'reviews'],
    run: (input, ctx) => setTakenAs(ctx.db.orm, input.submissionId, input.as, input.reason),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'correction',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `把${s.label}改为${input.as === 'supplement' ? '补充材料' : '重新报送'}，理由：${input.reason}`,
      };
    },
  }),
  'submissions.delete': defineOp({
    callers: 'office',
    input: z.object({ submissionId: id, reason: reason('请写明删除的理由') }),
    changes: ['submissions', 'units', 'reviews'],
    run: (input, ctx) => deleteSubmission(ctx.db.orm, input.submissionId, input.reason),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'deletion',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `删除${s.label}，理由：${input.reason}`,
      };
    },
  }),
  'submissions.restore': defineOp({
    callers: 'office',
    input: z.object({ submissionId: id, reason: z.string().trim().max(500).default('') }),
    changes: ['submissions', 'units', 'reviews'],
    run: (input, ctx) => restoreSubmission(ctx.db.orm, input.submissionId, input.reason),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'correction',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `恢复已删除的${s.label}${input.reason ? `，理由：${input.reason}` : ''}`,
      };
    },
  }),
  'submissions.suggestUnits': defineOp({
    callers: 'office',
    input: z.object({
      submissionId: id,
      search: z.string().max(100).optional(),
      limit: z.number().int().min(1).max(200).default(50),
    }),
    run: (input, ctx) => suggestUnits(ctx.db.orm, input.submissionId, input.search?.trim() || undefined, input.limit),
  }),
  'submissions.assign': defineOp({
    callers: 'office',
    input: z.object({ submissionId: id, unitId: id }),
    changes: ['submissions', 'units', 'reviews'],
    longWrite: '认领材料',
    run: (input, ctx) => assignSubmission(ctx.db.orm, input.submissionId, input.unitId),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return { action: 'claim', unitId: s.unitId, campaignYear: s.campaignYear, summary: `认领：${s.label}` };
    },
  }),
};
