import fs from 'node:fs';
import type { ImapFlow } from 'imapflow';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import type { SourceReport } from '../intake/intake';
import type { IntakeLimits } from '../intake/limits';
import { importMessage, LINK_ONLY_MAX, recordSkipped } from '../intake/mailMessage';
import type { Unit } from '../roster/units';
import { download } from './download';
import type { Listed } from './listing';

type Report = SourceReport & { message_id?: string | null };

/** What every message of one fetch is read with. */
export interface MessageRun {
  ctx: CoreContext;
  client: ImapFlow;
  campaign: Campaign;
  roster: Unit[];
  limits: IntakeLimits;
  seen: Set<string>;
  signal: AbortSignal;
  /** The account's "no answer" time: a read may take this, and a second more per 64 KB. */
  silenceMs: number;
}

/** What a message may weigh and still be read: its attachments' total, as base64, and its letter. */
function largestMessage(limits: IntakeLimits): number {
  return Math.ceil((limits.maxTotalBytes * 4) / 3) + 16 * 1024 ** 2;
}

const mb = (bytes: number) => Math.max(1, Math.round(bytes / 1024 ** 2));

/** A failure of the machine (disk full, no permission), not of the message: the fetch stops on it. */
const machineFailure = (error: unknown) => typeof (error as NodeJS.ErrnoException)?.syscall === 'string';

/**
 * One message into the campaign from its raw source in a temporary file (gone afterwards),
 * downloaded only when it will be read: a duplicate or a message without attachments is not.
 * One larger than the limits allow is not downloaded; one that cannot be read is skipped with its
 * reason (`recordSkipped`: a row in 收件记录, a line in the report, its UID counted as read — so the
 * next fetch goes past it rather than stopping at it for ever). A failure to download (the
 * connection) stops the fetch before the message is recorded.
 */
export async function readOne(run: MessageRun, message: Listed): Promise<Report | null> {
  const { ctx, campaign, limits, seen, signal } = run;
  const base = { subject: message.subject, messageId: message.messageId, attachments: message.attachments };
  const duplicate = !!message.messageId && seen.has(message.messageId);
  if (!duplicate && message.size > largestMessage(limits))
    return recordSkipped(
      ctx,
      campaign,
      message,
      `这封邮件有 ${mb(message.size)} MB，超过收件限制（附件合计 ${mb(limits.maxTotalBytes)} MB）能容下的大小，未下载，已跳过。请请该单位改用超大附件或分几封发送；确需收取，可在“设置 → 收件限制”中调高上限后重新收取。`,
    );
  const file = ctx.store.tempPath();
  try {
    // Without attachments a message may still carry its material as a 超大附件 link: small ones are read to see.
    const needed = !duplicate && (message.attachments > 0 || message.size <= LINK_ONLY_MAX);
    if (needed) await download(run.client, message.uid, message.size, file, run.silenceMs);
    try {
      return await importMessage(ctx, campaign, run.roster, { ...base, file }, seen, signal);
    } catch (error) {
      if (signal.aborted || machineFailure(error)) throw error;
      ctx.log.error('mail message unreadable', error);
      return recordSkipped(
        ctx,
        campaign,
        message,
        '这封邮件的内容无法读取（格式异常或已损坏），已跳过。请请该单位重新发送；如邮件程序能打开，也可把附件另存出来再导入。',
      );
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
}
