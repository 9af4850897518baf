import { describe, expect, it } from 'vitest';
import { startSmtp, type SmtpServer } from '../support/smtpServer';
import { openTestCore, tempDir, type TestCore } from './helpers';
import { needs } from '../support/tools';

// Under DESK_REQUIRE_TOOLS a missing aiosmtpd fails the run rather than skipping it.
const ready = needs('aiosmtpd');
const OFFICE = 'office@lz.cn';
const PASSWORD = '授权码abc';

/** 设置 → 邮箱 with the 发信服务器 set (the IMAP side is never spoken to here). */
async function office(t: TestCore, smtpPort: number) {
  await t.call('mail.saveAccount', {
    host: '127.0.0.1',
    port: 1,
    tls: 'off',
    user: OFFICE,
    folders: ['INBOX'],
    password: PASSWORD,
    smtp: { host: '127.0.0.1', port: smtpPort, tls: 'off' },
  });
}

describe.skipIf(!ready)('the outgoing server in 设置 → 邮箱 (#25 items 3 and 11; aiosmtpd on loopback)', () => {
  it('发一封测试邮件 and 催报 go through the server set there; a failure is said in Chinese, never a raw code', async () => {
    const smtp = await startSmtp(tempDir(), { user: OFFICE, password: PASSWORD });
    try {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
      await office(t, smtp.port);
      const test = await t.call('remind.testSend', {});
      expect(test).toMatchObject({ to: OFFICE, reply: expect.stringContaining('250') });
      // The default would be smtp.<imap host>:465; this arrived only because the set server was used.
      const sent = await t.call('remind.send', { intervalMs: 0 });
      expect(sent.sent.map((s) => s.address)).toEqual(['tw@lzyz.cn']);
      expect(smtp.messages().map((m) => m.to)).toEqual([OFFICE, 'tw@lzyz.cn']);

      await office(t, 1);
      const refused = await t.callRaw('remind.testSend', {});
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'smtp-failed', message: expect.stringContaining('连不上发信服务器 127.0.0.1:1') },
      });
      expect(JSON.stringify(refused)).not.toMatch(/ECONNREFUSED|ECONNECTION/);
    } finally {
      await smtp.stop();
    }
  });

  it('a reminder handed over whose answer never came is 可能已发送: shown, kept, not sent again by itself', async () => {
    // The server takes the message, then dies before answering (killed while it "queues" it).
    const smtp: SmtpServer = await startSmtp(tempDir(), { user: OFFICE, password: PASSWORD, delaySeconds: 3 });
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    await office(t, smtp.port);
    const sending = t.callRaw('remind.send', { intervalMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    smtp.child.kill('SIGKILL');
    const result = await sending;
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'smtp-failed', message: expect.stringContaining('可能已发送 1 封') },
    });
    const again = await t.call('remind.send', { intervalMs: 0, dryRun: true });
    expect(again.skipped).toEqual([expect.objectContaining({ unitName: '柳州市第一中学团委', why: 'unsure' })]);
    expect(again.sent).toEqual([]);
  });
  it('a server that answers in UTF-8 Chinese is recorded in Chinese, not as mojibake (#27 item 7)', async () => {
    const smtp = await startSmtp(tempDir(), {
      user: OFFICE,
      password: PASSWORD,
      reject: 'ez@lz.edu.cn',
      chineseReplies: true,
    });
    try {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
      await t.call('units.create', { name: '柳州市第二中学团委', email: 'ez@lz.edu.cn' });
      await office(t, smtp.port);
      expect((await t.call('remind.testSend', {})).reply).toMatch(/^250 2\.0\.0 已接收，编号 \d+$/);
      const sent = await t.call('remind.send', { intervalMs: 0 });
      expect(sent.sent.map((s) => s.reply)).toEqual([expect.stringMatching(/已接收/)]);
      expect(sent.failed.map((f) => f.reply)).toEqual([expect.stringContaining('收件人不存在')]);
      expect(JSON.stringify(sent)).not.toMatch(/[\u00c0-\u00ff]{2}/);
    } finally {
      await smtp.stop();
    }
  });
});
