import { and, eq, gte, inArray } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { chinaDay, chinaDayStart } from '../../common/chinaTime';
import type { CoreContext } from '../app/context';
import { officeUser, UNNAMED_USER } from '../audit/log';
import type { Campaign } from '../campaigns/model';
import type { Job } from '../contract/define';
import { DeskError } from '../contract/errors';
import { reminders } from '../db/records';
import { composeEml, reminderFor } from './message';
import { officeSignature } from './drafts';
import { reminderTargets } from './targets';
import { readTemplates } from './texts';
import { conversationTracker, serverWords, smtpFailure } from './smtpWords';

export const smtpSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, '请填写发信服务器')
    .max(200)
    .regex(/^[A-Za-z0-9.-]+$/, '服务器地址只能包含字母、数字、点和连字符'),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(['on', 'starttls', 'off']),
  user: z.string().trim().min(3).max(200),
});
export type SmtpAccount = z.output<typeof smtpSchema>;

/** The office mailbox's sending side: the 发信服务器 set in 设置 → 邮箱, else smtp.* of its imap.* on 465 (SSL). */
export function smtpOf(account: {
  host: string;
  user: string;
  smtp?: { host: string; port: number; tls: SmtpAccount['tls'] };
}): SmtpAccount {
  if (account.smtp) return { ...account.smtp, user: account.user };
  return { host: account.host.replace(/^imap\./i, 'smtp.'), port: 465, tls: 'on', user: account.user };
}

function transportOf(smtp: SmtpAccount, password: string, logger?: ReturnType<typeof conversationTracker>['logger']) {
  return nodemailer.createTransport({
    ...(logger ? { logger, debug: true } : {}),
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'on',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'off',
    auth: { user: smtp.user, pass: password },
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
}

function refuseClearText(smtp: SmtpAccount): void {
  if (smtp.tls === 'off' && !LOOPBACK.test(smtp.host))
    throw new DeskError(
      'invalid-input',
      '不加密的发信连接只允许本机测试服务器；163/QQ/126 邮箱请使用 SSL（465 端口）。',
    );
}

/** 发一封测试邮件: one message to the office's own address through the 发信服务器, with the server's answer. */
export async function sendTestMail(smtp: SmtpAccount, password: string): Promise<{ to: string; reply: string }> {
  refuseClearText(smtp);
  const transport = transportOf(smtp, password);
  try {
    const text = `这是组委会工作台发出的测试邮件（${new Date().toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}）。收到它，说明催报提醒可以通过这个邮箱发出。`;
    const raw = await composeEml({
      from: smtp.user,
      to: smtp.user,
      subject: '【测试】组委会工作台发信测试',
      text,
      messageId: `<test-${Date.now()}@committee-desk.local>`,
      draft: false,
    });
    const info = await transport.sendMail({ envelope: { from: smtp.user, to: [smtp.user] }, raw });
    return { to: smtp.user, reply: serverWords(info.response) };
  } catch (error) {
    throw new DeskError('smtp-failed', `测试邮件没有发出：${smtpFailure(error, smtp).words}。`);
  } finally {
    transport.close();
  }
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/i;

export interface SendReport {
  sent: Array<{ unitId: number; unitName: string; address: string; reply: string }>;
  failed: Array<{ unitId: number; unitName: string; address: string; reply: string }>;
  /** 可能已发送: handed to the server, its answer lost; shown to the clerk, not re-sent automatically. */
  unsure: Array<{ unitId: number; unitName: string; address: string; reply: string }>;
  /** Reminded today already (sent), or claimed by a batch cut off mid-send: never sent twice. */
  skipped: Array<{ unitId: number; unitName: string; why: 'today' | 'unsure' }>;
  noAddress: Array<{ unitId: number; unitName: string; phone: string }>;
  dryRun: boolean;
  cancelled: boolean;
}

/**
 * Sends each unit its reminder through the office mailbox, one every `intervalMs` (网易 and QQ
 * block a burst). Each is claimed in the database (`sending`) before the server is spoken to and
 * settled after: a crash between leaves the claim, and the next run skips that unit rather than
 * risk sending twice — it is reported as 可能已发送.
 */
export async function sendReminders(
  ctx: CoreContext,
  campaign: Campaign,
  smtp: SmtpAccount,
  password: string,
  options: { dryRun: boolean; intervalMs: number; unitIds?: number[] },
  job: Job,
): Promise<SendReport> {
  refuseClearText(smtp);
  const orm = ctx.db.orm;
  const targets = reminderTargets(orm, campaign).filter((t) => !options.unitIds || options.unitIds.includes(t.unitId));
  const report: SendReport = {
    sent: [],
    failed: [],
    unsure: [],
    skipped: [],
    noAddress: [],
    dryRun: options.dryRun,
    cancelled: false,
  };
  const ids = targets.map((t) => t.unitId);
  const today = new Map(
    (ids.length
      ? orm
          .select()
          .from(reminders)
          .where(
            and(
              eq(reminders.campaignId, campaign.id),
              eq(reminders.channel, 'smtp'),
              inArray(reminders.status, ['sent', 'sending']),
              gte(reminders.at, chinaDayStart(chinaDay())),
            ),
          )
          .all()
      : []
    ).map((r) => [r.unitId, r.status]),
  );
  const queue = [];
  for (const t of targets) {
    if (!t.email) report.noAddress.push({ unitId: t.unitId, unitName: t.unitName, phone: t.phone });
    else if (today.has(t.unitId))
      report.skipped.push({
        unitId: t.unitId,
        unitName: t.unitName,
        why: today.get(t.unitId) === 'sending' ? 'unsure' : 'today',
      });
    else queue.push(t);
  }
  if (options.dryRun) {
    report.sent = queue.map((t) => ({
      unitId: t.unitId,
      unitName: t.unitName,
      address: t.email!,
      reply: '（试运行，未发送）',
    }));
    return report;
  }
  const conversation = conversationTracker();
  const transport = transportOf(smtp, password, conversation.logger);
  const by = officeUser(orm) ?? UNNAMED_USER;
  const signature = officeSignature(campaign);
  const templates = readTemplates(orm, campaign.id);
  try {
    for (const [i, t] of queue.entries()) {
      if (job.signal.aborted) {
        report.cancelled = true;
        break;
      }
      job.progress({ done: i, total: queue.length, message: `正在发送提醒：${t.unitName}` });
      const mail = reminderFor(campaign, t, signature, templates);
      const claim = orm
        .insert(reminders)
        .values({
          unitId: t.unitId,
          campaignId: campaign.id,
          at: new Date().toISOString(),
          channel: 'smtp',
          address: t.email,
          subject: mail.subject,
          status: 'sending',
          messageId: mail.messageId,
          by,
        })
        .returning({ id: reminders.id })
        .get().id;
      try {
        const raw = await composeEml({ from: smtp.user, to: t.email!, ...mail, draft: false });
        const info = await transport.sendMail({ envelope: { from: smtp.user, to: [t.email!] }, raw });
        const reply = serverWords(info.response);
        orm.update(reminders).set({ status: 'sent', reply }).where(eq(reminders.id, claim)).run();
        report.sent.push({ unitId: t.unitId, unitName: t.unitName, address: t.email!, reply });
      } catch (error) {
        const failure = smtpFailure(error, smtp, conversation.state.lastServerLine);
        // Kept on the unit's record: the server's own reply first (a 550 is a 550), then what it means.
        const serverReply = serverWords((error as { response?: string }).response);
        const reply = serverReply
          ? `${serverReply}（${failure.words.replace(`（服务器答复：${serverReply}）`, '')}）`
          : failure.words;
        if (failure.unsure) {
          // Handed over, never confirmed: 可能已发送 — kept for the clerk to decide, never re-sent by itself.
          orm.update(reminders).set({ status: 'sending', reply }).where(eq(reminders.id, claim)).run();
          report.unsure.push({ unitId: t.unitId, unitName: t.unitName, address: t.email!, reply });
        } else {
          orm.update(reminders).set({ status: 'failed', reply }).where(eq(reminders.id, claim)).run();
          report.failed.push({ unitId: t.unitId, unitName: t.unitName, address: t.email!, reply });
        }
        // A refused login or an unreachable server fails every one alike: stop, say so once.
        if (failure.fatal)
          throw new DeskError(
            'smtp-failed',
            `${failure.words}。已发送 ${report.sent.length} 封${report.unsure.length ? `，可能已发送 ${report.unsure.length} 封（请核实）` : ''}。`,
            { report },
          );
      }
      if (i < queue.length - 1 && options.intervalMs > 0)
        await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
  } finally {
    transport.close();
  }
  job.progress({ done: report.sent.length + report.failed.length, total: queue.length, message: '提醒发送完毕' });
  return report;
}
