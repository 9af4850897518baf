import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './process';
import { DeskError } from '../contract/errors';

export interface LockInfo {
  pid: number;
  operation: string;
  startedAt: string;
}


/**
 * One long write (an import, a restore) at a time per data folder, across processes: the
 * desktop app, browser mode and the CLI may share a folder. SQLite's own locking keeps single
 * statements safe; this keeps two multi-step jobs from interleaving. A lock left by a dead
 * process is taken over, atomically, and a process only ever removes its own lock.
 */
/** A lock file this young may still be being written by its holder: unreadable is not yet stale. */
const WRITING_GRACE_MS = 5_000;

export class WriteLock {
  private readonly file: string;
  /** The exact content this process wrote, so it only ever removes its own lock. */
  private held: string | null = null;

  constructor(locksDir: string, name = 'long-write.lock') {
    fs.mkdirSync(locksDir, { recursive: true });
    this.file = path.join(locksDir, name);
  }

  /** Waits (blocking, for start-up only) until the lock is free, then runs `job` under it. */
  runBlocking<T>(operation: string, job: () => T, timeoutMs = 60_000): T {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const result = this.tryRun(operation, () => ({ value: job() }));
      if (result) return result.value;
      if (Date.now() > until) throw busyError(parse(readRaw(this.file)));
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }

  async run<T>(operation: string, job: () => Promise<T> | T): Promise<T> {
    this.acquire(operation);
    try {
      return await job();
    } finally {
      this.release();
    }
  }

  /** The lock's holder when it is a dead process's (数据检查 reports it), else null. */
  staleHolder(): LockInfo | 'unreadable' | null {
    const raw = readRaw(this.file);
    if (raw === null) return null;
    const holder = parse(raw);
    if (holder) return processAlive(holder.pid) ? null : holder;
    return ageMs(this.file) < WRITING_GRACE_MS ? null : 'unreadable';
  }

  /** Removes a dead holder's lock, atomically as a takeover does; a live one is left alone. */
  clearIfStale(): boolean {
    const raw = readRaw(this.file);
    if (raw === null || this.staleHolder() === null) return false;
    try {
      this.takeOver(raw);
      return true;
    } catch {
      return false;
    }
  }

  /** Whether a long write (in this process or another) is running now: background chores wait for it. */
  busy(): boolean {
    const holder = parse(readRaw(this.file));
    return !!holder && processAlive(holder.pid);
  }

  /** Runs `job` only if no one else holds the lock right now; start-up chores use this. */
  tryRun<T>(operation: string, job: () => T): T | undefined {
    try {
      this.acquire(operation);
    } catch (error) {
      if (error instanceof DeskError && error.code === 'busy') return undefined;
      throw error;
    }
    try {
      return job();
    } finally {
      this.release();
    }
  }

  private acquire(operation: string): void {
    const mine = JSON.stringify({ pid: process.pid, operation, startedAt: new Date().toISOString(), nonce: crypto.randomBytes(8).toString('hex') });
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.writeFileSync(this.file, mine, { flag: 'wx' });
        this.held = mine;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const raw = readRaw(this.file);
      if (raw === null) continue; // released meanwhile: try again
      const holder = parse(raw);
      if (holder && processAlive(holder.pid)) throw busyError(holder);
      if (!holder && ageMs(this.file) < WRITING_GRACE_MS) throw busyError(null);
      this.takeOver(raw);
    }
    throw busyError(null);
  }

  /**
   * Takes a dead holder's lock over atomically: the file is moved aside (a rename, which only one
   * process can win) and thrown away only if it is still the dead holder's. If another process
   * had replaced it meanwhile, its lock is put back and this one waits its turn.
   */
  private takeOver(staleRaw: string): void {
    const aside = `${this.file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.stale`;
    try {
      fs.renameSync(this.file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = readRaw(aside);
    if (moved !== staleRaw) {
      try {
        fs.linkSync(aside, this.file);
      } catch {
        // Yet another lock is already in place: that one holds.
      }
      fs.rmSync(aside, { force: true });
      throw busyError(parse(moved));
    }
    fs.rmSync(aside, { force: true });
  }

  private release(): void {
    if (this.held !== null && readRaw(this.file) === this.held) fs.rmSync(this.file, { force: true });
    this.held = null;
  }
}

function busyError(holder: LockInfo | null): DeskError {
  return holder
    ? new DeskError('busy', `另一项写入操作（${holder.operation}）正在进行中，请等它完成后再试。`, holder)
    : new DeskError('busy', '数据文件夹正被另一个程序写入，请稍后再试。');
}

function readRaw(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parse(raw: string | null): LockInfo | null {
  if (!raw) return null;
  try {
    const info = JSON.parse(raw) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}
