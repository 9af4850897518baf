/**
 * How long a second caller waits while core does long work (`npm run bench`, also runnable alone
 * with `npx tsx scripts/benchLatency.ts [ZIP_DIR]`). Browser mode serves; this process polls
 * `app.info` every 50 ms — on the idle server first, then while (a) a 5,000-row roster import and
 * (b) an intake of the benchmark's ZIPs run through the same server — and prints the p99 and the
 * longest poll of each. Target: p99 under 100 ms and under 3× the idle p99, for both.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeRosterRows, rosterCsv } from '../tests/support/rosterSheets';
import { callServer, startServer, stopServer, uploadToServer } from '../tests/support/server';

export type Server = { url: string; token: string };

export interface Latency {
  polls: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
}

/** Polls `app.info` every 50 ms until `work` settles (or for `idleMs` when there is none). */
export async function pollDuring(server: Server, work: Promise<unknown> | null, idleMs = 10_000): Promise<Latency> {
  const samples: number[] = [];
  let done = false;
  const finished = (work ?? new Promise((r) => setTimeout(r, idleMs))).finally(() => (done = true));
  const inFlight: Promise<void>[] = [];
  while (!done) {
    const start = performance.now();
    inFlight.push(callServer(server, 'app.info').then(() => void samples.push(performance.now() - start)));
    await new Promise((r) => setTimeout(r, 50));
  }
  await finished;
  await Promise.all(inFlight);
  samples.sort((a, b) => a - b);
  return {
    polls: samples.length,
    medianMs: samples[Math.floor(samples.length / 2)] ?? NaN,
    p99Ms: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))] ?? NaN,
    maxMs: samples.at(-1) ?? NaN,
  };
}

export async function benchLatency(
  zipDir: string,
): Promise<{ idle: Latency; roster: Latency; intake: Latency; zips: number }> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-latency-'));
  const { child, info: server } = await startServer(path.join(work, 'data'));
  try {
    await callServer(server, 'app.info');
    const idle = await pollDuring(server, null);

    const sheet = path.join(work, '名册.csv');
    fs.writeFileSync(sheet, rosterCsv(makeRosterRows(5000), 'utf-8'));
    const file = await uploadToServer(server, fs.readFileSync(sheet), '名册.csv');
    const roster = await pollDuring(server, callServer(server, 'units.importApply', { file }));

    const names = fs
      .readdirSync(zipDir)
      .filter((f) => f.endsWith('.zip'))
      .sort();
    const files = [];
    for (const name of names) files.push(await uploadToServer(server, fs.readFileSync(path.join(zipDir, name)), name));
    const intake = await pollDuring(server, callServer(server, 'intake.import', { files }));
    return { idle, roster, intake, zips: names.length };
  } finally {
    await stopServer(child);
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
