import path from 'node:path';
import fs from 'node:fs';
import { once } from 'node:events';
import * as tar from 'tar-stream';
import type { JobProgress } from '../contract/define';
import type { FileStore } from '../store/store';
import type { BackupOutput } from './output';
import {
  DATABASE_ENTRY,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  fileEntryName,
  type BackupHeader,
  type BackupManifest,
} from './format';

/** Writing a backup's tar: the header, the database snapshot, the manifest, then every stored file. */

export interface Planned {
  sha256: string;
  size: number;
}

async function addBytes(pack: tar.Pack, name: string, bytes: Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    pack.entry({ name, size: bytes.length, mode: 0o600 }, bytes, (error) => (error ? reject(error) : resolve())),
  );
}

/** Files up to this size are read whole (one read, one entry); larger ones in pieces of it. */
const WHOLE_FILE = 32 * 1024 * 1024;

/**
 * Up to this a stored file is read at once on this thread: a read through the libuv pool costs four
 * round trips (open, stat, read, close), and 100,000 photos' thumbnails-sized files spent 30 s
 * waiting on them (17.6× tar). Larger files are read in the pool while the previous one is written.
 */
const READ_HERE = 256 * 1024;

/** A stored file's bytes, whole; one that changed since it was listed would leave the tar inconsistent: refused. */
function checked(file: string, size: number, bytes: Buffer): Buffer {
  if (bytes.length !== size) throw new Error(`stored file changed while backing up: ${path.basename(file)}`);
  return bytes;
}

async function readWhole(file: string, size: number): Promise<Buffer> {
  if (size <= READ_HERE) return checked(file, size, fs.readFileSync(file));
  return checked(file, size, await fs.promises.readFile(file));
}

/** A large stored file in pieces, with the pack's backpressure. */
async function addLarge(
  pack: tar.Pack,
  name: string,
  file: string,
  size: number,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<void> {
  let entry!: ReturnType<tar.Pack['entry']>;
  const finished = new Promise<void>((resolve, reject) => {
    entry = pack.entry({ name, size, mode: 0o600 }, (error) => (error ? reject(error) : resolve()));
  });
  const handle = await fs.promises.open(file, 'r');
  try {
    let offset = 0;
    while (offset < size) {
      signal?.throwIfAborted();
      const piece = Buffer.allocUnsafe(Math.min(WHOLE_FILE, size - offset));
      const { bytesRead } = await handle.read(piece, 0, piece.length, offset);
      if (bytesRead === 0) throw new Error(`stored file changed while backing up: ${name}`);
      offset += bytesRead;
      onBytes(bytesRead);
      if (!entry.write(piece.subarray(0, bytesRead))) await once(entry, 'drain');
    }
  } finally {
    await handle.close();
  }
  entry.end(undefined);
  await finished;
}

export interface PackPlan {
  header: BackupHeader;
  manifest: BackupManifest;
  snapshot: string;
  files: Planned[];
}

/** Writes the tar to `temp`, the kernel flushing as it goes; returns the still-open output for the final fsync. */
export async function packInto(out: BackupOutput, store: FileStore, plan: PackPlan, job: BackupJob): Promise<void> {
  const pack = tar.pack();
  const draining = (async () => {
    // Header, bytes and padding of a few entries per system call.
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for await (const chunk of pack as AsyncIterable<Buffer>) {
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes < 4 << 20 && batch.length < 64) continue;
      await out.write(batch);
      batch = [];
      batchBytes = 0;
    }
    if (batch.length) await out.write(batch);
  })();
  draining.catch(() => undefined);
  let bytesDone = 0;
  let lastReport = 0;
  const report = (n: number, done: number) => {
    bytesDone += n;
    if (Date.now() - lastReport < 200) return;
    lastReport = Date.now();
    job.progress?.({
      done,
      total: plan.files.length,
      message: '正在写入备份',
      bytesDone,
      bytesTotal: plan.header.bytes,
    });
  };
  const read = (f: Planned | undefined) =>
    f && f.size <= WHOLE_FILE ? readWhole(store.pathFor(f.sha256), f.size) : null;
  try {
    await addBytes(pack, HEADER_ENTRY, Buffer.from(JSON.stringify(plan.header)));
    await addLarge(pack, DATABASE_ENTRY, plan.snapshot, plan.manifest.database.size, (n) => report(n, 0), job.signal);
    let next = read(plan.files[0]);
    next?.catch(() => undefined);
    for (const [index, file] of plan.files.entries()) {
      job.signal?.throwIfAborted();
      const bytes = await next;
      next = read(plan.files[index + 1]);
      next?.catch(() => undefined);
      if (bytes) {
        await addBytes(pack, fileEntryName(file.sha256), bytes);
        report(bytes.length, index);
      } else {
        await addLarge(
          pack,
          fileEntryName(file.sha256),
          store.pathFor(file.sha256),
          file.size,
          (n) => report(n, index),
          job.signal,
        );
      }
    }
    await addBytes(pack, MANIFEST_ENTRY, Buffer.from(JSON.stringify(plan.manifest)));
    pack.finalize();
    await draining;
  } catch (error) {
    pack.destroy(error as Error);
    await draining.catch(() => undefined);
    throw error;
  } finally {
    out.end();
  }
}

export interface BackupJob {
  signal?: AbortSignal;
  progress?: (update: JobProgress) => void;
}
