import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Artifact, type Core } from '../../src-main/core';
import type { OpInput, OpName, OpOutput } from '../../src-main/core/operations';
import { browserOffice, browserReviewer, visitorAt, type Principal } from '../../src-main/common/principal';
import { deliverArtifact, unpackArtifact } from '../../src-main/core/transfer/artifacts';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';

/** The office at a test's own shell, and at a browser page (browser mode's token session). */
export const OFFICE: Principal = { kind: 'office', via: 'test', session: 'test' };
export const PAGE = browserOffice('test-page');

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

export function tempDir(prefix = 'desk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestCore {
  core: Core;
  dataDir: string;
  call<N extends OpName>(name: N, input?: OpInput<N>): Promise<OpOutput<N>>;
  callRaw(name: string, input?: unknown): ReturnType<Core['invoke']>;
  /** Runs an operation that makes a document and saves it at `target`, as the CLI does. */
  saveTo<N extends OpName>(
    name: N,
    input: OpInput<N>,
    target: string,
  ): Promise<Omit<OpOutput<N>, 'artifact'> & { file: string }>;
  /** The same for a ZIP of documents unpacked into a folder (the 评审表). */
  unpackTo<N extends OpName>(
    name: N,
    input: OpInput<N>,
    dir: string,
  ): Promise<Omit<OpOutput<N>, 'artifact'> & { dir: string }>;
}

/** A real core on a real SQLite file in a fresh folder. */
export function openTestCore(
  dataDir = tempDir(),
  options: { intakeThread?: string; verifyThread?: string } = {},
): TestCore {
  const core = createCore({ dataDir, version: 'test', mode: 'test', ...options });
  cleanups.push(() => core.close());
  const call = async (name: string, input?: unknown) => {
    const result = await core.invoke(name, input, OFFICE);
    if (!result.ok)
      throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
    return result.value as never;
  };
  return {
    core,
    dataDir,
    call,
    callRaw: (name, input) => core.invoke(name, input, OFFICE),
    async saveTo(name, input, target) {
      const { artifact, ...rest } = (await call(name, input)) as { artifact: Artifact };
      return { ...rest, file: await deliverArtifact(dataDir, artifact, target) } as never;
    },
    async unpackTo(name, input, dir) {
      const { artifact, ...rest } = (await call(name, input)) as { artifact: Artifact };
      return { ...rest, dir: await unpackArtifact(dataDir, artifact, dir) } as never;
    },
  };
}

/** Local files as operations take them (tests are a local caller, like the CLI). */
export function localFiles(paths: string[]): Array<{ path: string }> {
  return paths.map((p) => ({ path: p }));
}

/** Bytes as a file on disk, named `name`, for an operation that reads a file. */
export function asFile(name: string, bytes: Buffer): { path: string } {
  const file = path.join(tempDir('desk-input-'), name);
  fs.writeFileSync(file, bytes);
  return { path: file };
}

/** A reviewer's session as a review day opens one: the day started, the reviewer's code given at the day's address. */
export async function reviewerSession(t: TestCore, reviewerId: number): Promise<Principal> {
  let status = await t.call('reviewDay.status');
  if (!status.day) {
    await t.call('reviewDay.start', {
      address: '127.0.0.2',
      endsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(),
    });
    status = await t.call('reviewDay.status');
  }
  const code = status.codes.find((c) => c.reviewerId === reviewerId)!.code;
  const signedIn = await t.core.invoke('reviewDay.signIn', { code }, visitorAt('127.0.0.2'));
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  return browserReviewer(reviewerId, (signedIn.value as { token: string }).token);
}

/**
 * Three units' submissions and two reviewers: 王老师 assigned 甲 (and working in 丙's sector, so 回避 for 丙), 李老师
 * assigned 乙; `files` gives a submission's stored files.
 */
export async function assignedYear(t: TestCore) {
  const dir = tempDir();
  const names = ['甲单位', '乙单位', '丙单位'];
  for (const [i, name] of names.entries()) {
    await t.call('units.create', { name, sectorId: 6 + i });
    const entries = [
      { name: '总结.docx', data: makeDocx(name) },
      { name: '照片.png', data: makePng(i + 1, 7) },
    ];
    fs.writeFileSync(path.join(dir, `${name}.zip`), writeZip(entries));
  }
  const imported = await t.call('intake.import', { files: localFiles([dir]) });
  const ids = Object.fromEntries(imported.sources.map((s) => [s.unit!.name, s.submission_id!]));
  // 王老师 works in 丙单位's sector: assigned it by mistake, she must still stay out of it (回避).
  const wang = await t.call('reviewers.create', { name: '王老师', conflictSectorIds: [8] });
  const li = await t.call('reviewers.create', { name: '李老师' });
  const assign = (submissionIds: number[], reviewerIds: number[]) =>
    t.call('reviews.assign', { request: { mode: 'hand', submissionIds, reviewerIds } });
  await assign([ids['甲单位']!], [wang.id]);
  await assign([ids['乙单位']!], [li.id]);
  const files = async (id: number) => (await t.call('submissions.get', { id })).files.map((f) => f.sha256);
  return { ids, wang, li, files };
}
