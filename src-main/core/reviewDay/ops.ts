import { z } from 'zod';
import { defineOp } from '../contract/define';
import { id, none } from '../contract/schemas';
import { reviewerName } from '../audit/subjects';
import { endDay, issueCode, markServed, requireActiveDay, revokeCode, startDay, startSchema } from './day';
import { signIn } from './sessions';
import { dayStatus } from './status';
import { reviewDaySlips } from './slips';
import { reviewProgress } from './progress';
import { chinaTimeLabel } from '../../common/chinaTime';

/**
 * 集中评审: the office opens the app to its network for a day; each reviewer signs in with a
 * 6-digit code. The shell listens on the day's address while one is active (it watches the
 * `reviewDay` topic); core decides, on every call, whether a reviewer's session is still good.
 */
export const reviewDayOps = {
  'reviewDay.status': defineOp({ callers: 'office', input: none, run: (_input, ctx) => dayStatus(ctx.db.orm) }),
  'reviewDay.progress': defineOp({ callers: 'office', input: none, run: (_input, ctx) => reviewProgress(ctx.db.orm) }),
  'reviewDay.start': defineOp({
    callers: 'office',
    input: startSchema,
    changes: ['reviewDay'],
    run: (input, ctx) => startDay(ctx.db.orm, input),
    audit: (_input, out) => ({
      action: 'review',
      summary: `开始集中评审（地址 ${out.address}，至 ${chinaTimeLabel(out.endsAt)}）`,
    }),
  }),
  /** Browser mode's server, once it listens on the day's address (or cannot: null). */
  'reviewDay.served': defineOp({
    callers: 'office',
    input: z.object({ port: z.number().int().min(1).max(65535).nullable() }),
    changes: ['reviewDay'],
    run: (input, ctx) => markServed(ctx.db.orm, input.port),
  }),
  'reviewDay.stop': defineOp({
    callers: 'office',
    input: none,
    changes: ['reviewDay'],
    run: (_input, ctx) => endDay(ctx.db.orm),
    audit: (_input, out) => ({
      action: 'review',
      summary: `结束集中评审${out.unfinished.length ? `（未评完：${out.unfinished.map((u) => `${u.reviewerName} ${u.left} 份`).join('，')}）` : '（分配的都已评完）'}`,
    }),
  }),
  'reviewDay.issueCode': defineOp({
    callers: 'office',
    input: z.object({ reviewerId: id }),
    changes: ['reviewDay'],
    run: (input, ctx) => ({ code: issueCode(ctx.db.orm, requireActiveDay(ctx.db.orm).id, input.reviewerId) }),
    audit: (input, _out, ctx) => ({
      action: 'review',
      summary: `为「${reviewerName(ctx.db.orm, input.reviewerId)}」重新生成集中评审验证码（原验证码作废）`,
    }),
  }),
  'reviewDay.revokeCode': defineOp({
    callers: 'office',
    input: z.object({ reviewerId: id }),
    changes: ['reviewDay'],
    run: (input, ctx) => revokeCode(ctx.db.orm, requireActiveDay(ctx.db.orm).id, input.reviewerId),
    audit: (input, _out, ctx) => ({
      action: 'review',
      summary: `收回「${reviewerName(ctx.db.orm, input.reviewerId)}」的集中评审验证码`,
    }),
  }),
  'reviewDay.slips': defineOp({
    callers: 'office',
    input: z.object({ reviewerIds: z.array(id).max(1000).optional() }).default({}),
    heavy: true,
    run: (input, ctx) => reviewDaySlips(ctx, input.reviewerIds),
    audit: (_input, out) => ({ action: 'export', summary: `打印集中评审验证码纸条（${out.slips} 张）` }),
  }),
  /** The one call a visitor at the day's address may make; the shell turns the token into an HttpOnly cookie. */
  'reviewDay.signIn': defineOp({
    callers: 'anyone',
    input: z.object({
      code: z
        .string()
        .trim()
        .regex(/^\d{6}$/, '验证码是 6 位数字'),
    }),
    changes: ['reviewDay'],
    run: (input, ctx, call) =>
      signIn(ctx.db.orm, input.code, call.principal.kind === 'visitor' ? call.principal.address : 'office'),
    audit: (_input, out) => ({
      action: 'review',
      actor: { name: out.reviewerName, kind: 'reviewer' },
      summary: `以验证码进入集中评审`,
    }),
  }),
};
