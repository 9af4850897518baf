import { Readable } from 'node:stream';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import type { FileStore } from '../store/store';
import type { IntakeLimits } from './limits';
import { Rejection } from './rejection';
import { discard, stageStream, type StagedFile } from './staging';
import { nestedArchive, readArchive, type ArchiveBudget } from './archive/unpack';
import { groupVolumes, isVolumeSet, type VolumeSet } from './archive/volumes';
import fs from 'node:fs';
import { safeFileName } from './fileNames';
import { largeAttachmentLinks, type LargeAttachmentLink } from './largeAttachments';

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

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');
const HEADER_LINE = /^(?:[!-9;-~]+:|[ \t])/;

/**
 * Chinese mail clients sometimes put raw GBK bytes (not RFC 2047) in headers, which MIME parsers
 * read as Latin-1. Re-encode such header lines — in the message and in every part — as UTF-8.
 */
export function repairRawHeaders(raw: Buffer): Buffer {
  if (!raw.some((b) => b >= 0x80)) return raw;
  const lines = raw.toString('latin1').split('\n');
  let inHeaders = true;
  const out = lines.map((line) => {
    if (line === '' || line === '\r') {
      inHeaders = false;
      return line;
    }
    if (!inHeaders && /^--/.test(line)) {
      inHeaders = true;
      return line;
    }
    if (!inHeaders || !HEADER_LINE.test(line) || !/[\u0080-\u00ff]/.test(line)) return line;
    const bytes = Buffer.from(line, 'latin1');
    try {
      fatalUtf8.decode(bytes);
      return line;
    } catch {
      return Buffer.from(gb18030.decode(bytes), 'utf8').toString('latin1');
    }
  });
  return Buffer.from(out.join('\n'), 'latin1');
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string | null; name: string | null } {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  const first = list[0]?.value[0];
  return { address: first?.address?.toLowerCase() ?? null, name: first?.name || null };
}

const PARSE_OPTIONS = { skipHtmlToText: true, skipTextLinks: true, skipTextToHtml: true };

/** A raw message parsed the way every mail is here (raw GBK headers repaired first); null when it cannot be. */
export function parseMail(raw: Buffer): Promise<ParsedMail | null> {
  return simpleParser(repairRawHeaders(raw), PARSE_OPTIONS).catch(() => null);
}
/** Forwards of forwards are read this deep. */
const FORWARD_DEPTH = 3;

/** Parses one .eml with a real MIME parser; attachments go to the store's temporary area. */
export async function readEml(file: string, store: FileStore, limits: IntakeLimits): Promise<EmlContents> {
  const raw = fs.readFileSync(file);
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(repairRawHeaders(raw), PARSE_OPTIONS);
  } catch (error) {
    throw new Rejection('corrupt', `邮件无法解析（${(error as Error).message}）。请重新保存该邮件后再导入。`);
  }
  const staged: StagedFile[] = [];
  const notes: string[] = [];
  let junk = 0;
  const budget: ArchiveBudget = { bytes: 0, entries: 0 };
  // A unit's mail forwarded as an attachment: its own sender, date and subject are the submission's.
  let forwarded: ParsedMail | null = null;
  let ownAttachments = 0;
  const collect = async (message: ParsedMail, prefix: string, depth: number): Promise<void> => {
    const attached: StagedFile[] = [];
    try {
      for (const [index, attachment] of message.attachments.entries()) {
        budget.bytes += attachment.size;
        if (budget.bytes > limits.maxTotalBytes) throw new Rejection('too-large', `邮件附件超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。`);
        const name = safeFileName(attachment.filename ?? '', `附件${index + 1}`);
        if (attachment.contentType === 'message/rfc822' && depth < FORWARD_DEPTH) {
          // An unreadable forward is kept as the file it is.
          const inner = await parseMail(attachment.content);
          if (inner?.attachments.length) {
            const from = firstAddress(inner.from);
            notes.push(`已展开转发的邮件“${inner.subject ?? name}”${from.address ? `（原发件人 ${from.address}）` : ''}`);
            forwarded ??= inner;
            await collect(inner, `${prefix}${name}/`, depth + 1);
            continue;
          }
        }
        if (depth === 0) ownAttachments++;
        attached.push(await stageStream(Readable.from([attachment.content]), store, () => {}, { pathInSource: `${prefix}${name}`, name, modifiedAt: null }));
      }
      // The parts of a multi-volume RAR sent in one mail are read together, as one archive.
      for (const item of groupVolumes(attached, (f) => f.name)) await unpackAttachment(item, prefix);
    } finally {
      discard(attached.filter((f) => !staged.includes(f)));
    }
  };
  const unpackAttachment = async (item: StagedFile | VolumeSet<StagedFile>, prefix: string): Promise<void> => {
    const first = isVolumeSet(item) ? item.parts[0]! : item;
    const archive = nestedArchive(first.head, first.name);
    if (!archive) {
      staged.push(first);
      if (isVolumeSet(item)) staged.push(...item.parts.slice(1));
      return;
    }
    const input = isVolumeSet(item) ? { parts: item.parts.map((f) => f.tempFile), scheme: item.scheme } : first.tempFile;
    const inner = await readArchive(input, archive, store, limits, { depth: 2, prefix: `${prefix}${first.name}/`, budget });
    staged.push(...inner.files);
    junk += inner.junk;
    notes.push(isVolumeSet(item) ? `已合并 ${item.parts.length} 个分卷并展开“${first.name}”` : `已展开附件压缩包“${first.name}”`, ...inner.notes);
  };
  try {
    await collect(mail, '', 0);
  } catch (error) {
    discard(staged);
    throw error;
  }
  // Only a mail that is nothing but the forward speaks for the unit with the forwarded one's header.
  const own: ParsedMail = ownAttachments > 0 || !forwarded ? mail : forwarded;
  const sender = firstAddress(own.from);
  const sentAt = own.date && !Number.isNaN(own.date.getTime()) ? own.date.toISOString() : null;
  const links = [mail, ...(forwarded && forwarded !== mail ? [forwarded] : [])].flatMap((m: ParsedMail) => largeAttachmentLinks(m.text, m.html, sentAt));
  return {
    links: [...new Map(links.map((l) => [l.url, l])).values()],
    files: staged,
    junk,
    notes,
    date: own.date && !Number.isNaN(own.date.getTime()) ? own.date.toISOString() : null,
    messageId: mail.messageId ?? null,
    subject: own.subject ?? mail.subject ?? null,
    senderAddress: sender.address,
    senderName: sender.name,
  };
}
