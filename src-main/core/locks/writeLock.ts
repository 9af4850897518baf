import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './process';
import { DeskError } from '../contract/errors';

interface LockInfo {
  pid: number;
  operation: string;
  startedAt: string;
}


/**
 * One long write (an import, a restore) at a time per data folder, across processes: the
 * desktop app, browser mode and the CLI may share a folder. SQLite's own locking keeps single
 * statements safe; this keeps two multi-step jobs from interleaving. A lock left by a dead
 * process is taken over.
 */
export class WriteLock {
  private readonly file: string;

  constructor(locksDir: string) {
    fs.mkdirSync(locksDir, { recursive: true });
    this.file = path.join(locksDir, 'long-write.lock');
  }

  async run<T>(operation: string, job: () => Promise<T> | T): Promise<T> {
    this.acquire(operation);
    try {
      return await job();
    } finally {
      fs.rmSync(this.file, { force: true });
    }
  }

  /** Whether a long write (in this process or another) is running now: background chores wait for it. */
  busy(): boolean {
    const holder = this.read();
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
      fs.rmSync(this.file, { force: true });
    }
  }

  private acquire(operation: string): void {
    const info: LockInfo = { pid: process.pid, operation, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        fs.writeFileSync(this.file, JSON.stringify(info), { flag: 'wx' });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const holder = this.read();
        if (holder && processAlive(holder.pid)) {
          throw new DeskError(
            'busy',
            `另一项写入操作（${holder.operation}）正在进行中，请等它完成后再试。`,
            holder,
          );
        }
        fs.rmSync(this.file, { force: true });
      }
    }
    throw new DeskError('busy', '数据文件夹正被另一个程序写入，请稍后再试。');
  }

  private read(): LockInfo | null {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as LockInfo;
    } catch {
      return null;
    }
  }
}
