import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ensureBuilt, root } from './build';

/** Starts the built browser-mode server on a data folder; resolves with the line it prints (URL, token). */
export async function startServer(
  dataDir: string,
): Promise<{ child: ChildProcess; info: { url: string; entryUrl: string; token: string } }> {
  ensureBuilt();
  const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), '--data', dataDir, '--json'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = readline.createInterface({ input: child.stdout! });
  const info = await new Promise<{ url: string; entryUrl: string; token: string }>((resolve, reject) => {
    lines.once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, info };
}

/** Calls an operation of a browser-mode server directly (test set-up). */
export async function callServer<T>(info: { url: string; token: string }, name: string, input?: unknown): Promise<T> {
  const response = await fetch(`${info.url}/api/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': info.token },
    body: input === undefined ? '' : JSON.stringify(input),
  });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(envelope.error?.message);
  return envelope.value;
}

/** Uploads bytes the way the page does and returns them as the file reference operations take. */
export async function uploadToServer(
  info: { url: string; token: string },
  bytes: Uint8Array,
  name: string,
): Promise<{ upload: string; name: string }> {
  const response = await fetch(`${info.url}/api/upload`, {
    method: 'POST',
    headers: { 'x-desk-token': info.token, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  const envelope = (await response.json()) as { ok: boolean; value: { id: string } };
  if (!envelope.ok) throw new Error('upload refused');
  return { upload: envelope.value.id, name };
}

/**
 * Stops a server started above: SIGTERM for a clean close, SIGKILL after 5 s for one that cannot
 * answer (a handler stuck in a loop must not outlive its test and eat the CPU of the next ones).
 */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
