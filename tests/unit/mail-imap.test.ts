import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { ImapFlow } from 'imapflow';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../support/build';
import { startDovecot, type MailServer } from '../support/dovecot';
import { pythonMail } from '../support/pythonMail';
import { FIXTURES } from '../support/sharedFixtures';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, OFFICE } from './helpers';
import { needs } from '../support/tools';

const ready = needs('dovecot', 'python3', 'fixtures');
const INTAKE_THREAD = path.join(root, 'out/main/intakeThread.js');
const servers: MailServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function server(options: { tls?: boolean } = {}): Promise<MailServer> {
  const s = await startDovecot(options);
  servers.push(s);
  return s;
}

function materials(unit: string): string {
  const file = path.join(tempDir(), `${unit}.zip`);
  fs.writeFileSync(
    file,
    writeZip([
      { name: '工作总结.docx', data: makeDocx(`${unit}总结`) },
      ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(60 + i, 20 + unit.length) })),
    ]),
  );
  return file;
}

/** A submission as a Chinese client sends it: the subject as a GBK encoded word. */
function gbkSubject(mail: Buffer, subject: string): Buffer {
  const word = `=?GBK?B?${iconv.encode(subject, 'gbk').toString('base64')}?=`;
  return Buffer.from(mail.toString('latin1').replace(/^Subject: .*(?:\r\n[ \t].*)*/m, `Subject: ${word}`), 'latin1');
}

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

function submissionMail(unit: string, address: string, id: string, date = 'Thu, 20 Oct 2022 10:00:00 +0800'): Buffer {
  return gbkSubject(
    pythonMail({
      from: `${unit} <${address}>`,
      subject: 'x',
      date,
      messageId: `<${id}@test>`,
      body: '材料见附件。',
      attachments: [{ file: materials(unit), filename: `${unit}.zip`, type: 'application/zip' }],
    }),
    `${unit}2022年青年文明号材料`,
  );
}

async function setUp(t: TestCore, s: MailServer): Promise<void> {
  await t.call('mail.saveAccount', {
    host: s.host,
    port: s.port,
    tls: 'off',
    user: s.user,
    folders: ['INBOX'],
    password: s.password,
  });
}

/** A loopback relay that cuts the connection after `limit` bytes from the server: a line that drops mid-fetch. */
async function cuttingRelay(s: MailServer, limit: number): Promise<{ port: number; close: () => void }> {
  const relay = net.createServer((client) => {
    const upstream = net.connect(s.port, s.host);
    let passed = 0;
    upstream.on('data', (chunk: Buffer) => {
      passed += chunk.length;
      if (passed > limit) {
        client.destroy();
        upstream.destroy();
      } else client.write(chunk);
    });
    client.on('data', (chunk) => upstream.write(chunk));
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return { port: (relay.address() as net.AddressInfo).port, close: () => relay.close() };
}

describe.skipIf(!ready)('收件 from a real IMAP server (Dovecot on loopback)', () => {
  it('reads each mail with attachments as one source, skips the rest with a reason, keeps to the window, and the next fetch reads only new mail', async () => {
    const s = await server();
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    await t.call('units.create', { name: '柳州银行营业部', email: 'yyb@lzbank.cn' });
    s.deliver(submissionMail('柳州市第一中学团委', 'tw@lzyz.cn', 'a1'), 'INBOX', at('2022-10-20'));
    s.deliver(
      pythonMail({
        from: '柳州银行营业部 <yyb@lzbank.cn>',
        subject: '自动回复：收到',
        date: 'Fri, 21 Oct 2022 09:00:00 +0800',
        messageId: '<auto@test>',
        body: '您的邮件已收到。',
        headers: { 'Auto-Submitted': 'auto-replied' },
      }),
      'INBOX',
      at('2022-10-21'),
    );
    s.deliver(
      submissionMail('柳州银行营业部', 'yyb@lzbank.cn', 'old', 'Wed, 20 Oct 2021 10:00:00 +0800'),
      'INBOX',
      at('2021-10-20'),
    );
    s.deliver(
      fs.readFileSync(path.join(FIXTURES, 'eml', 'attachment_filenames_rfc2231_gb2312.eml')),
      'INBOX',
      at('2022-10-22'),
    );
    // No attachment, but its material is a 163 超大附件 link: a submission, not a skipped message.
    const link = 'https://mail.163.com/large-attachment-download/index.html?p=X&file=1';
    s.deliver(
      pythonMail({
        from: '柳州市第一中学团委 <tw@lzyz.cn>',
        subject: '一中视频（超大附件）',
        date: 'Sun, 23 Oct 2022 10:00:00 +0800',
        messageId: '<link@test>',
        body: `活动视频.mp4 (300.5M, 2022年11月22日 10:00 到期)\n下载: ${link}`,
      }),
      'INBOX',
      at('2022-10-23'),
    );
    await setUp(t, s);

    const first = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
    const bySubject = (subject: string) => first.sources.find((r) => r.source === subject);
    expect(bySubject('柳州市第一中学团委2022年青年文明号材料')).toMatchObject({
      status: 'imported',
      unit: { name: '柳州市第一中学团委' },
      message_id: '<a1@test>',
      completeness: 'complete',
      received_from: 'email',
      late: false,
    });
    expect(bySubject('自动回复：收到')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining('没有附件'),
    });
    expect(first.sources.some((r) => r.message_id === '<old@test>')).toBe(false);
    expect(first.sources.find((r) => r.files?.some((f) => f.name === '文字.txt'))).toBeTruthy();
    expect(first.totals).toMatchObject({ skipped: 1 });
    // The link joins the school's complete material as a 补充: what is missing is the download, nothing else.
    expect(bySubject('一中视频（超大附件）')).toMatchObject({
      status: 'imported',
      taken_as: 'supplement',
      completeness: 'incomplete',
      problems: [expect.objectContaining({ code: 'large-attachment-link' })],
    });

    s.deliver(submissionMail('柳州银行营业部', 'yyb@lzbank.cn', 'b2'), 'INBOX', at('2022-10-25'));
    const second = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
    expect(second.sources.map((r) => [r.message_id, r.status])).toEqual([['<b2@test>', 'imported']]);
    const third = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
    expect(third.sources).toEqual([]);
    expect(await t.call('submissions.list', {})).toHaveLength(4);

    // Read-only: nothing on the server was flagged as read, moved or deleted.
    const look = new ImapFlow({
      host: s.host,
      port: s.port,
      secure: false,
      auth: { user: s.user, pass: s.password },
      logger: false,
    });
    await look.connect();
    await look.mailboxOpen('INBOX', { readOnly: true });
    const flags: string[][] = [];
    for await (const m of look.fetch('1:*', { flags: true })) flags.push([...(m.flags ?? [])]);
    await look.logout();
    expect(flags).toHaveLength(6);
    expect(flags.flat()).not.toContain('\\Seen');
    // The 授权码 is in the secrets store only.
    expect(fs.readFileSync(path.join(t.dataDir, 'desk.sqlite')).includes(Buffer.from(s.password))).toBe(false);
  });

  it('refuses a wrong 授权码 with mail-auth and the server reply, and an unreachable server with mail-unreachable', async () => {
    const s = await server();
    const t = openTestCore();
    await t.call('mail.saveAccount', {
      host: s.host,
      port: s.port,
      tls: 'off',
      user: s.user,
      folders: ['INBOX'],
      password: 'wrong',
    });
    const wrong = await t.core.invoke('mail.fetch', {}, OFFICE);
    expect(wrong).toMatchObject({
      ok: false,
      error: { code: 'mail-auth', message: expect.stringContaining('授权码') },
    });
    expect(JSON.stringify(wrong)).not.toContain(s.password);
    await t.call('mail.saveAccount', {
      host: s.host,
      port: 1,
      tls: 'off',
      user: s.user,
      folders: ['INBOX'],
      password: s.password,
    });
    expect(await t.core.invoke('mail.fetch', {}, OFFICE)).toMatchObject({
      ok: false,
      error: { code: 'mail-unreachable' },
    });
  });

  // In-thread (the core as tests open it) and on the built intake thread (as the app and the CLI run it).
  it.each([
    ['in-thread', false],
    ['on the intake thread', true],
  ])(
    'stores nothing half when the connection drops mid-fetch, and the next fetch resumes without duplicates (%s)',
    async (_label, threaded) => {
      const s = await server();
      if (threaded) ensureBuilt();
      const t = openTestCore(tempDir(), threaded ? { intakeThread: INTAKE_THREAD } : {});
      const units = ['柳州市第一中学团委', '柳州银行营业部', '柳州市图书馆少儿部', '柳州市人民医院急诊科'];
      for (const [i, unit] of units.entries()) {
        await t.call('units.create', { name: unit, email: `u${i}@test.cn` });
        s.deliver(submissionMail(unit, `u${i}@test.cn`, `m${i}`), 'INBOX', at(`2022-10-2${i}`));
      }
      const relay = await cuttingRelay(s, 9_000);
      await t.call('mail.saveAccount', {
        host: s.host,
        port: relay.port,
        tls: 'off',
        user: s.user,
        folders: ['INBOX'],
        password: s.password,
      });
      const cut = await t.core.invoke('mail.fetch', { since: '2022-10-01', until: '2022-12-31' }, OFFICE);
      relay.close();
      expect(cut).toMatchObject({ ok: false, error: { code: 'mail-unreachable' } });
      const kept = await t.call('submissions.list', {});
      expect(kept.length).toBeLessThan(units.length);
      expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);

      await setUp(t, s);
      const resumed = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
      expect(resumed.sources.every((r) => r.status === 'imported')).toBe(true);
      const all = await t.call('submissions.list', {});
      expect(all.map((x) => x.unitName).sort()).toEqual([...units].sort());
    },
  );

  it('cancel on the intake thread: what was written stays whole, the rest is not started, nothing half is left, and the next fetch completes', async () => {
    ensureBuilt();
    const s = await server();
    const t = openTestCore(tempDir(), { intakeThread: INTAKE_THREAD });
    const units = Array.from({ length: 8 }, (_, i) => `柳州市第${i + 1}中学团委`);
    for (const [i, unit] of units.entries()) {
      await t.call('units.create', { name: unit, email: `c${i}@test.cn` });
      s.deliver(submissionMail(unit, `c${i}@test.cn`, `k${i}`), 'INBOX', at(`2022-10-1${i}`));
    }
    await setUp(t, s);
    const stop = t.core.subscribe((event) => {
      if (event.type === 'progress' && event.operation === 'mail.fetch' && event.done === 2)
        void t.core.invoke('jobs.cancel', {}, OFFICE);
    });
    const result = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
    stop();
    expect(result.cancelled).toBe(true);
    expect(result.sources.length).toBeGreaterThanOrEqual(2);
    expect(result.sources.length).toBeLessThan(units.length);
    expect(result.sources.length + result.notStarted).toBe(units.length);
    expect(await t.call('submissions.list', {})).toHaveLength(result.sources.length);
    expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
    const rest = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
    expect(rest.sources).toHaveLength(units.length - result.sources.length);
    expect(rest.sources.every((r) => r.status === 'imported')).toBe(true);
    expect((await t.call('submissions.list', {})).map((x) => x.unitName).sort()).toEqual([...units].sort());
  });

  it('desk mail fetch prints the desk import document: one entry per message, message_id, skipped ones with a reason; a wrong 授权码 is mail-auth', async () => {
    ensureBuilt();
    const s = await server();
    s.deliver(submissionMail('柳州市第一中学团委', 'tw@lzyz.cn', 'c1'), 'INBOX', at('2022-10-20'));
    s.deliver(
      pythonMail({
        from: 'x <x@test.cn>',
        subject: '请问截止时间？',
        date: 'Fri, 21 Oct 2022 09:00:00 +0800',
        messageId: '<q@test>',
        body: '请问截止时间是哪天？',
      }),
      'INBOX',
      at('2022-10-21'),
    );
    const data = tempDir();
    const desk = (password: string) =>
      promisify(execFile)(
        process.execPath,
        [
          path.join(root, 'bin/desk.js'),
          '--data',
          data,
          'mail',
          'fetch',
          '--host',
          s.host,
          '--port',
          String(s.port),
          '--tls',
          'off',
          '--user',
          s.user,
          '--password-env',
          'DESK_TEST_PW',
          '--since',
          '2022-10-01',
          '--until',
          '2022-12-31',
          '--json',
        ],
        {
          env: { ...process.env, DESK_TEST_PW: password },
        },
      ).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const ok = await desk(s.password);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout);
    // The desk import document, with what the fetch left unread as counts (docs/intake.md: Mailbox).
    expect(Object.keys(doc).sort()).toEqual(['folders', 'otherFolders', 'sources', 'totals']);
    expect(doc.folders).toEqual([expect.objectContaining({ folder: 'INBOX', outsideRange: 0 })]);
    expect(doc.sources).toEqual([
      expect.objectContaining({
        source: '柳州市第一中学团委2022年青年文明号材料',
        message_id: '<c1@test>',
        status: 'unmatched',
      }),
      expect.objectContaining({
        source: '请问截止时间？',
        message_id: '<q@test>',
        status: 'skipped',
        reason: expect.stringContaining('没有附件'),
      }),
    ]);
    // The built CLI unpacks on its intake thread; the core read in-process (no thread) must store the very same files.
    const cliFiles = doc.sources[0].files as Array<{ name: string; kind: string; size: number; sha256: string }>;
    expect(cliFiles.map((f) => [f.name, f.kind])).toEqual([
      ['工作总结.docx', 'summary'],
      ['照片1.png', 'photo'],
      ['照片2.png', 'photo'],
      ['照片3.png', 'photo'],
    ]);
    for (const f of cliFiles) {
      const stored = fs.readFileSync(path.join(data, 'files', f.sha256.slice(0, 2), f.sha256));
      expect(crypto.createHash('sha256').update(stored).digest('hex')).toBe(f.sha256);
      expect(stored.length).toBe(f.size);
    }
    const t = openTestCore();
    await setUp(t, s);
    const inThread = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-12-31' });
    expect(inThread.sources[0]!.files).toEqual(cliFiles);
    const bad = await desk('wrong');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, error: { code: 'mail-auth' } });
    expect(bad.stdout).not.toContain(s.password);
  }, 120_000);

  it('desk mail fetch over SSL/TLS and over STARTTLS verifies the server: trusted, it reads the mail; an untrusted certificate or TLS spoken to a plain port is mail-tls', async () => {
    ensureBuilt();
    const s = await server({ tls: true });
    s.deliver(submissionMail('柳州市第一中学团委', 'tw@lzyz.cn', 't1'), 'INBOX', at('2022-10-20'));
    const desk = (port: number, tls: string, ca: string | null) =>
      promisify(execFile)(
        process.execPath,
        [
          path.join(root, 'bin/desk.js'),
          '--data',
          tempDir(),
          'mail',
          'fetch',
          '--host',
          s.host,
          '--port',
          String(port),
          '--tls',
          tls,
          '--user',
          s.user,
          '--password-env',
          'DESK_TEST_PW',
          '--since',
          '2022-10-01',
          '--until',
          '2022-12-31',
          '--json',
        ],
        {
          // Node trusts its own CA list plus NODE_EXTRA_CA_CERTS: without the test CA the certificate is a stranger's.
          env: { ...process.env, DESK_TEST_PW: s.password, NODE_EXTRA_CA_CERTS: ca ?? '' },
        },
      ).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    for (const [port, tls] of [
      [s.tlsPort!, 'on'],
      [s.port, 'starttls'],
    ] as const) {
      const ok = await desk(port, tls, s.caFile!);
      expect(ok.code, `${tls}: ${ok.stdout}`).toBe(0);
      expect(JSON.parse(ok.stdout).sources).toEqual([
        expect.objectContaining({ message_id: '<t1@test>', status: 'unmatched' }),
      ]);
    }
    const untrusted = await desk(s.tlsPort!, 'on', null);
    expect(untrusted.code).toBe(1);
    expect(JSON.parse(untrusted.stdout)).toMatchObject({
      ok: false,
      error: { code: 'mail-tls', message: expect.stringContaining('证书无法验证') },
    });
    const wrongPort = await desk(s.port, 'on', s.caFile!);
    expect(JSON.parse(wrongPort.stdout)).toMatchObject({
      ok: false,
      error: { code: 'mail-tls', message: expect.stringContaining('端口与加密方式不符') },
    });
    expect(untrusted.stdout + wrongPort.stdout).not.toContain(s.password);
  }, 120_000);
});
