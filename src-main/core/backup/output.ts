import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { promisify } from 'node:util';

const writev = promisify(fs.writev);
const fdatasync = promisify(fs.fdatasync);
const fsync = promisify(fs.fsync);

/** Ask the disk for what is written every this many bytes, so the final fsync has little left to wait for. */
const SYNC_EVERY = 64 * 1024 * 1024;

/**
 * The backup file being written: sequential writes from the libuv pool, and the kernel asked to
 * start writing back to disk as it goes (one fdatasync in flight at a time, not awaited) — left
 * alone, Linux holds gigabytes of dirty pages for 30 s and the final fsync then waits for all of
 * them at once.
 */
export class BackupOutput {
  private readonly fd: number;
  private unsynced = 0;
  private syncing: Promise<void> | null = null;
  /** Told of every write and of the end, for the read-back that follows the writer. */
  private readonly written = new EventEmitter();
  private ended = false;
  position = 0;
  /**
   * The same for a read-back on another thread: [bytes written, 1 once ended], in memory both
   * threads see (`progress`).
   */
  readonly progress = new Float64Array(new SharedArrayBuffer(16));

  constructor(readonly file: string) {
    this.fd = fs.openSync(file, 'w', 0o600);
  }

  /** Several chunks in one system call (a tar header, a file, its padding). */
  async write(chunks: Buffer[]): Promise<void> {
    let pending = chunks;
    const total = chunks.reduce((n, c) => n + c.length, 0);
    let left = total;
    while (left > 0) {
      const { bytesWritten: written } = await writev(this.fd, pending, this.position);
      this.position += written;
      left -= written;
      if (left > 0) pending = remainder(pending, written);
    }
    this.progress[0] = this.position;
    this.written.emit('written');
    this.unsynced += total;
    if (this.unsynced >= SYNC_EVERY && !this.syncing) {
      this.unsynced = 0;
      this.syncing = fdatasync(this.fd).finally(() => (this.syncing = null));
      this.syncing.catch(() => undefined);
    }
  }

  /** No more writes: a follower reads to the end. */
  end(): void {
    this.ended = true;
    this.progress[1] = 1;
    this.written.emit('written');
  }

  /**
   * Reads the file back as it is being written — each byte after its write returned — so the
   * check of a multi-gigabyte backup runs while the disk is still busy writing, not after it.
   */
  async *follow(chunkSize = 1 << 20): AsyncGenerator<Buffer> {
    const fd = await fs.promises.open(this.file, 'r');
    try {
      let offset = 0;
      for (;;) {
        if (offset < this.position) {
          const buffer = Buffer.allocUnsafe(Math.min(chunkSize, this.position - offset));
          const { bytesRead } = await fd.read(buffer, 0, buffer.length, offset);
          if (bytesRead === 0) throw new Error('backup file shorter than written');
          offset += bytesRead;
          yield buffer.subarray(0, bytesRead);
        } else if (this.ended) {
          return;
        } else {
          await new Promise((resolve) => this.written.once('written', resolve));
        }
      }
    } finally {
      await fd.close();
    }
  }

  /** Everything on the disk (the final fsync, awaited), then closed. */
  async flush(): Promise<void> {
    await this.syncing?.catch(() => undefined);
    await fsync(this.fd);
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // Already closed.
    }
  }
}

/** What is left of `chunks` after the first `written` bytes (a short write). */
function remainder(chunks: Buffer[], written: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = written;
  for (const chunk of chunks) {
    if (skip >= chunk.length) {
      skip -= chunk.length;
      continue;
    }
    rest.push(skip > 0 ? chunk.subarray(skip) : chunk);
    skip = 0;
  }
  return rest;
}
