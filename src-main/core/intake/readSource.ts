import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { FileStore } from '../store/store';
import { readEml, readMail, type EmlContents } from './emlReader';
import { readHead, readTail } from './fileBytes';
import { officeDocumentOf } from './officeZip';
import type { IntakeLimits } from './limits';
import { ADVICE, Rejection } from './rejection';
import { describeFormat, sniff } from './sniff';
import type { Source } from './sources';
import type { ReceivedFrom } from '../../common/statuses';
import type { LargeAttachmentLink } from './largeAttachments';
import { discard, stageStream, type StagedFile } from './staging';
import { archiveSignature, isSelfExtractor, type ArchiveSignature } from './archive/detect';
import { readArchive } from './archive/unpack';
import { isJunk } from './zipNames';

/** Everything read out of one source before any decision about it is taken. */
export interface SourceContents {
  files: StagedFile[];
  junk: number;
  notes: string[];
  receivedAt: string | null;
  receivedFrom: ReceivedFrom;
  messageId: string | null;
  subject: string | null;
  senderAddress: string | null;
  senderName: string | null;
  links: LargeAttachmentLink[];
}

/** A ZIP with bytes in front (or only its end records) is still a ZIP: its end record is at the tail. */
function hasZipEndRecord(file: string): boolean {
  return readTail(file).bytes.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

const MAIL_HEADER =
  /^(?:(?:Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Content-Type|X-[\w-]+|Delivered-To|Reply-To):)/im;

/** A mail's own Date is the evidence of when it was received. */
function asReceived(mail: EmlContents): SourceContents {
  return { ...mail, receivedAt: mail.date, receivedFrom: mail.date ? 'email' : 'import' };
}

/** Decides what a single file really is — by its bytes, whatever its name — and reads it. */
export async function readSource(
  source: Source,
  store: FileStore,
  limits: IntakeLimits,
  signal?: AbortSignal,
): Promise<SourceContents> {
  const blank = { messageId: null, subject: null, senderAddress: null, senderName: null, links: [] };
  if ('mail' in source) return asReceived(await readMail(source.mail, store, limits));
  if ('files' in source) {
    const staged: StagedFile[] = [];
    let junk = 0;
    let total = 0;
    try {
      for (const { file, pathInSource, modifiedAt } of source.files) {
        if (isJunk(pathInSource)) {
          junk++;
          continue;
        }
        total += fs.statSync(file).size;
        if (total > limits.maxTotalBytes)
          throw new Rejection(
            'too-large',
            `文件夹中的文件超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。`,
          );
        signal?.throwIfAborted();
        staged.push(
          await stageStream(fs.createReadStream(file), store, () => signal?.throwIfAborted(), {
            pathInSource,
            name: pathInSource.split('/').at(-1)!,
            modifiedAt,
          }),
        );
      }
    } catch (error) {
      discard(staged);
      throw error;
    }
    // Loose files have no mail or archive around them: their own modification time is the evidence.
    const newest = staged.reduce<string | null>(
      (n, f) => (f.modifiedAt && (!n || f.modifiedAt > n) ? f.modifiedAt : n),
      null,
    );
    return { files: staged, junk, notes: [], receivedAt: newest, receivedFrom: newest ? 'file' : 'import', ...blank };
  }
  const head = readHead(source.file);
  if (head.length === 0) throw new Rejection('empty', `“${source.label}”是空文件（0 字节）。${ADVICE.broken}`);
  const asArchive = async (signature: ArchiveSignature): Promise<SourceContents> => {
    const zip = await readArchive(source.volumes ?? source.file, signature, store, limits, {
      depth: 1,
      prefix: '',
      budget: { bytes: 0, entries: 0 },
      signal,
    });
    return {
      files: zip.files,
      junk: zip.junk,
      notes: zip.notes,
      receivedAt: zip.newestEntryAt,
      receivedFrom: zip.newestEntryAt ? 'archive' : 'import',
      ...blank,
    };
  };
  const looseFile = async (): Promise<SourceContents> => {
    const file = await stageStream(Readable.from([fs.readFileSync(source.file)]), store, () => {}, {
      pathInSource: source.label,
      name: source.label,
      modifiedAt: null,
    });
    return { files: [file], junk: 0, notes: [], receivedAt: null, receivedFrom: 'import', ...blank };
  };
  const signature = archiveSignature(head);
  if (signature?.format === 'zip') {
    // A .docx or .odt given on its own is a ZIP underneath, but one document, not an archive of parts.
    return (await officeDocumentOf(source.file)) ? looseFile() : asArchive(signature);
  }
  if (signature) return asArchive(signature);
  if (isSelfExtractor(source.file, head)) {
    throw new Rejection(
      'unsupported-format',
      `“${source.label}”是自解压程序（.exe 外壳里装着压缩包）。为安全起见，程序不会运行或拆开可执行文件。请联系该单位直接发送 .rar、.7z 或 .zip 文件。`,
    );
  }
  const text = !head.includes(0);
  if (text && (/\.eml$/i.test(source.label) || MAIL_HEADER.test(head.toString('latin1')))) {
    return asReceived(await readEml(source.file, store, limits));
  }
  const sniffed = await sniff(head);
  if (
    /\.(msg|dat|tnef)$/i.test(source.label) ||
    sniffed.ext === 'cfb' ||
    (head.length >= 4 && head.readUInt32LE(0) === 0x223e9f78)
  ) {
    throw new Rejection(
      'unsupported-format',
      `“${source.label}”是 Outlook 专有格式（.msg / winmail.dat），暂不支持。请在邮件程序中把附件另存出来，或请该单位改用 ZIP 重新发送。`,
    );
  }
  // Named .zip, with bytes in front of the archive (or only its end records): let the ZIP reader judge.
  if (source.kind === 'zip' && !sniffed.ext && hasZipEndRecord(source.file)) return asArchive({ format: 'zip' });
  if (source.kind === 'zip' || /\.(rar|7z|tar|gz|tgz|bz2|xz|cab)$/i.test(source.label) || sniffed.ext) {
    const real = describeFormat(sniffed);
    throw new Rejection('unsupported-format', `“${source.label}”实际是${real}，不是 ZIP 压缩包。${ADVICE.resend}`);
  }
  // A single loose file given on its own: one submission of that file.
  return looseFile();
}
