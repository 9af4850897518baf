import { and, eq, inArray } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import { intakeSources } from '../db/schema';
import type { Unit } from '../roster/units';
import fs from 'node:fs';
import { parseMail } from './emlReader';
import { importOne, type SourceReport } from './intake';
import { largeAttachmentLinks } from './largeAttachments';
import type { MailView } from './mailView';

/**
 * One message of a mailbox (IMAP or an .mbox file): its raw source in a temporary .eml file, or the IMAP server's parse
 * of it.
 */
export type MailboxMessage = ({ file: string } | { view: MailView }) & {
  subject: string;
  messageId: string | null;
  /** Parts that are files; a message with none is not a submission. */
  attachments: number;
};

/** The Message-IDs already taken into a campaign: a message seen again is a duplicate, not a new source. */
export function importedMessageIds(ctx: CoreContext, campaignId: number): Set<string> {
  const rows = ctx.db.orm
    .select({ messageId: intakeSources.messageId })
    .from(intakeSources)
    .where(
      and(
        eq(intakeSources.campaignId, campaignId),
        inArray(intakeSources.status, ['imported', 'unmatched', 'duplicate']),
      ),
    )
    .all();
  return new Set(rows.map((r) => r.messageId).filter((m): m is string => !!m));
}

/** A message small enough to have been fetched whole, with a 超大附件 link in its body: material after all. */
async function carriesLargeAttachment(file: string): Promise<boolean> {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0 || fs.statSync(file).size > LINK_ONLY_MAX) return false;
  const mail = await parseMail(fs.readFileSync(file));
  return !!mail && largeAttachmentLinks(mail.text, mail.html, null).length > 0;
}

/** Messages without attachments are read this far to look for 超大附件 links; an auto-reply is far smaller. */
export const LINK_ONLY_MAX = 2 * 1024 * 1024;

const NO_ATTACHMENT = '邮件没有附件（自动回复、回执或询问），不作为材料。';

/** A message taken as no submission, with why: its row in 收件记录 and its line in the report. */
export function recordSkipped(
  ctx: CoreContext,
  campaign: Campaign,
  message: { subject: string; messageId: string | null },
  why: string,
): SourceReport & { message_id: string | null } {
  ctx.db.orm
    .insert(intakeSources)
    .values({
      campaignId: campaign.id,
      label: message.subject,
      kind: 'mail',
      messageId: message.messageId,
      status: 'skipped',
      message: why,
    })
    .run();
  return { source: message.subject, message_id: message.messageId, status: 'skipped', message: why, reason: why };
}

/**
 * Every mailbox message goes through here: a Message-ID already imported is a duplicate, a message
 * without attachments is listed as skipped (and kept in 收件记录), any other is read exactly as a
 * dropped .eml is. Null when cancelled.
 */
export async function importMessage(
  ctx: CoreContext,
  campaign: Campaign,
  roster: Unit[],
  message: MailboxMessage,
  seen: Set<string>,
  signal: AbortSignal,
): Promise<SourceReport | null> {
  const base = { source: message.subject, message_id: message.messageId };
  if (message.messageId && seen.has(message.messageId))
    return { ...base, status: 'duplicate', message: '这封邮件已经收过，未重复保存。' };
  if (message.attachments === 0 && !('file' in message && (await carriesLargeAttachment(message.file))))
    return recordSkipped(ctx, campaign, message, NO_ATTACHMENT);
  const source =
    'view' in message
      ? { kind: 'eml' as const, label: message.subject, mail: message.view }
      : { kind: 'eml' as const, label: message.subject, file: message.file };
  const report = await importOne(ctx, campaign, roster, source, signal);
  if (report && message.messageId) seen.add(message.messageId);
  return report ? { ...report, ...base } : null;
}
