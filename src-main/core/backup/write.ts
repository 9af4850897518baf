import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import Database from 'better-sqlite3';
import * as tar from 'tar-stream';
import type { JobProgress } from '../contract/define';
import { databaseSchema } from '../db/schemaVersion';
import { referencedHashes } from '../db/fileCheck';
import type { FileStore } from '../store/store';
import { tempBeside, writeError } from '../transfer/atomic';
import { DeskError } from '../contract/errors';
import { BackupOutput } from './output';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATABASE_ENTRY,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  fileEntryName,
  type BackupHeader,
  type BackupKind,
  type BackupManifest,
} from './format';
import { hashFile, removeSnapshot, snapshotDatabase } from './snapshot';
import { verifyBackup } from './verify';

export interface BackupJob {
  signal?: AbortSignal;
  progress?: (update: JobProgress) => void;
}

/** What a backup is made of: the live connection, the store, and who is writing it. */
export interface BackupSource {
  db: { sqlite: Database.Database };
  store: FileStore;
  dataDir: string;
  version: string;
  nativeBinding?: string;
}

export interface BackupReport {
  file: string;
  kind: BackupKind;
  createdAt: string;
  /** Stored files in the backup, and their bytes. */
  files: number;
  bytes: number;
  /** The backup file's own size. */
  size: number;
  /** Files the database refers to that were already missing from the data folder (数据检查 finds them). */
  missing: number;
  /** Stored files whose bytes no longer matched their hash: kept out of the backup, as they are unusable. */
  damaged: number;
  databaseSha256: string;
}

interface Planned {
  sha256: string;
  size: number;
}

/** The stored files the snapshot refers to: orphans (a killed import's leftovers) are not worth keeping. */
function plannedFiles(
  snapshot: string,
  store: FileStore,
  nativeBinding?: string,
): { files: Planned[]; missing: string[]; schema: BackupHeader['schema'] } {
  const db = new Database(snapshot, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const hashes = referencedHashes(db);
    const files: Planned[] = [];
    const missing: string[] = [];
    for (const sha256 of hashes) {
      try {
        files.push({ sha256, size: fs.statSync(store.pathFor(sha256)).size });
      } catch {
        missing.push(sha256);
      }
    }
    return { files, missing, schema: databaseSchema(db) };
  } finally {
    db.close();
  }
}

async function addBytes(pack: tar.Pack, name: string, bytes: Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    pack.entry({ name, size: bytes.length, mode: 0o600 }, bytes, (error) => (error ? reject(error) : resolve())),
  );
}

/** Files up to this size are read whole (one read, one entry); larger ones in pieces of it. */
const WHOLE_FILE = 32 * 1024 * 1024;

/** A stored file's bytes, read whole in the libuv pool, so the next one is read while this one is written. */
async function readWhole(file: string, size: number): Promise<Buffer> {
  const bytes = await fs.promises.readFile(file);
  // A file that changed since it was listed would leave the tar inconsistent: refuse loudly.
  if (bytes.length !== size) throw new Error(`stored file changed while backing up: ${path.basename(file)}`);
  return bytes;
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

interface PackPlan {
  header: BackupHeader;
  manifest: BackupManifest;
  snapshot: string;
  files: Planned[];
}

/** Writes the tar to `temp`, the kernel flushing as it goes; returns the still-open output for the final fsync. */
async function packInto(out: BackupOutput, store: FileStore, plan: PackPlan, job: BackupJob): Promise<void> {
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

/** Of the entries the read-back found different, those whose stored file itself no longer matches its hash. */
async function damagedAtSource(store: FileStore, mismatched: string[]): Promise<string[]> {
  const damaged: string[] = [];
  for (const sha256 of mismatched) if ((await hashFile(store.pathFor(sha256))).sha256 !== sha256) damaged.push(sha256);
  return damaged;
}

/**
 * Writes a backup to `target` (beside it, then renamed) and verifies the written file before it
 * takes the name: read back whole — every entry's hash against the manifest (a stored file's
 * name is its hash) — and the database checked by SQLite, while the final fsync runs. A stored
 * file found damaged at its source is left out (listed as damaged) and the backup written again;
 * any other difference is a failed write. With `unlessDatabase`, returns null without writing
 * when the database is exactly the one that hash names.
 */
export async function writeBackup(
  source: BackupSource,
  target: string,
  kind: BackupKind,
  job: BackupJob = {},
  unlessDatabase?: string,
): Promise<BackupReport | null> {
  const { signal } = job;
  job.progress?.({ done: 0, total: 1, message: '正在复制数据库' });
  const snapshot = await snapshotDatabase(source.db.sqlite, source.dataDir, signal);
  const temp = tempBeside(target);
  try {
    const database = await hashFile(snapshot, signal);
    if (unlessDatabase && database.sha256 === unlessDatabase) return null;
    const planned = plannedFiles(snapshot, source.store, source.nativeBinding);
    let damaged: string[] = [];
    for (let attempt = 0; ; attempt++) {
      const files = planned.files.filter((f) => !damaged.includes(f.sha256));
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        appVersion: source.version,
        schema: planned.schema,
        kind,
        createdAt: new Date().toISOString(),
        files: files.length,
        bytes: database.size + files.reduce((sum, f) => sum + f.size, 0),
        databaseSha256: database.sha256,
      };
      const manifest: BackupManifest = { database, files, missing: planned.missing, damaged };
      const out = new BackupOutput(temp);
      // The read-back follows the writer; the final fsync runs while it finishes.
      const verifying = verifyBackup(temp, { signal: job.signal, nativeBinding: source.nativeBinding }, out.follow());
      verifying.catch(() => undefined);
      try {
        await packInto(out, source.store, { header, manifest, snapshot, files }, job);
        const [verified, flushed] = await Promise.allSettled([verifying, out.flush()]);
        if (verified.status === 'rejected') throw verified.reason;
        if (flushed.status === 'rejected') throw flushed.reason;
      } catch (error) {
        await verifying.catch(() => undefined);
        const mismatched =
          error instanceof DeskError && error.code === 'backup-damaged'
            ? ((error.details as { mismatched?: string[] } | undefined)?.mismatched ?? [])
            : [];
        const atSource = mismatched.length ? await damagedAtSource(source.store, mismatched) : [];
        if (attempt === 0 && atSource.length === mismatched.length && atSource.length > 0) {
          damaged = atSource;
          continue;
        }
        if (error instanceof DeskError && error.code === 'backup-damaged')
          throw new DeskError(
            'write-failed',
            `备份写入后读回核对不符（${error.message}），可能是磁盘有问题，请换一个位置再试。`,
          );
        throw error;
      } finally {
        out.close();
      }
      fs.renameSync(temp, target);
      return {
        file: target,
        kind,
        createdAt: header.createdAt,
        files: files.length,
        bytes: header.bytes,
        size: fs.statSync(target).size,
        missing: planned.missing.length,
        damaged: damaged.length,
        databaseSha256: database.sha256,
      };
    }
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw writeError(error, target);
  } finally {
    removeSnapshot(snapshot);
  }
}
