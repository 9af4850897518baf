/**
 * How long a second caller waits while core does long work (`npm run bench`, also runnable alone
 * with `npx tsx scripts/benchLatency.ts [ZIP_DIR]`). Browser mode serves; this process polls
 * `app.info` every 50 ms — on the idle server first, then while (a) a 5,000-row roster import and
 * (b) an intake of the benchmark's ZIPs run through the same server — and prints the p99 and the
 * longest poll of each. Target: p99 under 100 ms and under 3× the idle p99, for both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { makeRosterRows, rosterCsv } from '../tests/support/rosterSheets';

const root = path.resolve(import.meta.dirname, '..');

interface Server {
  child: ChildProcess;
  url: string;
  token: string;
}

async function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [path.join(root, 'out/main/server.js'), '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', () => reject(new Error('server exited')));
  });
  const info = JSON.parse(line) as { url: string; token: string };
  return { child, url: info.url, token: info.token };
}

async function call<T>(server: Server, name: string, input?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-desk-token': server.token }, body: input === undefined ? '' : JSON.stringify(input) });
  const envelope = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${name}: ${envelope.error?.message}`);
  return envelope.value;
}

async function upload(server: Server, file: string, name: string): Promise<{ upload: string; name: string }> {
  const response = await fetch(`${server.url}/api/upload`, {
    method: 'POST',
    headers: { 'x-desk-token': server.token, 'content-type': 'application/octet-stream' },
    body: fs.createReadStream(file) as unknown as BodyInit,
    duplex: 'half',
  } as RequestInit);
  const envelope = (await response.json()) as { value: { id: string } };
  return { upload: envelope.value.id, name };
}

export interface Latency {
  polls: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Polls `app.info` every 50 ms until `work` settles (or for `idleMs` when there is none). */
async function pollDuring(server: Server, work: Promise<unknown> | null, idleMs = 10_000): Promise<Latency> {
  const samples: number[] = [];
  let done = false;
  const finished = (work ?? new Promise((r) => setTimeout(r, idleMs))).finally(() => (done = true));
  const inFlight: Promise<void>[] = [];
  while (!done) {
    const start = performance.now();
    inFlight.push(call(server, 'app.info').then(() => void samples.push(performance.now() - start)));
    await new Promise((r) => setTimeout(r, 50));
  }
  await finished;
  await Promise.all(inFlight);
  samples.sort((a, b) => a - b);
  return { polls: samples.length, medianMs: samples[Math.floor(samples.length / 2)] ?? NaN, p99Ms: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] ?? NaN, maxMs: samples.at(-1) ?? NaN };
}

export async function benchLatency(zipDir: string): Promise<{ idle: Latency; roster: Latency; intake: Latency; zips: number }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-latency-'));
  const server = await startServer(path.join(work, 'data'));
  try {
    await call(server, 'app.info');
    const idle = await pollDuring(server, null);

    const sheet = path.join(work, '名册.csv');
    fs.writeFileSync(sheet, rosterCsv(makeRosterRows(5000), 'utf-8'));
    const file = await upload(server, sheet, '名册.csv');
    const roster = await pollDuring(server, call(server, 'units.importApply', { file }));

    const names = fs.readdirSync(zipDir).filter((f) => f.endsWith('.zip')).sort();
    const files = [];
    for (const name of names) files.push(await upload(server, path.join(zipDir, name), name));
    const intake = await pollDuring(server, call(server, 'intake.import', { files }));
    return { idle, roster, intake, zips: names.length };
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((r) => server.child.once('exit', r));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function latencyOk(idle: Latency, busy: Latency): boolean {
  return busy.p99Ms < 100 && busy.p99Ms < 3 * Math.max(idle.p99Ms, 1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: npx tsx scripts/benchLatency.ts ZIP_DIR');
  benchLatency(dir).then((r) => console.log(JSON.stringify(r, null, 2)));
}
