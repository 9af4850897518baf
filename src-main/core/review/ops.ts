import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { campaignYear, id, ids, inCampaign, none } from '../contract/schemas';
import { aggregate } from './aggregate';
import { decide, decisionSchema, markPractice } from './decide';
import { assignReviews, unassign } from './assign';
import { evidenceBadges } from './badges';
import { decideAgreedByMean, undoBatch, undoBatchSchema } from './batchDecide';
import { previewFile } from './preview';
import { readReviewPreferences, reviewPreferencesSchema, writeReviewPreferences } from './preferences';
import { queuePage, queuePageSchema } from './queuePage';
import { resultsPage, resultsPageSchema } from './resultsPage';
import { createReviewer, listReviewers, reviewerFieldsSchema, updateReviewer } from './reviewers';
import { getReview, listReviews, returnReview, reviewHistoryOf, reviewInputSchema, saveReview } from './reviews';
import { reviewQueue } from './queue';
import { reassign } from './reassign';
import { basedOnSchema } from './versions';
import { reviewerName, submissionSubject } from '../audit/subjects';

const oneReview = z.object({ submissionId: id, reviewerId: id });

/** 评审: reviewers, assignments, each reviewer's work and the office's aggregation and decisions. */
export const reviewOps = {
  'reviewers.list': defineOp({ callers: 'office', input: none, run: (_input, ctx) => listReviewers(ctx.db.orm) }),
  'reviewers.create': defineOp({
    callers: 'office',
    input: reviewerFieldsSchema,
    changes: ['reviews'],
    run: (fields, ctx) => createReviewer(ctx.db.orm, fields),
    audit: (_input, out) => ({ action: 'review', summary: `添加评审人「${out.name}」` }),
  }),
  'reviewers.update': defineOp({
    callers: 'office',
    input: z.object({ id, fields: reviewerFieldsSchema }),
    changes: ['reviews'],
    run: (input, ctx) => updateReviewer(ctx.db.orm, input.id, input.fields),
    audit: (_input, out) => ({ action: 'review', summary: `修改评审人「${out.name}」的信息` }),
  }),

  'reviews.queue': defineOp({
    callers: 'reviewers-too',
    reviewer: { self: 'reviewerId', force: { assignedOnly: true } },
    input: z.object({ reviewerId: id, campaignYear, assignedOnly: z.boolean().default(false) }),
    run: (input, ctx) =>
      reviewQueue(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.reviewerId).filter(
        (r) => !input.assignedOnly || (r.assigned && !r.conflict),
      ),
  }),
  'reviews.get': defineOp({
    callers: 'reviewers-too',
    reviewer: { self: 'reviewerId', submission: (input) => input.submissionId },
    input: oneReview,
    run: (input, ctx) => getReview(ctx.db.orm, input.submissionId, input.reviewerId),
  }),
  'reviews.save': defineOp({
    callers: 'reviewers-too',
    reviewer: { self: 'reviewerId', submission: (input) => input.submissionId },
    input: reviewInputSchema,
    changes: ['reviews'],
    concerns: (input) => input.reviewerId,
    run: (input, ctx) => saveReview(ctx.db.orm, input),
    audit: (input, out, ctx) => {
      if (out.status !== 'submitted') return null;
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'review',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        actor: { name: reviewerName(ctx.db.orm, input.reviewerId), kind: 'reviewer' },
        summary: `提交评审：${s.label}`,
      };
    },
  }),
  'reviews.return': defineOp({
    callers: 'office',
    input: oneReview.extend({ reason: z.string().trim().min(2, '请写明退回原因').max(500), basedOn: basedOnSchema }),
    changes: ['reviews'],
    concerns: (input) => input.reviewerId,
    run: (input, ctx) => returnReview(ctx.db.orm, input.submissionId, input.reviewerId, input.reason, input.basedOn),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'review',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `退回「${reviewerName(ctx.db.orm, input.reviewerId)}」对${s.label}的评审，原因：${input.reason}`,
      };
    },
  }),
  'reviews.history': defineOp({
    callers: 'reviewers-too',
    reviewer: { self: 'reviewerId', submission: (input) => input.submissionId },
    input: oneReview,
    run: (input, ctx) => reviewHistoryOf(ctx.db.orm, input.submissionId, input.reviewerId),
  }),
  'reviews.list': defineOp({
    callers: 'office',
    input: inCampaign,
    run: (input, ctx) => listReviews(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id),
  }),
  'reviews.assign': defineOp({
    callers: 'office',
    input: z.object({
      campaignYear,
      request: z.discriminatedUnion('mode', [
        z.object({ mode: z.literal('hand'), submissionIds: z.array(id).min(1), reviewerIds: z.array(id).min(1) }),
        z.object({ mode: z.literal('sector'), sectorId: id, reviewerIds: z.array(id).min(1) }),
        z.object({ mode: z.literal('random'), perSubmission: z.number().int().min(1).max(20) }),
      ]),
    }),
    changes: ['reviews'],
    longWrite: '分配评审',
    run: (input, ctx) => assignReviews(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.request),
    audit: (input, out, ctx) => ({
      action: 'review',
      campaignYear: resolveCampaign(ctx.db.orm, input.campaignYear).year,
      summary: `分配评审 ${out.assigned} 份${out.skippedConflicts ? `（因回避跳过 ${out.skippedConflicts}）` : ''}`,
    }),
  }),
  'reviews.unassign': defineOp({
    callers: 'office',
    input: z.object({ submissionIds: ids, reviewerId: id }),
    changes: ['reviews'],
    longWrite: '取消分配',
    run: (input, ctx) => unassign(ctx.db.orm, input.submissionIds, input.reviewerId),
    audit: (input, _out, ctx) => ({
      action: 'review',
      summary: `取消「${reviewerName(ctx.db.orm, input.reviewerId)}」的 ${input.submissionIds.length} 份评审分配`,
    }),
  }),
  'reviews.reassign': defineOp({
    callers: 'office',
    input: z.object({ submissionId: id, fromReviewerId: id, toReviewerId: id }),
    changes: ['reviews'],
    run: (input, ctx) => reassign(ctx.db.orm, input.submissionId, input.fromReviewerId, input.toReviewerId),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'review',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `把${s.label}从「${reviewerName(ctx.db.orm, input.fromReviewerId)}」改派给「${reviewerName(ctx.db.orm, input.toReviewerId)}」`,
      };
    },
  }),
  'reviews.results': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, normalise: z.boolean().default(false) }).default({ normalise: false }),
    heavy: true,
    run: (input, ctx) =>
      aggregate(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, { normalise: input.normalise }),
  }),
  'reviews.queuePage': defineOp({
    callers: 'reviewers-too',
    reviewer: { self: 'reviewerId', force: { assignedOnly: true } },
    input: queuePageSchema,
    run: (input, ctx) =>
      queuePage(ctx.db.orm, ctx.db.sqlite, resolveCampaign(ctx.db.orm, input.campaignYear).id, input),
  }),
  'reviews.resultsPage': defineOp({
    callers: 'office',
    input: resultsPageSchema,
    heavy: true,
    run: (input, ctx) => resultsPage(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input),
  }),
  'reviews.preferences': defineOp({
    callers: 'reviewers-too',
    input: none,
    run: (_input, ctx) => readReviewPreferences(ctx.db.orm),
  }),
  'reviews.setPreferences': defineOp({
    callers: 'office',
    input: reviewPreferencesSchema,
    changes: ['settings'],
    run: (input, ctx) => writeReviewPreferences(ctx.db.orm, input),
  }),
  'reviews.decideAgreed': defineOp({
    callers: 'office',
    // dryRun: the counts for the confirmation (定级 N；跳过：有分歧 a，未评完 b), nothing written.
    input: z.object({ campaignYear, dryRun: z.boolean().default(false) }).default({ dryRun: false }),
    changes: ['reviews'],
    longWrite: '按均分定级',
    run: (input, ctx) =>
      decideAgreedByMean(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, { dryRun: input.dryRun }),
    audit: (input, out, ctx) =>
      input.dryRun
        ? null
        : {
            action: 'decision',
            campaignYear: resolveCampaign(ctx.db.orm, input.campaignYear).year,
            summary: `一键按均分定级 ${out.decided} 份`,
          },
  }),
  'reviews.undoDecisions': defineOp({
    callers: 'office',
    input: undoBatchSchema,
    changes: ['reviews'],
    run: (input, ctx) => undoBatch(ctx.db.orm, input),
    audit: (input) => ({ action: 'decision', summary: `撤销一键定级 ${input.submissionIds.length} 份` }),
  }),
  'reviews.decide': defineOp({
    callers: 'office',
    input: decisionSchema,
    changes: ['reviews'],
    run: (input, ctx) => decide(ctx.db.orm, input),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      const what =
        input.basis === 'mean'
          ? '按均分定级'
          : `改判为「${input.verdict}」${input.score === null ? '' : `（${input.score} 分）`}，理由：${input.reason}`;
      return { action: 'decision', unitId: s.unitId, campaignYear: s.campaignYear, summary: `${s.label}${what}` };
    },
  }),
  'reviews.badges': defineOp({
    callers: 'reviewers-too',
    reviewer: { submission: (input) => input.submissionId },
    input: z.object({ submissionId: id }),
    heavy: true,
    run: (input, ctx) => evidenceBadges(ctx, input.submissionId),
  }),
  'submissions.markPractice': defineOp({
    callers: 'office',
    input: z.object({
      submissionId: id,
      practice: z.boolean(),
      note: z.string().max(500).default(''),
      by: z.string().max(30).default('办公室'),
    }),
    changes: ['reviews'],
    run: (input, ctx) => markPractice(ctx.db.orm, input.submissionId, input.practice, input.note, input.by),
    audit: (input, _out, ctx) => {
      const s = submissionSubject(ctx.db.orm, input.submissionId);
      return {
        action: 'review',
        unitId: s.unitId,
        campaignYear: s.campaignYear,
        summary: `${s.label}${input.practice ? '选为' : '不再作为'}典型做法`,
      };
    },
  }),
  /** Asked by browser mode before it serves /files/<sha> to a reviewer: the dispatcher's scope check is the answer. */
  'files.mayRead': defineOp({
    callers: 'reviewers-too',
    reviewer: { file: (input) => input.sha256 },
    input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号无效') }),
    run: () => true,
  }),
  'files.preview': defineOp({
    callers: 'reviewers-too',
    reviewer: { file: (input) => input.sha256 },
    input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, '文件编号无效') }),
    heavy: true,
    run: (input, ctx) => previewFile(ctx, input.sha256),
  }),
};
