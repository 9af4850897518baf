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
  /** The dead holder the current hold replaced, if it replaced one (数据检查 reports it). */
  private replaced: LockInfo | 'unreadable' | null = null;

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
      pause(200);
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

  /** While this process holds the lock: the dead holder whose lock it took over to get it, if any. */
  takenOver(): LockInfo | 'unreadable' | null {
    return this.held ? this.replaced : null;
  }

  /** Removes a dead holder's lock, as a takeover does; a live one is left alone. */
  clearIfStale(): boolean {
    const raw = readRaw(this.file);
    if (raw === null || this.staleHolder() === null) return false;
    return this.takeOver(raw);
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
    const mine = JSON.stringify({
      pid: process.pid,
      operation,
      startedAt: new Date().toISOString(),
      nonce: crypto.randomBytes(8).toString('hex'),
    });
    let replaced: LockInfo | 'unreadable' | null = null;
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        fs.writeFileSync(this.file, mine, { flag: 'wx' });
        this.held = mine;
        this.replaced = replaced;
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const raw = readRaw(this.file);
      if (raw === null) continue; // released meanwhile: try again
      const holder = parse(raw);
      if (holder && processAlive(holder.pid)) throw busyError(holder);
      if (!holder && ageMs(this.file) < WRITING_GRACE_MS) throw busyError(null);
      // Another process is taking the same dead lock over: let it finish, then look again.
      if (this.takeOver(raw)) replaced = holder ?? 'unreadable';
      else pause(5 + Math.random() * 25);
    }
    throw busyError(null);
  }

  /**
   * Removes a dead holder's lock so it can be taken. Only one process may do so at a time: each
   * puts a claim of its own (a file named by its pid and a random nonce) in `<lock>.takeover/` and
   * goes ahead only if it sees no other live claim there — two that claim together both see each
   * other and both step back, so two never go ahead at once. Under its claim, the process removes
   * the lock only if it is still the dead holder's; it never moves or removes a live lock, which is
   * what let a second takeover delete a first one's fresh lock (two holders at once). Returns
   * false when another process was taking it over.
   */
  private takeOver(staleRaw: string): boolean {
    const dir = `${this.file}.takeover`;
    const claim = path.join(dir, `${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(claim, '', { flag: 'wx' });
    } catch {
      return false; // the folder was just tidied away by another process: try again
    }
    try {
      const rivals = fs.readdirSync(dir).filter((name) => {
        if (name === path.basename(claim)) return false;
        if (processAlive(Number(name.split('-')[0]))) return true;
        fs.rmSync(path.join(dir, name), { force: true }); // a claim of a process killed mid-takeover
        return false;
      });
      if (rivals.length) return false;
      if (readRaw(this.file) === staleRaw) fs.rmSync(this.file, { force: true });
      return true;
    } finally {
      fs.rmSync(claim, { force: true });
      try {
        fs.rmdirSync(dir);
      } catch {
        // Another claim is in it: its owner tidies up.
      }
    }
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

/** A short wait in the synchronous lock path (start-up and a takeover's contention only). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
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
