import { Readable } from 'node:stream';
import { simpleParser, type AddressObject } from 'mailparser';
import type { FileStore } from '../store/store';
import type { IntakeLimits } from './limits';
import { Rejection } from './rejection';
import { discard, stageStream, type StagedFile } from './staging';
import { readZip, type ZipBudget } from './zipReader';
import fs from 'node:fs';
import { safeFileName } from './fileNames';

export interface EmlContents {
  files: StagedFile[];
  junk: number;
  notes: string[];
  date: string | null;
  messageId: string | null;
  subject: string | null;
  senderAddress: string | null;
  senderName: string | null;
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

/** Parses one .eml with a real MIME parser; attachments go to the store's temporary area. */
export async function readEml(file: string, store: FileStore, limits: IntakeLimits): Promise<EmlContents> {
  const raw = fs.readFileSync(file);
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(repairRawHeaders(raw), { skipHtmlToText: true, skipTextLinks: true, skipTextToHtml: true });
  } catch (error) {
    throw new Rejection('corrupt', `邮件无法解析（${(error as Error).message}）。请重新保存该邮件后再导入。`);
  }
  const staged: StagedFile[] = [];
  const notes: string[] = [];
  let junk = 0;
  const budget: ZipBudget = { bytes: 0, entries: 0 };
  try {
    for (const [index, attachment] of mail.attachments.entries()) {
      budget.bytes += attachment.size;
      if (budget.bytes > limits.maxTotalBytes) throw new Rejection('too-large', `邮件附件超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。`);
      const name = safeFileName(attachment.filename ?? '', `附件${index + 1}`);
      const file_ = await stageStream(Readable.from([attachment.content]), store, () => {}, { pathInSource: name, name, modifiedAt: null });
      const isZip = file_.head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && /\.zip$/i.test(name);
      if (!isZip) {
        staged.push(file_);
        continue;
      }
      try {
        const inner = await readZip(file_.tempFile, store, limits, 2, `${name}/`, budget);
        staged.push(...inner.files);
        junk += inner.junk;
        notes.push(`已展开附件压缩包“${name}”`, ...inner.notes);
      } finally {
        discard([file_]);
      }
    }
  } catch (error) {
    discard(staged);
    throw error;
  }
  const sender = firstAddress(mail.from);
  return {
    files: staged,
    junk,
    notes,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
    messageId: mail.messageId ?? null,
    subject: mail.subject ?? null,
    senderAddress: sender.address,
    senderName: sender.name,
  };
}
