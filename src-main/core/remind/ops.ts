import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { resolveCampaign } from '../campaigns/campaigns';
import { defineOp } from '../contract/define';
import { DeskError } from '../contract/errors';
import { campaignYear } from '../contract/schemas';
import { passwordKey, readAccount } from '../mail/accounts';
import { makeArtifact } from '../transfer/artifacts';
import { officeSignature, reminderDrafts } from './drafts';
import { reminderFor } from './message';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, readTemplates, templatesSchema, writeTemplates } from './texts';
import { REMIND_SITUATION } from '../../common/standing';
import { phoneListPdf, phoneListWorkbook } from './phoneList';
import { sendReminders, sendTestMail, smtpOf, smtpSchema } from './send';
import { reminderTargets } from './targets';

/** 催报: whom to chase, drafts for the mail client, sending through the office mailbox, the phone list. */
export const remindOps = {
  'remind.targets': defineOp({
    callers: 'office',
    input: z.object({ campaignYear }).default({}),
    run: (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      const last = new Map(
        ctx.db.orm
          .all<{ unit_id: number; at: string; channel: string; status: string }>(
            sql`SELECT unit_id, max(at) AS at, channel, status FROM reminders WHERE campaign_id = ${campaign.id} AND kind = 'remind' GROUP BY unit_id`,
          )
          .map((r) => [r.unit_id, { at: r.at, channel: r.channel, status: r.status }]),
      );
      return {
        deadline: campaign.deadline,
        targets: reminderTargets(ctx.db.orm, campaign).map((t) => ({ ...t, lastReminder: last.get(t.unitId) ?? null })),
      };
    },
  }),
  /** The campaign's letter templates per situation (the office's own where it wrote one), with the placeholders. */
  'remind.templates': defineOp({
    callers: 'office',
    input: z.object({ campaignYear }).default({}),
    run: (input, ctx) => ({
      templates: readTemplates(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id),
      defaults: DEFAULT_TEMPLATES,
      placeholders: PLACEHOLDERS,
      labels: REMIND_SITUATION,
    }),
  }),
  'remind.setTemplates': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, templates: templatesSchema }),
    changes: ['settings'],
    run: (input, ctx) =>
      writeTemplates(ctx.db.orm, resolveCampaign(ctx.db.orm, input.campaignYear).id, input.templates),
    audit: (input, _out, ctx) => ({
      action: 'settings',
      campaignYear: resolveCampaign(ctx.db.orm, input.campaignYear).year,
      summary: `修改催报提醒模板（${Object.keys(input.templates)
        .map((k) => REMIND_SITUATION[k as keyof typeof REMIND_SITUATION])
        .join('、')}）`,
    }),
  }),
  /** Before sending: one unit's letter as it will go, and the whole recipient list. */
  'remind.preview': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, unitId: z.number().int().positive().optional() }).default({}),
    run: (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      const targets = reminderTargets(ctx.db.orm, campaign);
      const shown = targets.find((t) => t.unitId === input.unitId) ?? targets.find((t) => t.email) ?? targets[0];
      const letter = shown
        ? {
            unitId: shown.unitId,
            unitName: shown.unitName,
            to: shown.email,
            ...reminderFor(campaign, shown, officeSignature(campaign), readTemplates(ctx.db.orm, campaign.id)),
          }
        : null;
      return {
        letter,
        recipients: targets.map((t) => ({
          unitId: t.unitId,
          unitName: t.unitName,
          email: t.email,
          situation: REMIND_SITUATION[t.situation],
        })),
      };
    },
  }),
  'remind.drafts': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, per: z.enum(['unit', 'sector']).default('unit') }),
    changes: ['units'],
    heavy: true,
    run: (input, ctx) => reminderDrafts(ctx, resolveCampaign(ctx.db.orm, input.campaignYear), input.per),
    audit: (input, out) => ({
      action: 'reminder',
      summary: `生成提醒邮件草稿 ${out.drafts} 封（${input.per === 'unit' ? '每个集体一封' : '每个系统一封，集体在密送'}，共 ${out.units} 个集体）`,
    }),
  }),
  'remind.send': defineOp({
    callers: 'office',
    input: z.object({
      campaignYear,
      /** The CLI names the server; the app uses the mailbox kept in 设置 → 邮箱 (smtp.* of its imap.*). */
      smtp: smtpSchema.optional(),
      password: z.string().min(1).max(200).optional(),
      dryRun: z.boolean().default(false),
      intervalMs: z.number().int().min(0).max(600_000).default(2_000),
      unitIds: z.array(z.number().int().positive()).max(10_000).optional(),
    }),
    changes: ['units'],
    longWrite: '发送提醒',
    machineOnly: ['smtp', 'password'],
    heavy: true,
    run: async (input, ctx, call) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      const account = readAccount(ctx.db.orm);
      const smtp = input.smtp ?? (account ? smtpOf(account) : null);
      if (!smtp)
        throw new DeskError(
          'no-mail-account',
          '还没有设置办公室邮箱。请在“设置 → 邮箱”中填写邮箱和授权码，或先生成提醒邮件草稿。',
        );
      const secret = input.password ?? (await ctx.secrets.get(passwordKey(smtp.user)));
      if (!secret && !input.dryRun)
        throw new DeskError('mail-auth', '还没有保存这个邮箱的授权码。请在“设置 → 邮箱”中填写授权码后再发送。');
      return sendReminders(
        ctx,
        campaign,
        smtp,
        secret ?? '',
        { dryRun: input.dryRun, intervalMs: input.intervalMs, unitIds: input.unitIds },
        call,
      );
    },
    audit: (_input, out) =>
      out.dryRun
        ? null
        : {
            action: 'reminder',
            summary: `发送催报提醒：成功 ${out.sent.length} 封${out.failed.length ? `，失败 ${out.failed.length} 封` : ''}${out.skipped.length ? `，今天已提醒而跳过 ${out.skipped.length} 个` : ''}`,
          },
  }),
  /** 发一封测试邮件 to the office's own address through the 发信服务器 kept in 设置 → 邮箱. */
  'remind.testSend': defineOp({
    callers: 'office',
    input: z.object({}).default({}),
    changes: ['settings'],
    run: async (_input, ctx) => {
      const account = readAccount(ctx.db.orm);
      if (!account) throw new DeskError('no-mail-account', '还没有设置办公室邮箱。请先在“设置 → 邮箱”中填写并保存。');
      const secret = await ctx.secrets.get(passwordKey(account.user));
      if (!secret) throw new DeskError('mail-auth', '还没有保存这个邮箱的授权码。请填写授权码并保存后再试。');
      return sendTestMail(smtpOf(account), secret);
    },
    audit: (_input, out) => ({ action: 'settings', summary: `发送测试邮件到 ${out.to}` }),
  }),
  'remind.phoneList': defineOp({
    callers: 'office',
    input: z.object({ campaignYear, format: z.enum(['xlsx', 'pdf']).default('pdf') }),
    heavy: true,
    run: async (input, ctx) => {
      const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
      const targets = reminderTargets(ctx.db.orm, campaign);
      const artifact = await makeArtifact(
        ctx.dataDir,
        `${campaign.year}年度电话催报名单.${input.format}`,
        async (file) => {
          if (input.format === 'xlsx') await phoneListWorkbook(campaign, targets, file);
          else fs.writeFileSync(file, await phoneListPdf(campaign, targets));
        },
      );
      return { units: targets.length, artifact };
    },
    audit: (_input, out) => ({ action: 'export', summary: `导出「${out.artifact.fileName}」（${out.units} 个集体）` }),
  }),
};
