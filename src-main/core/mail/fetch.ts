import type { ImapFlow } from 'imapflow';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import type { Job } from '../contract/define';
import { totalsOf, type IntakeTotals, type SourceReport } from '../intake/intake';
import { importedMessageIds } from '../intake/mailMessage';
import { listUnits } from '../roster/units';
import { readSync, writeFolderSync, type MailAccount } from './accounts';
import { connect, mailError } from './connection';
import { fetchMailParts, type MailParts } from './partsView';
import { MailPreparer } from '../intake/mailPreparer';
import { writeBatch, type Prepared } from '../intake/rows';
import { readLimits } from '../intake/limits';
import { formatUidSet, parseUidSet } from './uidSet';
import { listNew, otherFoldersOf, type Listed } from './listing';
import { readOne, type MessageRun } from './readMessage';
import { readWithin } from './download';
import { STREAMED_MAIL_BYTES } from '../intake/emlStream';

export interface MailWindow {
  /** First day read (China date, inclusive). */
  since: string;
  /** Last day read (China date, inclusive). */
  until: string;
}

export interface MailFetchResult {
  sources: Array<SourceReport & { message_id?: string | null }>;
  totals: IntakeTotals;
  cancelled: boolean;
  notStarted: number;
  /**
   * Per folder read: messages newly read, already in (skipped), and lying outside the date range (counted, not read).
   */
  folders: Array<{ folder: string; newMessages: number; alreadyIn: number; outsideRange: number }>;
  /**
   * The account's other folders that hold mail, not read (a unit's mail filed there by a rule is found by adding the
   * folder).
   */
  otherFolders: Array<{ folder: string; messages: number }>;
}

/** The campaign's own window: from its issue date to 30 days after its deadline. */
export function defaultWindow(campaign: Campaign): MailWindow {
  const until = new Date(Date.parse(`${campaign.deadline}T00:00:00+08:00`) + 30 * 86_400_000);
  const since = campaign.issuedOn ?? `${campaign.year}-01-01`;
  return { since, until: new Date(until.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) };
}

/**
 * Reads the office's mailbox into one campaign. Folders are opened read-only (EXAMINE) and messages
 * only read (BODY.PEEK), so nothing on the server is deleted, moved or flagged. Each message with
 * attachments is one source, read exactly as an .eml is; the others are listed as skipped. After
 * each message its UID joins the folder's read set, so a fetch cut short resumes where it stopped
 * and a wider date range later brings exactly what was left outside.
 */
export async function fetchMail(
  ctx: CoreContext,
  account: MailAccount,
  password: string,
  campaign: Campaign,
  window: MailWindow,
  job: Job,
): Promise<MailFetchResult> {
  const orm = ctx.db.orm;
  const reports: MailFetchResult['sources'] = [];
  const folders: MailFetchResult['folders'] = [];
  job.progress({ done: 0, total: 0, message: `正在连接 ${account.host}` });
  // Started before connecting: the intake thread loads its modules while the server logs us in.
  // The fetch holds the write lock throughout, so the roster and limits read now hold to the end.
  const roster = listUnits(orm);
  const limits = readLimits(orm);
  const preparer = new MailPreparer(ctx, { dataDir: ctx.dataDir, campaign, roster, limits }, job.signal);
  const client = await connect(account, password).catch(async (error: unknown) => {
    await preparer.close();
    throw error;
  });
  const abort = () => client.close();
  job.signal.addEventListener('abort', abort);
  let queue: Listed[] = [];
  let done = 0;
  let otherFolders: MailFetchResult['otherFolders'] = [];
  try {
    const sync = readSync(orm, account.user);
    for (const folder of account.folders) {
      const box = await client.mailboxOpen(folder, { readOnly: true });
      const uidValidity = String(box.uidValidity);
      // A mailbox rebuilt on the server renumbers its messages: read it again from the start.
      const read = parseUidSet(sync[folder]?.uidValidity === uidValidity ? sync[folder]!.done : undefined);
      const found = await listNew(client, folder, read, window);
      const seen = importedMessageIds(ctx, campaign.id);
      const run: MessageRun = {
        ...{ ctx, client, campaign, roster, limits, seen },
        signal: job.signal,
        silenceMs: account.timeoutSeconds * 1000,
      };
      // Already in by its Message-ID (a folder synced before UID ranges, the same mail fetched from another folder):
      // counted, not listed.
      const known = found.listed.filter((m) => m.messageId && seen.has(m.messageId));
      for (const m of known) read.add(m.uid);
      const listed = found.listed.filter((m) => !known.includes(m));
      const saveSync = () =>
        writeFolderSync(orm, account.user, folder, {
          uidValidity,
          lastUid: Math.max(0, ...read),
          done: formatUidSet(read),
        });
      if (known.length) saveSync();
      folders.push({
        folder,
        newMessages: listed.length,
        alreadyIn: found.inRange - listed.length,
        outsideRange: Math.max(0, box.exists - found.inRange),
      });
      queue = listed;
      const bytesTotal = listed.reduce((n, m) => n + m.size, 0);
      let bytesDone = 0;
      const record = (message: Listed, report: MailFetchResult['sources'][number]) => {
        reports.push(report);
        read.add(message.uid);
        saveSync();
        queue = queue.filter((m) => m !== message);
        bytesDone += message.size;
        done++;
      };
      /** Writes the rows of the message the intake thread was preparing; false when cancelled. */
      const finish = async (p: Pending): Promise<boolean> => {
        // A message the intake thread could not read from its parts is read from its raw source, where a
        // failure is the message's own (skipped with its reason), not the fetch's.
        const prepared = await p.prepared.catch(() => (job.signal.aborted ? undefined : null));
        if (prepared === undefined || job.signal.aborted) return false;
        // The header could not be read from the parts: the raw source decides, as for any other message.
        const report = prepared
          ? { ...writeBatch(ctx, campaign, [prepared])[0]!, source: p.message.subject, message_id: p.message.messageId }
          : await readOne(run, p.message);
        if (!report) return false;
        if (p.message.messageId) seen.add(p.message.messageId);
        record(p.message, report);
        return true;
      };
      // A line: the next message downloads (this thread) while the ones before it are unpacked
      // (one per intake thread) and the oldest gets its rows (this thread, in mailbox order).
      const ahead = (message: Listed | undefined) =>
        message ? quiet(prefetch(client, message, seen, limits.maxTotalBytes, run.silenceMs)) : null;
      let next = ahead(listed[0]);
      const pending: Pending[] = [];
      for (const [index, message] of listed.entries()) {
        if (job.signal.aborted) break;
        job.progress({
          done,
          total: done + queue.length,
          message: `正在收取（${folder}）：${message.subject}`,
          bytesDone,
          bytesTotal,
        });
        const parts = await next!.catch(async (error: unknown) => {
          // The line dropped on this message: the ones before it are whole and keep their rows.
          while (pending.length && !job.signal.aborted) await finish(pending.shift()!);
          throw error;
        });
        next = ahead(listed[index + 1]);
        if (parts) {
          pending.push({ message, prepared: quiet(preparer.prepare(message.subject, parts)) });
          if (pending.length <= preparer.depth) continue;
          if (!(await finish(pending.shift()!))) break;
          continue;
        }
        // Rows stay in the order of the mailbox: what is being prepared is written first.
        let cancelled = false;
        while (pending.length && !cancelled) cancelled = !(await finish(pending.shift()!));
        if (cancelled) break;
        const report = await readOne(run, message);
        if (!report) break;
        record(message, report);
      }
      while (pending.length && !job.signal.aborted) if (!(await finish(pending.shift()!))) break;
      if (job.signal.aborted) break;
      if (listed.length === 0 && sync[folder]?.uidValidity !== uidValidity) saveSync();
    }
    if (!job.signal.aborted) otherFolders = await otherFoldersOf(client, account.folders);
  } catch (error) {
    if (!job.signal.aborted) throw mailError(error, account);
  } finally {
    job.signal.removeEventListener('abort', abort);
    await preparer.close();
    await client.logout().catch(() => client.close());
  }
  job.progress({ done, total: done + queue.length, message: job.signal.aborted ? '已取消' : '收取完成' });
  return {
    sources: reports,
    totals: totalsOf(reports),
    cancelled: job.signal.aborted,
    notStarted: queue.length,
    folders,
    otherFolders,
  };
}

/** A promise that is awaited later; until then its failure must not count as unhandled. */
function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** A message being prepared on the intake thread, its rows still to be written. */
interface Pending {
  message: Listed;
  /** null: its header could not be read from the parts. */
  prepared: Promise<Prepared | null>;
}

/**
 * Fetches a message part by part when it will be read as a submission and the server's parse
 * allows; null means it is read from its raw source (or is a duplicate, or has no attachments).
 */
async function prefetch(
  client: ImapFlow,
  message: Listed,
  seen: Set<string>,
  limit: number,
  silenceMs: number,
): Promise<MailParts | null> {
  if (
    (message.messageId && seen.has(message.messageId)) ||
    !message.plan ||
    message.attachments === 0 ||
    // Parts come whole in one reply: a large message is downloaded in ranges and read as it streams.
    message.size > STREAMED_MAIL_BYTES ||
    message.plan.bytes > limit
  )
    return null;
  return readWithin(client, message.size, silenceMs, fetchMailParts(client, message.uid, message.plan.leaves));
}
