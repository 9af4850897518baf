import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { AttachmentStream, MessageText } from 'mailparser';
import type { FileStore } from '../store/store';
import { HeaderRepairStream } from './headerRepair';
import type { IntakeLimits } from './limits';
import { firstAddress, type MailAttachment, type MailView } from './mailView';
import { Rejection } from './rejection';
import { discard, stageStream, type StagedFile } from './staging';

/**
 * Past this a message file is not parsed in memory (mailparser's simpleParser held a 200 MiB message
 * as ~900 MB, and a part whose base64 passes V8's 512 MiB string limit could not be read at all):
 * it is streamed through mailparser's MailParser, each attachment decoded in chunks straight into
 * the store's temporary area.
 */
export const STREAMED_MAIL_BYTES = 16 * 1024 ** 2;

const OPTIONS = { skipHtmlToText: true, skipTextLinks: true, skipTextToHtml: true, skipImageLinks: true };

/** Text bodies are held (the 超大附件 links are read from them); one this long is not a letter. */
const TEXT_CAP = 4 * 1024 ** 2;

/**
 * A message file read as it streams: its header, its text and its attachments as staged files. The
 * attachments together stay under the intake's total (refused as too large the moment they pass it).
 */
export async function streamMail(file: string, store: FileStore, limits: IntakeLimits): Promise<MailView> {
  const { MailParser } = await import('mailparser');
  const parser = new MailParser(OPTIONS);
  const staged: StagedFile[] = [];
  const attachments: MailAttachment[] = [];
  let headers: Map<string, unknown> | null = null;
  let text: string | undefined;
  let html: string | false | undefined;
  let total = 0;
  let failure: unknown = null;
  parser.on('headers', (h: Map<string, unknown>) => (headers ??= h));
  const tooLarge = () =>
    new Rejection('too-large', `邮件附件超过 ${Math.round(limits.maxTotalBytes / 1024 ** 2)} MB 的上限。`);
  const read = async (): Promise<void> => {
    for (let data = parser.read() as AttachmentStream | MessageText | null; data; data = parser.read()) {
      if (data.type === 'text') {
        text = data.text?.slice(0, TEXT_CAP);
        html = typeof data.html === 'string' ? data.html.slice(0, TEXT_CAP) : false;
        continue;
      }
      const attachment = data;
      try {
        if (failure) throw failure;
        const file = await stageStream(
          attachment.content,
          store,
          (n) => {
            if (total + n > limits.maxTotalBytes) throw tooLarge();
          },
          { pathInSource: attachment.filename ?? '', name: attachment.filename ?? '附件', modifiedAt: null },
        );
        staged.push(file);
        total += file.size;
        attachments.push({
          filename: attachment.filename ?? null,
          contentType: attachment.contentType,
          size: file.size,
          staged: file,
          content: () => fs.promises.readFile(file.tempFile!),
        });
      } catch (error) {
        failure ??= error;
        attachment.content.resume();
      } finally {
        attachment.release?.();
      }
    }
  };
  let reading: Promise<void> = Promise.resolve();
  parser.on('readable', () => (reading = reading.then(read)));
  try {
    await pipeline(fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), new HeaderRepairStream(), parser);
    await reading;
    if (failure) throw failure;
  } catch (error) {
    discard(staged);
    throw error;
  }
  const h = headers ?? new Map<string, unknown>();
  const date = h.get('date');
  return {
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : null,
    messageId: (h.get('message-id') as string | undefined) ?? null,
    subject: (h.get('subject') as string | undefined) ?? null,
    from: firstAddress(h.get('from') as Parameters<typeof firstAddress>[0]),
    text,
    html,
    attachments,
  };
}
