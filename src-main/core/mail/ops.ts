import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { DeskError } from '../contract/errors';
import { campaignYear, none, typedDay } from '../contract/schemas';
import { mailAccountSchema, passwordKey, readAccount, readSync, requireAccount, writeAccount } from './accounts';
import { connect, mailError } from './connection';
import { defaultWindow, fetchMail } from './fetch';
import { MAIL_PRESETS } from './presets';
import { intakeSummary } from '../audit/subjects';

const day = typedDay;
const password = z.string().min(1, '请填写授权码').max(500);

/** 收件 from the office's mailbox over IMAP. */
export const mailOps = {
  'mail.presets': defineOp({ callers: 'office', input: none, run: () => MAIL_PRESETS }),
  /** The account as set up (never its password: only whether one is kept), and where each folder stands. */
  'mail.account': defineOp({
    callers: 'office',
    input: none,
    run: async (_input, ctx) => {
      const account = readAccount(ctx.db.orm);
      if (!account) return null;
      return {
        ...account,
        hasPassword: (await ctx.secrets.get(passwordKey(account.user))) !== null,
        sync: readSync(ctx.db.orm, account.user),
      };
    },
  }),
  'mail.saveAccount': defineOp({
    callers: 'office',
    input: mailAccountSchema.extend({ password: password.optional() }),
    changes: ['settings'],
    run: async ({ password: secret, ...account }, ctx) => {
      if (secret) await ctx.secrets.set(passwordKey(account.user), secret);
      return writeAccount(ctx.db.orm, account);
    },
    audit: (input) => ({
      action: 'settings',
      summary: `保存邮箱账号 ${input.user}${input.password ? '（含授权码）' : ''}`,
    }),
  }),
  /** Logs in and lists the folders: the 测试连接 button, and where the folder choice comes from. */
  'mail.folders': defineOp({
    callers: 'office',
    input: z.object({ account: mailAccountSchema.optional(), password: password.optional() }).default({}),
    run: async (input, ctx) => {
      const account = input.account ?? requireAccount(ctx.db.orm);
      const secret = input.password ?? (await ctx.secrets.get(passwordKey(account.user)));
      if (!secret) throw new DeskError('mail-auth', '还没有保存这个邮箱的授权码，请先填写授权码。');
      const client = await connect(account, secret);
      try {
        const list = await client.list();
        return list.map((box) => ({ path: box.path, name: box.name, specialUse: box.specialUse ?? null }));
      } catch (error) {
        throw mailError(error, account);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
  }),
  'mail.fetch': defineOp({
    callers: 'office',
    input: z.object({
      campaignYear,
      since: day.optional(),
      until: day.optional(),
      /** Given by the CLI (`desk mail fetch --host …`); the app uses the account kept in 设置. */
      account: mailAccountSchema.optional(),
      password: password.optional(),
    }),
    changes: ['submissions', 'reviews', 'settings'],
    longWrite: '收取邮件',
    machineOnly: ['account', 'password'],
    heavy: true,
    run: async (input, ctx, call) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      const account = input.account ?? requireAccount(ctx.db.orm);
      const secret = input.password ?? (await ctx.secrets.get(passwordKey(account.user)));
      if (!secret)
        throw new DeskError('mail-auth', '还没有保存这个邮箱的授权码。请在“设置 → 邮箱”中填写授权码后再收取。');
      const window = defaultWindow(campaign);
      return fetchMail(
        ctx,
        account,
        secret,
        campaign,
        { since: input.since ?? window.since, until: input.until ?? window.until },
        call,
      );
    },
    audit: (input, out, ctx) => ({
      action: 'import',
      campaignYear: resolveCampaign(ctx.db.orm, input.campaignYear).year,
      summary: `收取邮件 ${intakeSummary(out.totals, out.cancelled)}`,
    }),
  }),
};
