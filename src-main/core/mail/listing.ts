import type { FetchMessageObject, ImapFlow, MessageStructureObject } from 'imapflow';
import type { MailWindow } from './fetch';
import { partsPlan } from './partsView';

// What a folder holds that this fetch has not read, listed before any message is downloaded.

/** Parts that are files: an attachment, or any named part that is not the message's text. */
function attachmentsOf(node: MessageStructureObject | undefined): number {
  if (!node) return 0;
  if (node.childNodes?.length) return node.childNodes.reduce((n, c) => n + attachmentsOf(c), 0);
  const named = !!(node.dispositionParameters?.filename || node.parameters?.name);
  if (node.disposition === 'attachment' || node.type === 'message/rfc822') return 1;
  return named && !/^text\/(plain|html)$/i.test(node.type) ? 1 : 0;
}

export interface Listed {
  folder: string;
  uid: number;
  size: number;
  subject: string;
  messageId: string | null;
  attachments: number;
  /** Set when the server's parse of the message can be read part by part. */
  plan: ReturnType<typeof partsPlan>;
}

/**
 * The folder's messages in the date range (SEARCH SINCE/BEFORE) not read before: every fetch reads
 * its whole range, so a later, wider one brings what an earlier, narrower one left outside.
 */
export async function listNew(
  client: ImapFlow,
  folder: string,
  done: Set<number>,
  window: MailWindow,
): Promise<{ listed: Listed[]; inRange: number }> {
  const until = new Date(Date.parse(`${window.until}T00:00:00+08:00`) + 86_400_000);
  const uids =
    (await client.search({ since: new Date(`${window.since}T00:00:00+08:00`), before: until }, { uid: true })) || [];
  const wanted = uids.filter((uid) => !done.has(uid)).sort((a, b) => a - b);
  if (!wanted.length) return { listed: [], inRange: uids.length };
  const listed: Listed[] = [];
  for await (const message of client.fetch(
    wanted,
    { uid: true, size: true, envelope: true, bodyStructure: true },
    { uid: true },
  ) as AsyncIterable<FetchMessageObject>) {
    listed.push({
      folder,
      uid: message.uid,
      size: message.size ?? 0,
      subject: message.envelope?.subject?.trim() || '（无主题）',
      messageId: message.envelope?.messageId ?? null,
      attachments: attachmentsOf(message.bodyStructure),
      plan: partsPlan(message.bodyStructure),
    });
  }
  listed.push(...(await unparsed(client, folder, wanted, listed)));
  return { listed: listed.sort((a, b) => a.uid - b.uid), inRange: uids.length };
}

/**
 * Messages the search found but the listing did not return: imapflow drops a message whose
 * BODYSTRUCTURE nests deeper than its parser goes (25 levels — a forward of a forward …). Each is
 * asked for again without its structure and read whole, as an .eml is: it gets an outcome in the
 * report and in 收件记录 (imported, or refused with the reason), never a silent pass.
 */
async function unparsed(client: ImapFlow, folder: string, wanted: number[], listed: Listed[]): Promise<Listed[]> {
  const seen = new Set(listed.map((m) => m.uid));
  const missing = wanted.filter((uid) => !seen.has(uid));
  if (!missing.length) return [];
  const found = new Map<number, FetchMessageObject>();
  for await (const message of client.fetch(
    missing,
    { uid: true, size: true, envelope: true },
    { uid: true },
  ) as AsyncIterable<FetchMessageObject>)
    found.set(message.uid, message);
  return missing.map((uid) => {
    const message = found.get(uid);
    return {
      folder,
      uid,
      size: message?.size ?? 0,
      subject: message?.envelope?.subject?.trim() || `（邮件结构无法读取，编号 ${uid}）`,
      messageId: message?.envelope?.messageId ?? null,
      // Unknown: read whole, so what it carries (or why it cannot be read) is found and recorded.
      attachments: 1,
      plan: null,
    };
  });
}

/** The account's other folders and how much mail each holds (Trash and Junk included: a unit's mail may sit there). */
export async function otherFoldersOf(
  client: ImapFlow,
  read: string[],
): Promise<Array<{ folder: string; messages: number }>> {
  const out: Array<{ folder: string; messages: number }> = [];
  for (const box of await client.list()) {
    if (read.includes(box.path) || box.flags.has('\\Noselect') || box.flags.has('\\NonExistent')) continue;
    const status = await client.status(box.path, { messages: true }).catch(() => null);
    if (status?.messages) out.push({ folder: box.path, messages: status.messages });
  }
  return out;
}
