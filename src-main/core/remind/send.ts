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

export const smtpSchema = z.object({
  host: z.string().trim().min(1, '请填写发信服务器').max(200).regex(/^[A-Za-z0-9.-]+$/, '服务器地址只能包含字母、数字、点和连字符'),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(['on', 'starttls', 'off']),
  user: z.string().trim().min(3).max(200),
});
export type SmtpAccount = z.output<typeof smtpSchema>;

/** The office mailbox's sending side, from its reading side: imap.163.com → smtp.163.com:465 (TLS). */
export function smtpOf(account: { host: string; user: string }): SmtpAccount {
  return { host: account.host.replace(/^imap\./i, 'smtp.'), port: 465, tls: 'on', user: account.user };
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/i;

export interface SendReport {
  sent: Array<{ unitId: number; unitName: string; address: string; reply: string }>;
  failed: Array<{ unitId: number; unitName: string; address: string; reply: string }>;
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
export async function sendReminders(ctx: CoreContext, campaign: Campaign, smtp: SmtpAccount, password: string, options: { dryRun: boolean; intervalMs: number; unitIds?: number[] }, job: Job): Promise<SendReport> {
  if (smtp.tls === 'off' && !LOOPBACK.test(smtp.host)) throw new DeskError('invalid-input', '不加密的发信连接只允许本机测试服务器；163/QQ/126 邮箱请使用 SSL（465 端口）。');
  const orm = ctx.db.orm;
  const targets = reminderTargets(orm, campaign).filter((t) => !options.unitIds || options.unitIds.includes(t.unitId));
  const report: SendReport = { sent: [], failed: [], skipped: [], noAddress: [], dryRun: options.dryRun, cancelled: false };
  const ids = targets.map((t) => t.unitId);
  const today = new Map(
    (ids.length ? orm.select().from(reminders).where(and(eq(reminders.campaignId, campaign.id), eq(reminders.channel, 'smtp'), inArray(reminders.status, ['sent', 'sending']), gte(reminders.at, chinaDayStart(chinaDay())))).all() : []).map((r) => [r.unitId, r.status]),
  );
  const queue = [];
  for (const t of targets) {
    if (!t.email) report.noAddress.push({ unitId: t.unitId, unitName: t.unitName, phone: t.phone });
    else if (today.has(t.unitId)) report.skipped.push({ unitId: t.unitId, unitName: t.unitName, why: today.get(t.unitId) === 'sending' ? 'unsure' : 'today' });
    else queue.push(t);
  }
  if (options.dryRun) {
    report.sent = queue.map((t) => ({ unitId: t.unitId, unitName: t.unitName, address: t.email!, reply: '（试运行，未发送）' }));
    return report;
  }
  const transport = nodemailer.createTransport({
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
      const claim = orm.insert(reminders).values({ unitId: t.unitId, campaignId: campaign.id, at: new Date().toISOString(), channel: 'smtp', address: t.email, subject: mail.subject, status: 'sending', messageId: mail.messageId, by }).returning({ id: reminders.id }).get().id;
      try {
        const raw = await composeEml({ from: smtp.user, to: t.email!, ...mail, draft: false });
        const info = await transport.sendMail({ envelope: { from: smtp.user, to: [t.email!] }, raw });
        orm.update(reminders).set({ status: 'sent', reply: info.response }).where(eq(reminders.id, claim)).run();
        report.sent.push({ unitId: t.unitId, unitName: t.unitName, address: t.email!, reply: info.response });
      } catch (error) {
        const reply = (error as { response?: string }).response ?? (error as Error).message;
        orm.update(reminders).set({ status: 'failed', reply }).where(eq(reminders.id, claim)).run();
        report.failed.push({ unitId: t.unitId, unitName: t.unitName, address: t.email!, reply });
        // A refused login or an unreachable server fails every one alike: stop, say so once.
        const code = (error as { code?: string }).code;
        if (code === 'EAUTH' || code === 'ECONNECTION' || code === 'ESOCKET' || code === 'ETIMEDOUT') {
          throw new DeskError('smtp-failed', code === 'EAUTH' ? `发信服务器拒绝登录（${reply}）。请检查邮箱地址和授权码。已发送 ${report.sent.length} 封。` : `连不上发信服务器 ${smtp.host}:${smtp.port}（${reply}）。已发送 ${report.sent.length} 封。`, { report });
        }
      }
      if (i < queue.length - 1 && options.intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
  } finally {
    transport.close();
  }
  job.progress({ done: report.sent.length + report.failed.length, total: queue.length, message: '提醒发送完毕' });
  return report;
}
