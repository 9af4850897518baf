import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { streamMail } from '../../src-main/core/intake/emlStream';
import { repairRawHeaders } from '../../src-main/core/intake/headerRepair';
import { DEFAULT_LIMITS } from '../../src-main/core/intake/limits';
import { viewOfParsed, type MailView } from '../../src-main/core/intake/mailView';
import { FileStore } from '../../src-main/core/store/store';
import { chineseClientEml } from '../support/emlBuilder';
import { FIXTURES, needs } from '../support/tools';
import { tempDir } from './helpers';

/**
 * #27 item 2: a large message is read as it streams (mailparser's MailParser, attachments decoded in
 * chunks into the store's temporary area) instead of whole in memory. It must read every message
 * exactly as the whole-message reader does: the same header, the same attachments byte for byte.
 */
needs('fixtures');

async function sha(attachment: MailView['attachments'][number]): Promise<string> {
  return crypto
    .createHash('sha256')
    .update(await attachment.content())
    .digest('hex');
}

async function summary(view: MailView) {
  return {
    subject: view.subject,
    from: view.from,
    messageId: view.messageId,
    date: view.date?.toISOString() ?? null,
    text: view.text?.trim() ?? null,
    // The whole-message reader inlines pictures as data: URLs, the streamed one leaves their cid: links.
    html: view.html ? view.html.replace(/src="(?:cid|data):[^"]*"/g, 'src=""') : null,
    attachments: await Promise.all(
      view.attachments.map(async (a) => ({ name: a.filename, type: a.contentType, size: a.size, sha: await sha(a) })),
    ),
  };
}

const stores: string[] = [];
afterEach(() => stores.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe('a message read as it streams', () => {
  const eml = path.join(FIXTURES, 'eml');
  const files = fs.existsSync(eml) ? fs.readdirSync(eml).filter((f) => f.endsWith('.eml')) : [];
  const samples: Array<[string, () => Buffer]> = [
    ...files.map((f) => [f, () => fs.readFileSync(path.join(eml, f))] as [string, () => Buffer]),
    [
      'Foxmail on Chinese Windows (raw GBK in a header)',
      () =>
        chineseClientEml({
          fromName: '柳州市第一中学团委',
          fromAddress: 'tw@lzyz.cn',
          subject: '青年文明号年度材料',
          date: 'Thu, 20 Oct 2022 10:00:00 +0800',
          messageId: '<gbk@lzyz.cn>',
        }),
    ],
  ];

  it.each(samples)('%s: the same header, text and attachments as read whole', async (_name, bytes) => {
    const dir = tempDir();
    const file = path.join(dir, 'message.eml');
    fs.writeFileSync(file, bytes());
    const whole = viewOfParsed(
      await simpleParser(repairRawHeaders(fs.readFileSync(file)), {
        skipHtmlToText: true,
        skipTextLinks: true,
        skipTextToHtml: true,
      }),
    );
    const streamed = await streamMail(file, new FileStore(dir), DEFAULT_LIMITS);
    const read = await summary(whole);
    expect(read.attachments.length + (read.text || read.html ? 1 : 0)).toBeGreaterThan(0);
    expect(await summary(streamed)).toEqual(read);
    // Every attachment is a staged file, not bytes held in memory.
    expect(streamed.attachments.every((a) => a.staged?.tempFile && fs.existsSync(a.staged.tempFile))).toBe(true);
  });

  it('stops at the attachments limit, as soon as it is passed, leaving nothing staged', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'message.eml');
    fs.writeFileSync(
      file,
      chineseClientEml({
        fromName: '柳州银行营业部',
        fromAddress: 'yyb@lzbank.cn',
        subject: '材料',
        date: 'Thu, 20 Oct 2022 10:00:00 +0800',
        messageId: '<limit@lzbank.cn>',
      }),
    );
    const store = new FileStore(dir);
    await expect(streamMail(file, store, { ...DEFAULT_LIMITS, maxTotalBytes: 100 })).rejects.toMatchObject({
      code: 'too-large',
    });
    const temp = path.dirname(store.tempPath());
    expect(fs.existsSync(temp) ? fs.readdirSync(temp) : []).toEqual([]);
  });
});
