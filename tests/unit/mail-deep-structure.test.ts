import { afterEach, describe, expect, it } from 'vitest';
import { startDovecot, type MailServer } from '../support/dovecot';
import { needs } from '../support/tools';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore } from './helpers';

const ready = needs('dovecot');
const servers: MailServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const CRLF = '\r\n';
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

/** A unit's mail whose ZIP sits `depth` multiparts deep (a client forwarding a forward of a forward …). */
function nestedMail(from: string, subject: string, depth: number): Buffer {
  const zip = writeZip([
    { name: '工作总结.docx', data: makeDocx('总结') },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(40 + i + depth, 9) })),
  ])
    .toString('base64')
    .replace(/.{76}/g, `$&${CRLF}`);
  let body = [
    'Content-Type: application/zip; name="材料.zip"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="cailiao.zip"',
    '',
    zip,
  ].join(CRLF);
  for (let level = depth; level > 0; level--) {
    const boundary = `b${level}`;
    body = [
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      '材料见附件。',
      `--${boundary}`,
      body,
      `--${boundary}--`,
    ].join(CRLF);
  }
  const head = [
    `From: ${from}`,
    'To: office@test.lan',
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    'Date: Thu, 20 Oct 2022 10:00:00 +0800',
    `Message-ID: <${depth}.${from}>`,
    'MIME-Version: 1.0',
  ].join(CRLF);
  return Buffer.from(`${head}${CRLF}${body}${CRLF}`);
}

describe.skipIf(!ready)('mail the listing cannot parse (Dovecot on loopback)', () => {
  it('a message nested deeper than the IMAP parser reads is fetched whole and recorded, never silently passed over', async () => {
    const s = await startDovecot();
    servers.push(s);
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    await t.call('units.create', { name: '柳州银行营业部', email: 'yyb@lzbank.cn' });
    s.deliver(nestedMail('tw@lzyz.cn', '柳州市第一中学团委材料（转发）', 40), 'INBOX', at('2022-10-20'));
    s.deliver(nestedMail('yyb@lzbank.cn', '柳州银行营业部材料', 2), 'INBOX', at('2022-10-21'));
    await t.call('mail.saveAccount', {
      host: s.host,
      port: s.port,
      tls: 'off',
      user: s.user,
      folders: ['INBOX'],
      password: s.password,
    });
    const first = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-10-31' });
    // Both messages have an outcome in the report and in 收件记录; neither is dropped.
    expect(first.sources).toHaveLength(2);
    expect(first.folders).toEqual([{ folder: 'INBOX', newMessages: 2, alreadyIn: 0, outsideRange: 0 }]);
    const deep = first.sources.find((r) => r.message_id === '<40.tw@lzyz.cn>')!;
    expect(deep).toBeDefined();
    expect(deep.source).toBe('柳州市第一中学团委材料（转发）');
    // Read whole, as a dropped .eml is: its ZIP, 40 multiparts down, is the unit's material.
    expect(deep).toMatchObject({ status: 'imported', unit: { name: '柳州市第一中学团委' }, completeness: 'complete' });
    expect(first.sources.find((r) => r.message_id === '<2.yyb@lzbank.cn>')).toMatchObject({
      status: 'imported',
      unit: { name: '柳州银行营业部' },
    });
    const log = await t.call('intake.history', {});
    expect(log.map((r) => r.label)).toContain('柳州市第一中学团委材料（转发）');
    // Recorded, so the next fetch neither loses it nor reads it again.
    const again = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-10-31' });
    expect(again.sources).toEqual([]);
    expect(again.folders).toEqual([{ folder: 'INBOX', newMessages: 0, alreadyIn: 2, outsideRange: 0 }]);
  }, 60_000);
});
