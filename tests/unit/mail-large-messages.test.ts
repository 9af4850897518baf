import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../support/build';
import { startDovecot, type MailServer } from '../support/dovecot';
import { writeLargeMail } from '../support/largeMail';
import { needs } from '../support/tools';
import { watchChildren } from '../support/treeMemory';
import { openTestCore, tempDir } from './helpers';

/**
 * #27 items 2 and 3 of the findings: one very large message, or a server that trickles, must
 * neither take the app's memory nor block the mailbox. Dovecot on loopback serves the mail; a
 * loopback relay in front of it stands in for a server that slows to a byte a second.
 */
const ready = needs('dovecot');
const servers: Array<{ stop(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});
const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

function desk(dataDir: string, s: MailServer, port = s.port, extra: string[] = []) {
  ensureBuilt();
  return promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'bin/desk.js'),
      ...['--data', dataDir, 'mail', 'fetch', '--host', '127.0.0.1', '--port', String(port), '--tls', 'off'],
      ...['--user', s.user, '--password-env', 'DESK_TEST_PW', '--since', '2022-10-01'],
      ...['--until', '2022-10-31', '--json', ...extra],
    ],
    { env: { ...process.env, DESK_TEST_PW: s.password }, maxBuffer: 64 * 1024 ** 2 },
  ).then(
    (r) => ({ code: 0, out: JSON.parse(r.stdout) }),
    (e: { code: number; stdout: string }) => ({ code: e.code, out: JSON.parse(e.stdout) }),
  );
}

/** Dovecot's test account as the CLI names it. */
async function dovecot(): Promise<MailServer> {
  const s = await startDovecot();
  servers.push(s);
  return s;
}

/** A relay to `port` that, once the server starts sending a message's body or parts, passes one byte a second. */
async function trickling(port: number): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(port, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('error', () => {}).pipe(upstream);
    let slow = false;
    const queue: Buffer[] = [];
    const timer = setInterval(() => {
      const next = queue[0];
      if (!next) return;
      client.write(next.subarray(0, 1));
      if (next.length > 1) queue[0] = next.subarray(1);
      else queue.shift();
    }, 1000);
    upstream.on('error', () => {});
    upstream.on('data', (chunk: Buffer) => {
      slow ||= /BODY\[[^\]]*\](?:<\d+>)? \{\d+\}/.test(chunk.toString('latin1'));
      if (slow) queue.push(chunk);
      else client.write(chunk);
    });
    const end = () => (clearInterval(timer), client.destroy(), upstream.destroy());
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const relay = {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
  servers.push(relay);
  return relay;
}

describe.skipIf(!ready)('large messages and slow servers (Dovecot on loopback)', () => {
  it('a 200 MiB message is read as it streams: imported whole, the CLI staying under 300 MB', async () => {
    const s = await dovecot();
    const dataDir = tempDir();
    const t = openTestCore(dataDir);
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    await t.core.close();
    const file = path.join(tempDir(), 'large.eml');
    const video = writeLargeMail(file, {
      from: 'tw@lzyz.cn',
      subject: '柳州市第一中学团委材料',
      messageId: '<large@lzyz.cn>',
      videoBytes: 150 * 1024 ** 2,
    });
    expect(fs.statSync(file).size).toBeGreaterThan(200 * 1024 ** 2);
    s.deliverFile(file, 'INBOX', at('2022-10-20'));
    fs.rmSync(file);
    const watch = watchChildren();
    const { code, out } = await desk(dataDir, s);
    const { peakChildMb } = watch.stop();
    expect(code).toBe(0);
    expect(out.sources.map((r: { status: string }) => r.status)).toEqual(['imported']);
    expect(peakChildMb).toBeLessThan(300);
    const again = openTestCore(dataDir);
    const submission = await again.call('submissions.get', { id: out.sources[0].submission_id });
    expect(submission.files.find((f) => f.name === '活动视频.mp4')?.sha256).toBe(video);
  }, 300_000);

  it('a message larger than the limits allow is skipped with its size, unread, and the next one is taken', async () => {
    const s = await dovecot();
    const dataDir = tempDir();
    const t = openTestCore(dataDir);
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    await t.call('units.create', { name: '柳州银行营业部', email: 'yyb@lzbank.cn' });
    const limits = await t.call('intake.limits');
    await t.call('intake.setLimits', { ...limits, maxTotalBytes: 20 * 1024 ** 2 });
    await t.core.close();
    const big = path.join(tempDir(), 'big.eml');
    writeLargeMail(big, {
      from: 'tw@lzyz.cn',
      subject: '大邮件',
      messageId: '<big@lzyz.cn>',
      videoBytes: 40 * 1024 ** 2,
    });
    s.deliverFile(big, 'INBOX', at('2022-10-20'));
    const small = path.join(tempDir(), 'small.eml');
    writeLargeMail(small, { from: 'yyb@lzbank.cn', subject: '小邮件', messageId: '<s@lzbank.cn>', videoBytes: 1024 });
    s.deliverFile(small, 'INBOX', at('2022-10-21'));
    const { code, out } = await desk(dataDir, s);
    expect(code).toBe(0);
    const [first, second] = out.sources;
    expect(first).toMatchObject({ source: '大邮件', status: 'skipped' });
    expect(first.message).toMatch(/这封邮件有 \d+ MB，超过收件限制/);
    expect(second).toMatchObject({ source: '小邮件', status: 'imported' });
    // In 收件记录 with its reason; the next fetch goes past it rather than stopping at it again.
    const again = openTestCore(dataDir);
    const history = await again.call('intake.history', {});
    expect(history.map((h) => [h.label, h.status])).toEqual(
      expect.arrayContaining([
        ['大邮件', 'skipped'],
        ['小邮件', 'imported'],
      ]),
    );
    await again.core.close();
    const next = await desk(dataDir, s);
    expect(next.out.sources).toEqual([]);
  }, 300_000);

  it('a server that trickles a byte a second is given up on at the read deadline, nothing recorded', async () => {
    const s = await dovecot();
    const dataDir = tempDir();
    const t = openTestCore(dataDir);
    await t.call('units.create', { name: '柳州银行营业部', email: 'yyb@lzbank.cn' });
    await t.core.close();
    const mail = path.join(tempDir(), 'm.eml');
    writeLargeMail(mail, { from: 'yyb@lzbank.cn', subject: '材料', messageId: '<t@lzbank.cn>', videoBytes: 1024 });
    s.deliverFile(mail, 'INBOX', at('2022-10-21'));
    const relay = await trickling(s.port);
    const started = Date.now();
    const slow = await desk(dataDir, s, relay.port, ['--timeout', '3']);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(slow.code).not.toBe(0);
    expect(slow.out.error.code).toBe('mail-timeout');
    // Not recorded as read: the next fetch, from a server that answers, takes it.
    const next = await desk(dataDir, s);
    expect(next.out.sources.map((r: { status: string }) => r.status)).toEqual(['imported']);
  }, 120_000);
});
