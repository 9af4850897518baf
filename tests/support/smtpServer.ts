import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { has, SYSTEM_PYTHON } from './tools';

/** Debian's python3-aiosmtpd, run by Debian's own python3 (not a pyenv one without it). */
const PYTHON = SYSTEM_PYTHON;
export const hasAiosmtpd = has('aiosmtpd');

const SCRIPT = String.raw`
import asyncio, os, socket, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
out, user, password, reject, delay, zh = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), sys.argv[6] == 'zh'
class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if reject and address == reject:
            return ('550 5.1.1 <%s>: 收件人不存在' if zh else '550 5.1.1 <%s>: Recipient address rejected: User unknown') % address
        envelope.rcpt_tos.append(address)
        return '250 OK'
    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(delay)
        name = os.path.join(out, '%.6f-%s.eml' % (time.time(), envelope.rcpt_tos[0]))
        with open(name + '.part', 'wb') as f:
            f.write(('X-Envelope-To: %s\r\n' % ','.join(envelope.rcpt_tos)).encode())
            f.write(envelope.original_content)
        os.rename(name + '.part', name)
        return ('250 2.0.0 已接收，编号 %d' if zh else '250 2.0.0 Ok: queued as %d') % len(os.listdir(out))
def auth(server, session, envelope, mechanism, data):
    ok = data.login.decode() == user and data.password.decode() == password
    return AuthResult(success=ok, handled=False)
s = socket.socket(); s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]; s.close()
c = Controller(Handler(), hostname='127.0.0.1', port=port, authenticator=auth, auth_required=True, auth_require_tls=False, enable_SMTPUTF8=zh)
c.start()
print(port, flush=True)
sys.stdin.read()
c.stop()
`;

export interface SmtpServer {
  port: number;
  dir: string;
  child: ChildProcess;
  /** Every message received so far, oldest first: envelope recipients and the raw bytes. */
  messages(): Array<{ to: string; raw: Buffer }>;
  stop(): Promise<void>;
}

/** A real SMTP server (aiosmtpd) on a random loopback port, requiring AUTH, keeping each message as a file. */
export async function startSmtp(
  dir: string,
  options: { user: string; password: string; reject?: string; delaySeconds?: number; chineseReplies?: boolean },
): Promise<SmtpServer> {
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    PYTHON,
    [
      '-c',
      SCRIPT,
      dir,
      options.user,
      options.password,
      options.reject ?? '',
      String(options.delaySeconds ?? 0),
      // A server that answers in UTF-8 Chinese, as some domestic servers do.
      options.chineseReplies ? 'zh' : '',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)));
    child.once('exit', (code) => reject(new Error(`aiosmtpd exited with ${code}`)));
  });
  return {
    port,
    dir,
    child,
    messages: () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => {
          const raw = fs.readFileSync(path.join(dir, f));
          return { to: /^X-Envelope-To: (.*)\r\n/.exec(raw.toString('latin1'))![1]!, raw };
        }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
