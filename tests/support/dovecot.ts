import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { DOVECOT } from './tools';

export { DOVECOT };

export interface MailServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /**
   * With `tls`: the port that speaks TLS from the first byte (IMAPS), and the CA that signed the server's certificate.
   */
  tlsPort?: number;
  caFile?: string;
  /** Puts a message into a folder (INBOX or another), as a delivery would. */
  deliver(message: Buffer, folder?: string, receivedAt?: Date): void;
  /** The same for a message already in a file (one too large to hold in the test's memory). */
  deliverFile(file: string, folder?: string, receivedAt?: Date): void;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, child: ChildProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null)
      throw new Error(`dovecot exited: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('dovecot did not start listening');
}

/**
 * A test CA and a certificate it signs for 127.0.0.1 (an IP SAN, as Node checks): made with the
 * openssl command line, so the client's verification is the real one.
 */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const ca = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca.key');
  const key = path.join(dir, 'server.key');
  const csr = path.join(dir, 'server.csr');
  const cert = path.join(dir, 'server.pem');
  const ext = path.join(dir, 'san.cnf');
  fs.writeFileSync(
    ext,
    'subjectAltName = IP:127.0.0.1\nbasicConstraints = CA:FALSE\nkeyUsage = digitalSignature, keyEncipherment\nextendedKeyUsage = serverAuth\n',
  );
  const run = (args: string[]) => {
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  };
  run([
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    caKey,
    '-out',
    ca,
    '-days',
    '2',
    '-subj',
    '/CN=Committee Desk Test CA',
  ]);
  run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', '/CN=127.0.0.1']);
  run([
    'x509',
    '-req',
    '-in',
    csr,
    '-CA',
    ca,
    '-CAkey',
    caKey,
    '-CAcreateserial',
    '-out',
    cert,
    '-days',
    '2',
    '-extfile',
    ext,
  ]);
  return { ca, cert, key };
}

/**
 * A real Dovecot IMAP server on a random loopback port, with a temporary configuration, a maildir
 * and one user with a static password; it lives as long as the test that started it.
 */
export async function startDovecot(options: { tls?: boolean } = {}): Promise<MailServer> {
  if (!DOVECOT) throw new Error('dovecot is not installed');
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-dovecot-'));
  const port = await freePort();
  const user = 'tuanshiwei@163.com';
  const password = `pw-${crypto.randomBytes(6).toString('hex')}`;
  const me = os.userInfo();
  // Dovecot will not serve mail as root: under root the mail belongs to its own `dovecot` user.
  const owner =
    me.uid === 0 ? spawnSync('id', ['-u', 'dovecot'], { encoding: 'utf8' }).stdout.trim() || '65534' : String(me.uid);
  const group =
    me.uid === 0 ? spawnSync('id', ['-g', 'dovecot'], { encoding: 'utf8' }).stdout.trim() || '65534' : String(me.gid);
  const internal = me.uid === 0 ? 'dovecot' : me.username;
  const mail = path.join(root, 'mail');
  fs.mkdirSync(path.join(mail, 'cur'), { recursive: true });
  fs.mkdirSync(path.join(mail, 'new'));
  fs.mkdirSync(path.join(mail, 'tmp'));
  const log = path.join(root, 'dovecot.log');
  const tls = options.tls ? { ...makeCertificates(root), port: await freePort() } : null;
  // With TLS the plain port offers STARTTLS too (Dovecot advertises it whenever ssl is on).
  const ssl = tls
    ? `ssl = yes\nssl_cert = <${tls.cert}\nssl_key = <${tls.key}\nssl_min_protocol = TLSv1.2`
    : 'ssl = no';
  const config = `
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${log}
protocols = imap
listen = 127.0.0.1
${ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_internal_group = ${me.uid === 0 ? 'dovecot' : me.username}
default_login_user = ${internal}
first_valid_uid = 1
mail_location = maildir:${mail}
mail_uid = ${owner}
mail_gid = ${group}
passdb {
  driver = static
  args = user=${user} password=${password}
}
userdb {
  driver = static
  args = uid=${owner} gid=${group} home=${root}/home
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = ${tls?.port ?? 0}
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  const configFile = path.join(root, 'dovecot.conf');
  fs.writeFileSync(configFile, config);
  if (me.uid === 0) spawnSync('chown', ['-R', `${owner}:${group}`, root]);
  const child = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitForPort(port, child, log);
    if (tls) await waitForPort(tls.port, child, log);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error });
  }
  let counter = 0;
  const place = (write: (file: string) => void, folder: string, receivedAt: Date) => {
    const dir = folder === 'INBOX' ? mail : path.join(mail, `.${folder}`);
    for (const sub of ['cur', 'new', 'tmp']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
    const name = `${Math.floor(receivedAt.getTime() / 1000)}.M${counter++}P${process.pid}.desk`;
    const file = path.join(dir, 'new', name);
    write(file);
    fs.utimesSync(file, receivedAt, receivedAt);
    if (me.uid === 0) spawnSync('chown', ['-R', `${owner}:${group}`, dir]);
  };
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    ...(tls ? { tlsPort: tls.port, caFile: tls.ca } : {}),
    deliver(message, folder = 'INBOX', receivedAt = new Date()) {
      place((file) => fs.writeFileSync(file, message), folder, receivedAt);
    },
    deliverFile(source, folder = 'INBOX', receivedAt = new Date()) {
      place((file) => fs.copyFileSync(source, file), folder, receivedAt);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
