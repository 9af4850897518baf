import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeReplyLine } from '../../src-main/core/mail/lenientReplies';
import { ensureBuilt, root } from '../support/build';
import { scriptedImap, type ScriptedImap } from '../support/scriptedImap';
import { openTestCore, tempDir, OFFICE } from './helpers';

const servers: ScriptedImap[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const line = (text: string) => Buffer.from(`${text}\r\n`, 'latin1');
const CAPS = 'IMAP4rev1 ID';

/** A server that greets and then answers CAPABILITY and LOGOUT, and LOGIN as `login` says. */
function answering(login: (tag: string) => Buffer[] | null) {
  return (tag: string, command: string) => {
    if (command === 'CAPABILITY') return [line(`* CAPABILITY ${CAPS}`), line(`${tag} OK CAPABILITY completed`)];
    if (command === 'LOGIN') return login(tag);
    if (command === 'LOGOUT') return [line('* BYE'), line(`${tag} OK LOGOUT completed`)];
    return [line(`${tag} BAD unknown`)];
  };
}

async function fetchFrom(port: number, timeoutSeconds?: number) {
  const t = openTestCore();
  const account = {
    host: '127.0.0.1',
    port,
    tls: 'off' as const,
    user: 'office@qq.com',
    folders: ['INBOX'],
    ...(timeoutSeconds ? { timeoutSeconds } : {}),
  };
  const result = await t.core.invoke('mail.fetch', { account, password: 'pw-secret-1' }, OFFICE);
  return { result };
}

/** The built CLI, as the office's scripts call it. */
function desk(port: number, extra: string[]) {
  return promisify(execFile)(
    process.execPath,
    [
      path.join(root, 'bin/desk.js'),
      '--data',
      tempDir(),
      'mail',
      'fetch',
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--tls',
      'off',
      '--user',
      'office@qq.com',
      '--password-env',
      'DESK_TEST_PW',
      '--json',
      ...extra,
    ],
    {
      env: { ...process.env, DESK_TEST_PW: 'pw-secret-1' },
    },
  ).then(
    (r) => ({ code: 0, stdout: r.stdout }),
    (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
  );
}

describe('what the mail server says, read as the clerk needs it (a scripted loopback server: Dovecot cannot answer in GBK or go silent)', () => {
  it('reads a GBK reply from a QQ-style server as Chinese in mail-auth, and a UTF-8 line as before', async () => {
    const reason = '请使用授权码登录。详情请看: http://service.mail.qq.com/';
    const s = await scriptedImap(
      line(`* OK [CAPABILITY ${CAPS}] QQMail IMAP4Server ready`),
      answering((tag) => [
        Buffer.concat([
          Buffer.from(`${tag} NO [AUTHENTICATIONFAILED] `),
          iconv.encode(reason, 'gbk'),
          Buffer.from('\r\n'),
        ]),
      ]),
    );
    servers.push(s);
    const { result } = await fetchFrom(s.port);
    expect(result).toMatchObject({ ok: false, error: { code: 'mail-auth', message: expect.stringContaining(reason) } });
    expect(JSON.stringify(result)).not.toContain('\ufffd');
    expect(JSON.stringify(result)).not.toContain('pw-secret-1');
    expect(s.received.some((l) => / LOGIN /.test(l))).toBe(true);
    // The same through the built CLI: the decoder is installed in the bundled code too.
    ensureBuilt();
    const cli = await desk(s.port, []);
    expect(JSON.parse(cli.stdout)).toMatchObject({
      ok: false,
      error: { code: 'mail-auth', message: expect.stringContaining(reason) },
    });

    expect(decodeReplyLine(Buffer.from('* OK [ALERT] 服务器维护中 ✓'))).toBe('* OK [ALERT] 服务器维护中 ✓');
    expect(decodeReplyLine(iconv.encode('* NO 系统繁忙', 'gbk'))).toBe('* NO 系统繁忙');
  });

  it('gives mail-timeout, after the timeout the account sets, for a server that stops answering after its greeting', async () => {
    const s = await scriptedImap(line(`* OK [CAPABILITY ${CAPS}] ready`), () => null);
    servers.push(s);
    const { result } = await fetchFrom(s.port, 3);
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'mail-timeout', message: expect.stringContaining('长时间没有响应') },
    });
    // The server saw the client wait for its silence, then hang up: a reply is waited for four times
    // the connect timeout (12 s here); the test's own 60 s bound shows it was not the default 120 s.
    await vi.waitFor(() => expect(s.seen.at(-1)?.what).toBe('close'));
    const lastAsked = s.seen.filter((e) => e.what === 'line').at(-1)!;
    expect(s.seen.at(-1)!.at - lastAsked.at).toBeGreaterThanOrEqual(2_500);
  }, 60_000);

  it('desk mail fetch --timeout: a server that accepts and never greets is mail-timeout in the JSON', async () => {
    ensureBuilt();
    const s = await scriptedImap(null, () => null);
    servers.push(s);
    const silent = await desk(s.port, ['--timeout', '3']);
    expect(silent.code).toBe(1);
    expect(JSON.parse(silent.stdout)).toMatchObject({ ok: false, error: { code: 'mail-timeout' } });
    // The server saw the CLI connect, wait out its 3 s for a greeting and hang up (under the test's 60 s).
    await vi.waitFor(() => expect(s.seen.map((e) => e.what)).toEqual(['connect', 'close']));
    expect(s.seen[1]!.at - s.seen[0]!.at).toBeGreaterThanOrEqual(2_500);
    const bad = await desk(s.port, ['--timeout', '2']);
    expect(JSON.parse(bad.stdout)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('3 秒') },
    });
  }, 60_000);
});
