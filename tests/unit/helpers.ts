import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createCore, type Core } from '../../src-main/core';
import type { OpInput, OpName, OpOutput } from '../../src-main/core/operations';

const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
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
}

/** A real core on a real SQLite file in a fresh folder. */
export function openTestCore(dataDir = tempDir()): TestCore {
  const core = createCore({ dataDir, version: 'test', mode: 'test' });
  cleanups.push(() => core.close());
  return {
    core,
    dataDir,
    async call(name, input) {
      const result = await core.invoke(name, input);
      if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code, details: result.error.details });
      return result.value as never;
    },
    callRaw: (name, input) => core.invoke(name, input),
  };
}

export function asFile(name: string, bytes: Buffer) {
  return { name, base64: bytes.toString('base64') };
}
