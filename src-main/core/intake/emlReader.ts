import { chinaTimeLabel } from '../../common/chinaTime';
import type { ParsedMail } from 'mailparser';
import type { FileStore } from '../store/store';
import type { IntakeLimits } from './limits';
import { Rejection } from './rejection';
import { contentOf, discard, pathOf, renamed, stageBuffer, type StagedFile } from './staging';
import { viewOfParsed, type MailView } from './mailView';
import { nestedArchive, readArchive, type ArchiveBudget } from './archive/unpack';
import { groupVolumes, isVolumeSet, type VolumeSet } from './archive/volumes';
import fs from 'node:fs';
import { safeFileName } from './fileNames';
import { largeAttachmentLinks, type LargeAttachmentLink } from './largeAttachments';
import { repairRawHeaders } from './headerRepair';
import { STREAMED_MAIL_BYTES, streamMail } from './emlStream';

export interface EmlContents {
  files: StagedFile[];
  junk: number;
  notes: string[];
  date: string | null;
  messageId: string | null;
  subject: string | null;
  senderAddress: string | null;
  senderName: string | null;
  /** 超大附件 links in the mail's body (or a forwarded one's). */
  links: LargeAttachmentLink[];
}

const PARSE_OPTIONS = { skipHtmlToText: true, skipTextLinks: true, skipTextToHtml: true };

/** A raw message parsed the way every mail is here (raw GBK headers repaired first); null when it cannot be. */
export function parseMail(raw: Buffer): Promise<ParsedMail | null> {
  return parseMailStrict(raw).catch(() => null);
}

/** The same, failing with the parser's reason. mailparser is loaded on first use, not at start-up. */
async function parseMailStrict(raw: Buffer): Promise<ParsedMail> {
  const { simpleParser } = await import('mailparser');
  return simpleParser(repairRawHeaders(raw), PARSE_OPTIONS);
}
/** An attachment staged as a file, or a ZIP kept in memory to be unpacked. */
type Attached = StagedFile | { name: string; zip: Buffer };

/** Forwards of forwards are read this deep. */
const FORWARD_DEPTH = 3;

const MIME_LIMITS =
  '这封邮件的结构异常（邮件头过长，或包含上千个部分），超出了能安全读取的范围，已拒收。请请该单位把材料打包成一个 ZIP，作为附件重新发送。';

/** A message's header is never this long; one that is would be read whole before the parser refused it. */
const MAX_HEADER_BYTES = 2 * 1024 * 1024;

/** Whether the header runs past MAX_HEADER_BYTES: only that much of the file is read to tell. */
function headerTooLong(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAX_HEADER_BYTES + 4);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    if (read <= MAX_HEADER_BYTES) return false;
    return !/\r?\n\r?\n/.test(head.toString('latin1'));
  } finally {
    fs.closeSync(fd);
  }
}

/** Parses one .eml with a real MIME parser; attachments go to the store's temporary area. */
export async function readEml(file: string, store: FileStore, limits: IntakeLimits): Promise<EmlContents> {
  if (headerTooLong(file)) throw new Rejection('too-large', MIME_LIMITS);
  let mail: MailView;
  try {
    mail =
      fs.statSync(file).size > STREAMED_MAIL_BYTES
        ? await streamMail(file, store, limits)
        : viewOfParsed(await parseMailStrict(fs.readFileSync(file)));
  } catch (error) {
    if (error instanceof Rejection) throw error;
    // The parser's limits (1 MB of headers in one part, 1,000 parts) hold a hostile mail back; its
    // English message is not for the office, and re-saving the same mail would not help.
    if ((error as { code?: string }).code === 'EMAXLEN') throw new Rejection('too-large', MIME_LIMITS);
    throw new Rejection(
      'corrupt',
      '邮件无法解析，文件可能已损坏或不完整。请请该单位重新发送，或在邮件程序中把附件另存出来再导入。',
    );
  }
  // What was staged as the message streamed and is not among the files read goes now, read or refused.
  const staged = mail.attachments.flatMap((a) => (a.staged ? [a.staged] : []));
  const leftOver = (kept: StagedFile[]) => {
    const keep = new Set(kept.map((f) => f.tempFile));
    discard(staged.filter((f) => !keep.has(f.tempFile)));
  };
  try {
    const contents = await readMail(mail, store, limits);
    leftOver(contents.files);
    return contents;
  } catch (error) {
    leftOver([]);
    throw error;
  }
}

/** Reads one mail, however it was parsed: its attachments go to the store's temporary area. */
export async function readMail(mail: MailView, store: FileStore, limits: IntakeLimits): Promise<EmlContents> {
  try {
    return await readMailParts(mail, store, limits);
  } catch (error) {
    // Refused (a RAR, a password): the sender still tells 未报送 whose material it was.
    if (error instanceof Rejection)
      error.sender = {
        texts: [mail.subject, mail.from.name, ...mail.attachments.map((a) => a.filename)].filter(
          (t): t is string => !!t,
        ),
        address: mail.from.address ?? null,
      };
    throw error;
  }
}

async function readMailParts(mail: MailView, store: FileStore, limits: IntakeLimits): Promise<EmlContents> {
  const staged: StagedFile[] = [];
  const notes: string[] = [];
  let junk = 0;
  const budget: ArchiveBudget = { bytes: 0, entries: 0 };
  // A unit's mail forwarded as an attachment: its own sender, date and subject are the submission's.
  let forwarded: MailView | null = null;
  let ownAttachments = 0;
  const collect = async (message: MailView, prefix: string, depth: number): Promise<void> => {
    const attached: Attached[] = [];
    try {
      for (const [index, attachment] of message.attachments.entries()) {
        budget.bytes += attachment.size;
        if (budget.bytes > limits.maxTotalBytes)
          throw new Rejection('too-large', `邮件附件超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。`);
        const name = safeFileName(attachment.filename ?? '', `附件${index + 1}`);
        // Read as the message streamed (a large one): kept where it is, under its name here.
        if (attachment.staged && !(attachment.contentType === 'message/rfc822' && depth < FORWARD_DEPTH)) {
          if (depth === 0) ownAttachments++;
          attached.push(renamed(attachment.staged, { pathInSource: `${prefix}${name}`, name }));
          continue;
        }
        const content = await attachment.content();
        if (attachment.contentType === 'message/rfc822' && depth < FORWARD_DEPTH) {
          // An unreadable forward is kept as the file it is.
          const parsed = await parseMail(content);
          const inner = parsed && viewOfParsed(parsed);
          if (inner?.attachments.length) {
            notes.push(
              `已展开转发的邮件“${inner.subject ?? name}”${inner.from.address ? `（原发件人 ${inner.from.address}）` : ''}`,
            );
            forwarded ??= inner;
            await collect(inner, `${prefix}${name}/`, depth + 1);
            continue;
          }
        }
        if (depth === 0) ownAttachments++;
        // A ZIP is read where it lies in memory: it is unpacked, never stored itself.
        const zip = nestedArchive(content.subarray(0, 4100), name)?.format === 'zip';
        attached.push(
          zip
            ? { name, zip: content }
            : stageBuffer(content, store, () => {}, { pathInSource: `${prefix}${name}`, name, modifiedAt: null }),
        );
      }
      // The parts of a multi-volume RAR sent in one mail are read together, as one archive.
      for (const item of groupVolumes(attached, (f) => ('zip' in f ? '' : f.name)))
        await unpackAttachment(item, prefix);
    } finally {
      discard(attached.filter((f): f is StagedFile => 'tempFile' in f && !staged.includes(f)));
    }
  };
  const unpackAttachment = async (item: Attached | VolumeSet<Attached>, prefix: string): Promise<void> => {
    const first = isVolumeSet(item) ? item.parts[0]! : item;
    const archive = 'zip' in first ? ({ format: 'zip' } as const) : nestedArchive(first.head, first.name);
    if (!archive && !('zip' in first)) {
      staged.push(first);
      if (isVolumeSet(item)) staged.push(...item.parts.filter((f): f is StagedFile => 'tempFile' in f).slice(1));
      return;
    }
    const file = (f: Attached) => ('zip' in f ? f.zip : archive?.format === 'zip' ? contentOf(f) : pathOf(f, store));
    const input = isVolumeSet(item)
      ? { parts: item.parts.map((f) => file(f) as string), scheme: item.scheme }
      : file(first);
    const inner = await readArchive(input, archive!, store, limits, {
      depth: 2,
      prefix: `${prefix}${first.name}/`,
      budget,
    });
    staged.push(...inner.files);
    junk += inner.junk;
    notes.push(
      isVolumeSet(item) ? `已合并 ${item.parts.length} 个分卷并展开“${first.name}”` : `已展开附件压缩包“${first.name}”`,
      ...inner.notes,
    );
  };
  try {
    await collect(mail, '', 0);
  } catch (error) {
    discard(staged);
    throw error;
  }
  // Only a mail that is nothing but the forward speaks for the unit with the forwarded one's header.
  const own: MailView = ownAttachments > 0 || !forwarded ? mail : forwarded;
  // Taken with the original's sender and date: who forwarded it, and when, is said beside it.
  if (own !== mail)
    notes.push(
      `由 ${[mail.from.name, mail.from.address && `<${mail.from.address}>`].filter(Boolean).join(' ') || '（未写明发件人）'}${mail.date ? ` 于 ${chinaTimeLabel(mail.date.toISOString())}` : ''} 转发`,
    );
  const sentAt = own.date?.toISOString() ?? null;
  const links = [mail, ...(forwarded && forwarded !== mail ? [forwarded] : [])].flatMap((m: MailView) =>
    largeAttachmentLinks(m.text, m.html, sentAt),
  );
  return {
    links: [...new Map(links.map((l) => [l.url, l])).values()],
    files: staged,
    junk,
    notes,
    date: sentAt,
    messageId: mail.messageId,
    subject: own.subject ?? mail.subject,
    senderAddress: own.from.address,
    senderName: own.from.name,
  };
}
