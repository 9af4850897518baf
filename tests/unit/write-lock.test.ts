import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteLock } from '../../src-main/core/locks/writeLock';
import { tempDir } from './helpers';

const DEAD_PID = 2 ** 22 + 13;
const lockModule = path.resolve(__dirname, '../../src-main/core/locks/writeLock.ts');

/**
 * One process that waits for the common start instant, then tries the lock. Holding it, it says so
 * in a shared folder ("I hold the lock"), looks whether anyone else says the same, holds a while and
 * withdraws its word before letting go.
 */
const CHILD = `
import fs from 'node:fs';
import path from 'node:path';
import { WriteLock } from ${JSON.stringify(lockModule)};
const [dir, holders, startAt] = process.argv.slice(2);
while (Date.now() < Number(startAt)) {}
const lock = new WriteLock(dir);
const got = lock.tryRun('并发测试', () => {
  const mine = path.join(holders, String(process.pid));
  fs.writeFileSync(mine, '');
  const others = () => fs.readdirSync(holders).filter((name) => name !== String(process.pid));
  let overlap = others().length > 0;
  const from = Date.now();
  while (Date.now() - from < 400) overlap ||= others().length > 0;
  fs.rmSync(mine);
  return { overlap };
});
console.log(JSON.stringify(got ?? null));
`;

function child(script: string, dir: string, holders: string, startAt: number): Promise<{ overlap: boolean } | null> {
  return new Promise((resolve, reject) => {
    const run = spawn(process.execPath, ['--import', 'tsx', script, dir, holders, String(startAt)], {
      cwd: path.resolve(__dirname, '../..'),
    });
    let out = '';
    run.stdout.on('data', (c) => (out += c));
    run.on('error', reject);
    run.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim()) as { overlap: boolean } | null)
        : reject(new Error(`child exited ${code}`)),
    );
  });
}

describe('the long-write lock', () => {
  it('is taken over from a dead holder by exactly one of several processes racing for it, and never held twice at once', async () => {
    const dir = tempDir();
    const script = path.join(tempDir(), 'child.mts');
    const holders = tempDir();
    fs.writeFileSync(script, CHILD);
    for (let round = 0; round < 3; round++) {
      fs.writeFileSync(
        path.join(dir, 'long-write.lock'),
        JSON.stringify({ pid: DEAD_PID, operation: '被杀掉的导入', startedAt: '2022-10-01T00:00:00Z' }),
      );
      const startAt = Date.now() + 2_500;
      const held = (await Promise.all([1, 2, 3, 4].map(() => child(script, dir, holders, startAt)))).filter(
        (h) => h !== null,
      );
      expect(held.length).toBeGreaterThanOrEqual(1);
      expect(
        held.filter((h) => h.overlap),
        `round ${round}: two holders at once`,
      ).toEqual([]);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  }, 60_000);

  it('removes only its own lock: one that was replaced under it stays', async () => {
    const dir = tempDir();
    const lock = new WriteLock(dir);
    const file = path.join(dir, 'long-write.lock');
    const other = JSON.stringify({ pid: process.pid, operation: '别的窗口', startedAt: new Date().toISOString() });
    await lock.run('导入', () => fs.writeFileSync(file, other));
    expect(fs.readFileSync(file, 'utf8')).toBe(other);
    // A lock someone is still writing (empty, just created) is not taken for stale.
    fs.writeFileSync(file, '');
    expect(() => new WriteLock(dir).tryRun('清理', () => 1)).not.toThrow();
    expect(new WriteLock(dir).tryRun('清理', () => 1)).toBeUndefined();
  });
});
