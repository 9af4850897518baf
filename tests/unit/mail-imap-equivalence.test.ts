import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { startDovecot, type MailServer } from '../support/dovecot';
import { pythonMail } from '../support/pythonMail';
import { FIXTURES } from '../support/sharedFixtures';
import { makeDocx, makePng, photoLike, writeZip } from '../support/zipWriter';
import { asFile, openTestCore, tempDir, type TestCore } from './helpers';
import { needs } from '../support/tools';

/**
 * A message in the mailbox is read part by part (the server's own MIME parse, each part fetched
 * alone); the same message fetched whole and dropped as an .eml is read by mailparser. Both must give the office
 * the same submission: same files, names, kinds and bytes, same sender, subject, time and links.
 */
const ready = needs('dovecot', 'python3', 'fixtures');
const servers: MailServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const CRLF = '\r\n';

/**
 * What Foxmail and old Outlook send: the attachment's name as raw GBK bytes, and one attachment in quoted-printable.
 */
function rawGbkMail(): Buffer {
  const name = iconv.encode('柳州市第二中学团委工作总结.docx', 'gbk');
  const doc = makeDocx('二中总结').toString('base64').replace(/.{76}/g, `$&${CRLF}`);
  const text = [
    'Message-ID: <gbk@test>',
    'From: =?GBK?B?' + iconv.encode('二中团委', 'gbk').toString('base64') + '?= <tw@lzez.cn>',
    'Subject: =?GBK?B?' + iconv.encode('二中材料', 'gbk').toString('base64') + '?=',
    'Date: Mon, 24 Oct 2022 09:30:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="=====003_Dragon"',
    '',
    '--=====003_Dragon',
    'Content-Type: text/plain; charset="GB2312"',
    'Content-Transfer-Encoding: base64',
    '',
    iconv.encode('材料见附件，谢谢。', 'gbk').toString('base64'),
    '--=====003_Dragon',
    'Content-Type: application/octet-stream; name="@@NAME@@"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="@@NAME@@"',
    '',
    doc,
    '--=====003_Dragon',
    'Content-Type: text/plain; charset="utf-8"; name="说明.txt"',
    'Content-Transfer-Encoding: quoted-printable',
    'Content-Disposition: attachment; filename="=?utf-8?B?' + Buffer.from('说明.txt').toString('base64') + '?="',
    '',
    '=E8=AF=B4=E6=98=8E: =E7=85=A7=E7=89=87=E8=A7=81=E9=99=84=E4=BB=B6=',
    'A second line=3D',
    '--=====003_Dragon--',
    '',
  ].join(CRLF);
  const [before, middle, end] = text.split('@@NAME@@') as [string, string, string];
  return Buffer.concat([
    Buffer.from(before, 'latin1'),
    name,
    Buffer.from(middle, 'latin1'),
    name,
    Buffer.from(end, 'latin1'),
  ]);
}

function zipFile(unit: string): string {
  const file = path.join(tempDir(), `${unit}.zip`);
  fs.writeFileSync(
    file,
    writeZip([
      { name: `${unit}/工作总结.docx`, data: makeDocx(`${unit}总结`), deflate: true },
      ...[1, 2].map((i) => ({ name: `${unit}/照片${i}.png`, data: makePng(50 + i, 30) })),
    ]),
  );
  return file;
}

function photoFile(): string {
  const file = path.join(tempDir(), '现场.jpg');
  fs.writeFileSync(file, photoLike(200_000, 7));
  return file;
}

function messages(): Array<{ id: string; raw: Buffer }> {
  const link = 'https://mail.163.com/large-attachment-download/index.html?p=Y&file=2';
  const list = [
    {
      id: '<zip@test>',
      raw: pythonMail({
        from: '柳州市第一中学团委 <tw@lzyz.cn>',
        subject: '一中2022年青年文明号材料',
        date: 'Thu, 20 Oct 2022 10:00:00 +0800',
        messageId: '<zip@test>',
        body: '材料见附件。',
        attachments: [
          { file: zipFile('柳州市第一中学团委'), filename: '柳州市第一中学团委.zip', type: 'application/zip' },
        ],
      }),
    },
    {
      id: '<mixed@test>',
      raw: pythonMail({
        from: '柳州银行营业部 <yyb@lzbank.cn>',
        subject: '营业部材料（另有视频）',
        date: 'Fri, 21 Oct 2022 16:00:00 +0800',
        messageId: '<mixed@test>',
        body: '照片与总结见附件。',
        html: `<p>视频 活动视频.mp4 (120.5M, 2022年11月20日 10:00 到期) <a href="${link}">下载</a></p>`,
        attachments: [
          { file: zipFile('柳州银行营业部'), filename: '营业部.zip', type: 'application/zip' },
          { file: photoFile(), filename: '现场.jpg', type: 'image/jpeg' },
        ],
      }),
    },
    { id: '<gbk@test>', raw: rawGbkMail() },
  ];
  {
    for (const name of fs.readdirSync(path.join(FIXTURES, 'eml')).sort()) {
      const raw = fs.readFileSync(path.join(FIXTURES, 'eml', name));
      list.push({ id: `fixture:${name}`, raw });
    }
  }
  return list;
}

interface Outcome {
  status: string;
  code?: string;
  receivedAt?: string;
  files: Array<{ name: string; path: string; kind: string; sha256: string }>;
  subject?: string | null;
  sender?: string | null;
  links?: unknown;
  problems?: string[];
}

async function outcome(
  t: TestCore,
  report: {
    status: string;
    code?: string;
    submission_id?: number;
    received_at?: string;
    problems?: Array<{ code: string }>;
  },
): Promise<Outcome> {
  const base: Outcome = {
    status: report.status,
    code: report.code,
    receivedAt: report.received_at,
    files: [],
    problems: report.problems?.map((p) => p.code),
  };
  if (!report.submission_id) return base;
  const s = await t.call('submissions.get', { id: report.submission_id });
  return {
    ...base,
    files: s.files.map((f) => ({ name: f.name, path: f.pathInSource, kind: f.kind, sha256: f.sha256 })),
    subject: s.subject,
    sender: s.senderAddress,
    links: s.links,
  };
}

describe.skipIf(!ready)('a mailbox message reads the same from the server as from a dropped .eml (Dovecot)', () => {
  it('gives the same files, names, kinds, bytes, sender, subject, time and links, fixtures included', async () => {
    const s = await startDovecot();
    servers.push(s);
    const all = messages();
    all.forEach((m, i) => s.deliver(m.raw, 'INBOX', new Date(Date.parse('2022-10-20T02:00:00Z') + i * 60_000)));

    const viaServer = openTestCore();
    await viaServer.call('mail.saveAccount', {
      host: s.host,
      port: s.port,
      tls: 'off',
      user: s.user,
      folders: ['INBOX'],
      password: s.password,
    });
    const fetched = await viaServer.call('mail.fetch', { since: '2022-01-01', until: '2022-12-31' });
    // The same messages as the server sends them whole (it ends every line with CRLF, whatever was delivered), saved as
    // .eml files and dropped.
    const look = new ImapFlow({
      host: s.host,
      port: s.port,
      secure: false,
      auth: { user: s.user, pass: s.password },
      logger: false,
    });
    await look.connect();
    await look.mailboxOpen('INBOX', { readOnly: true });
    const sources: Buffer[] = [];
    for await (const m of look.fetch('1:*', { source: true })) sources.push(m.source!);
    await look.logout();
    const viaFile = openTestCore();
    const dropped = [];
    for (const [i, raw] of sources.entries()) {
      const imported = await viaFile.call('intake.import', { files: [asFile(`邮件${i}.eml`, raw)] });
      dropped.push(imported.sources[0]!);
    }

    // Fetched in delivery order: the i-th message of the mailbox is the i-th file dropped.
    expect(fetched.sources).toHaveLength(all.length);
    for (const [i, m] of all.entries()) {
      const server = fetched.sources[i]!;
      // A message the server lists without attachments is skipped unread; the same file dropped is refused as empty.
      if (server.status === 'skipped') {
        expect(dropped[i], m.id).toMatchObject({ status: 'rejected', code: 'empty' });
        continue;
      }
      expect(await outcome(viaServer, server), m.id).toEqual(await outcome(viaFile, dropped[i]!));
    }
    // The cases that matter were read, not skipped: the ZIP, the raw GBK name, the link beside files.
    const names = (await Promise.all(fetched.sources.slice(0, 3).map((r) => outcome(viaServer, r)))).map((o) =>
      o.files.map((f) => f.name),
    );
    expect(names[0]).toEqual(['工作总结.docx', '照片1.png', '照片2.png']);
    expect(names[1]).toEqual(['工作总结.docx', '照片1.png', '照片2.png', '现场.jpg']);
    expect(names[2]).toEqual(['柳州市第二中学团委工作总结.docx', '说明.txt']);
    expect(fetched.sources[1]).toMatchObject({
      problems: expect.arrayContaining([expect.objectContaining({ code: 'large-attachment-link' })]),
    });
  });
});
