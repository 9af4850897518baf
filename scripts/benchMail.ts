/**
 * Mailbox intake against a plain IMAP download, in the same run: N messages (default 300, each a
 * ZIP of a summary and four ~1.5 MB photos, ~2 GB of attachments in all) are delivered into a
 * local Dovecot; then
 *   A. Python's imaplib downloads every message (UID FETCH BODY.PEEK[]) to a file each (baseline;
 *      after one untimed read, so neither run pays for Dovecot building its index);
 *   B. `desk mail fetch` reads the same mailbox into a fresh data folder (download, MIME parsing,
 *      unpacking, hashing, matching, the database).
 * Prints B/A (target ≤ 1.3) and B's peak memory for a third of the messages and for all of them,
 * which must stay flat as the count grows.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startDovecot, type MailServer } from '../tests/support/dovecot';
import { pythonMail } from '../tests/support/pythonMail';
import { seconds } from './stopwatch';
import { makeDocx, photoLike, writeZip } from '../tests/support/zipWriter';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'out/main/cli.js');

const IMAPLIB = `
import imaplib, sys, os
host, port, user, password, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
m = imaplib.IMAP4(host, port)
m.login(user, password)
m.select('INBOX', readonly=True)
typ, data = m.uid('search', None, 'ALL')
for uid in data[0].split():
    typ, msg = m.uid('fetch', uid, '(BODY.PEEK[])')
    with open(os.path.join(out, uid.decode() + '.eml'), 'wb') as f:
        f.write(msg[0][1])
m.logout()
`;

function deliver(server: MailServer, count: number, work: string): number {
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const unit = `柳州市第${i + 1}青年文明号集体`;
    const zip = path.join(work, 'attachment.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: `${unit}/工作总结.docx`, data: makeDocx(unit, 38_000), deflate: true },
        ...Array.from({ length: 4 }, (_, p) => ({
          name: `${unit}/活动照片${p + 1}.jpg`,
          data: photoLike(1_650_000, i * 10 + p),
        })),
      ]),
    );
    bytes += fs.statSync(zip).size;
    const day = `2022-10-${String(1 + (i % 28)).padStart(2, '0')}`;
    server.deliver(
      pythonMail({
        from: `${unit} <u${i}@bench.cn>`,
        subject: `${unit}2022年青年文明号材料`,
        date: new Date(`${day}T10:00:00+08:00`).toUTCString(),
        messageId: `<bench-${i}@bench.cn>`,
        body: '材料见附件。',
        attachments: [{ file: zip, filename: `${unit}.zip`, type: 'application/zip' }],
      }),
      'INBOX',
      new Date(`${day}T10:00:00+08:00`),
    );
  }
  return bytes;
}

/**
 * The least any reader that keeps its promises must do with the same attachments, without IMAP,
 * parsing or a database: decode the base64, check a CRC-32, hash with SHA-256 and write the bytes,
 * on one thread. Measured on the messages imaplib just saved, so the two share a run.
 */
function integrityFloor(messages: string, target: string): number {
  fs.mkdirSync(target);
  return seconds(() => {
    for (const name of fs.readdirSync(messages)) {
      const text = fs.readFileSync(path.join(messages, name)).toString('latin1');
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const part = text.indexOf(
        eol + eol,
        text.indexOf('Content-Transfer-Encoding: base64', text.indexOf('application/zip')),
      );
      const end = text.indexOf(`${eol}--`, part);
      if (part < 0 || end < 0) throw new Error(`no base64 attachment in ${name}`);
      const bytes = Buffer.from(text.slice(part, end), 'base64');
      zlib.crc32(bytes);
      const sha = crypto.createHash('sha256').update(bytes).digest('hex');
      fs.writeFileSync(path.join(target, sha), bytes);
    }
  });
}

function fetchWithDesk(server: MailServer, data: string): { seconds: number; peakRssMb: number; sources: number } {
  let stdout = '';
  let stderr = '';
  const time = seconds(() => {
    const run = spawnSync(
      process.execPath,
      [
        cli,
        '--data',
        data,
        'mail',
        'fetch',
        '--host',
        server.host,
        '--port',
        String(server.port),
        '--tls',
        'off',
        '--user',
        server.user,
        '--password-env',
        'BENCH_PW',
        '--since',
        '2022-01-01',
        '--until',
        '2022-12-31',
        '--json',
      ],
      {
        env: { ...process.env, BENCH_PW: server.password, DESK_REPORT_RSS: '1' },
        maxBuffer: 256 * 1024 ** 2,
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) throw new Error(`desk mail fetch failed: ${run.stderr || run.stdout}`);
    stdout = run.stdout;
    stderr = run.stderr;
  });
  const rss = /peak-rss-kb=(\d+)/.exec(stderr);
  return {
    seconds: time,
    peakRssMb: rss ? Number(rss[1]) / 1024 : NaN,
    sources: (JSON.parse(stdout) as { totals: { sources: number } }).totals.sources,
  };
}

export async function benchMail(
  count = Number(process.env.BENCH_MAILS ?? 300),
): Promise<{ ratio: number; line: string[] }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-mail-'));
  const servers: MailServer[] = [];
  try {
    const third = await startDovecot();
    servers.push(third);
    deliver(third, Math.max(1, Math.floor(count / 3)), work);
    const server = await startDovecot();
    servers.push(server);
    const bytes = deliver(server, count, work);
    spawnSync('sync');

    const out = path.join(work, 'imaplib');
    const imaplib = () => {
      fs.mkdirSync(out);
      const run = spawnSync(
        'python3',
        ['-c', IMAPLIB, server.host, String(server.port), server.user, server.password, out],
        { encoding: 'utf8' },
      );
      if (run.status !== 0) throw new Error(`imaplib failed: ${run.stderr}`);
    };
    // Dovecot indexes a mailbox on its first full read; that untimed read warms it for both runs alike.
    imaplib();
    fs.rmSync(out, { recursive: true, force: true });
    spawnSync('sync');
    const baseline = seconds(imaplib);
    const downloaded = fs.readdirSync(out).length;
    const floor = integrityFloor(out, path.join(work, 'floor'));
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(path.join(work, 'floor'), { recursive: true, force: true });
    spawnSync('sync');
    const ours = fetchWithDesk(server, path.join(work, 'data'));
    fs.rmSync(path.join(work, 'data'), { recursive: true, force: true });
    const small = fetchWithDesk(third, path.join(work, 'data-third'));
    const ratio = ours.seconds / baseline;
    return {
      ratio,
      line: [
        `邮箱收件：${count} 封邮件，附件共 ${(bytes / 1024 ** 3).toFixed(2)} GB（本机 Dovecot）`,
        `  Python imaplib 逐封下载到磁盘：${baseline.toFixed(2)} s（${downloaded} 封）`,
        `  desk mail fetch（下载、解析、解压、入库）：${ours.seconds.toFixed(2)} s（${ours.sources} 份）`,
        `  mail/imaplib = ${ratio.toFixed(2)}（目标 ≤ 1.3）${ratio <= 1.3 ? '达标' : '未达标'}`,
        `  下限参考：只解码 + CRC-32 + SHA-256 + 写盘同一批附件（单线程，无 IMAP、解析、数据库）：${floor.toFixed(2)} s = ${(floor / baseline).toFixed(2)}× imaplib`,
        `  峰值内存：${small.peakRssMb.toFixed(0)} MB（${small.sources} 封）→ ${ours.peakRssMb.toFixed(0)} MB（${ours.sources} 封）`,
      ],
    };
  } finally {
    for (const s of servers) await s.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === import.meta.filename) {
  benchMail().then((r) => {
    console.log(r.line.join('\n'));
    process.exitCode = r.ratio <= 1.3 ? 0 : 1;
  });
}
