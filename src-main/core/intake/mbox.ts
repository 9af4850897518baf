import fs from 'node:fs';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import type { Job } from '../contract/define';
import type { Unit } from '../roster/units';
import { parseMail } from './emlReader';
import type { SourceReport } from './intake';
import { importedMessageIds, importMessage } from './mailMessage';

const FROM_LINE = Buffer.from('From ');
const CHUNK = 1024 * 1024;

/** Whether a file without a telling name is an mbox: it opens with a `From ` separator line and mail headers follow. */
export function looksLikeMbox(head: Buffer): boolean {
  if (!head.subarray(0, 5).equals(FROM_LINE)) return false;
  const text = head.toString('latin1');
  return (
    /^From \S+/.test(text) &&
    /\n(?:Return-Path|Received|From|To|Subject|Date|Message-ID|MIME-Version|Delivered-To|X-[\w-]+):/i.test(text)
  );
}

/**
 * The messages of an mbox file (Thunderbird, Apple Mail, Foxmail's export), each written to its own
 * temporary file as it is read — a mailbox of several GB never sits in memory. A message starts at
 * a `From ` line after a blank line (or the file's start); mboxrd's `>From ` quoting is undone.
 * Bytes are kept as they are, so 8-bit GBK headers reach the mail reader untouched.
 */
async function* mboxMessages(file: string, tempPath: () => string): AsyncGenerator<string> {
  const input = fs.createReadStream(file, { highWaterMark: CHUNK });
  let out: number | null = null;
  let current = '';
  let rest = Buffer.alloc(0);
  let blankBefore = true;
  const finish = () => {
    if (out === null) return null;
    fs.closeSync(out);
    out = null;
    return current;
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
      let start = 0;
      const ready: string[] = [];
      for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
        let line = data.subarray(start, nl + 1);
        start = nl + 1;
        if (blankBefore && line.subarray(0, 5).equals(FROM_LINE)) {
          const done = finish();
          if (done) ready.push(done);
          current = tempPath();
          out = fs.openSync(current, 'w');
          blankBefore = false;
          continue;
        }
        blankBefore = line.length === 1 || (line.length === 2 && line[0] === 0x0d);
        if (out === null) continue;
        if (line[0] === 0x3e && /^>+From /.test(line.subarray(0, 80).toString('latin1'))) line = line.subarray(1);
        fs.writeSync(out, line);
      }
      rest = Buffer.from(data.subarray(start));
      data = Buffer.alloc(0);
      for (const message of ready) yield message;
    }
    if (out !== null && rest.length) fs.writeSync(out, rest);
    const last = finish();
    if (last) yield last;
  } finally {
    if (out !== null) {
      fs.closeSync(out);
      fs.rmSync(current, { force: true });
    }
    input.destroy();
  }
}

/** Each message of an mbox is one source, exactly as a message fetched over IMAP. */
export async function importMbox(
  ctx: CoreContext,
  campaign: Campaign,
  roster: Unit[],
  file: string,
  label: string,
  job: Job,
): Promise<SourceReport[]> {
  const reports: SourceReport[] = [];
  const seen = importedMessageIds(ctx, campaign.id);
  let index = 0;
  for await (const message of mboxMessages(file, () => ctx.store.tempPath())) {
    try {
      if (job.signal.aborted) break;
      index++;
      const parsed = await parseMail(fs.readFileSync(message));
      const subject = parsed?.subject?.trim() || `${label} 第 ${index} 封`;
      job.progress({ done: index - 1, total: index, message: `正在收件：${label} 第 ${index} 封 ${subject}` });
      const report = await importMessage(
        ctx,
        campaign,
        roster,
        {
          file: message,
          subject,
          messageId: parsed?.messageId ?? null,
          attachments: parsed ? parsed.attachments.length : 1,
        },
        seen,
        job.signal,
      );
      if (!report) break;
      reports.push(report);
    } finally {
      fs.rmSync(message, { force: true });
    }
  }
  return reports;
}
