import crypto from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import * as tar from 'tar-stream';
import type { JobProgress } from '../contract/define';
import { databaseSchema } from '../db/schemaVersion';
import type { FileStore } from '../store/store';
import { writeAtomically } from '../transfer/atomic';
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
function plannedFiles(snapshot: string, store: FileStore, nativeBinding?: string): { files: Planned[]; missing: string[]; schema: BackupHeader['schema'] } {
  const db = new Database(snapshot, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const hashes = db.prepare('SELECT DISTINCT sha256 FROM attachments ORDER BY sha256').pluck().all() as string[];
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
  await new Promise<void>((resolve, reject) => pack.entry({ name, size: bytes.length, mode: 0o600 }, bytes, (error) => (error ? reject(error) : resolve())));
}

/** Streams one file into the tar, hashing what it actually read. */
async function addFile(pack: tar.Pack, name: string, file: string, size: number, onBytes: (n: number) => void, signal?: AbortSignal): Promise<string> {
  const hash = crypto.createHash('sha256');
  let entry!: ReturnType<tar.Pack['entry']>;
  const finished = new Promise<void>((resolve, reject) => {
    entry = pack.entry({ name, size, mode: 0o600 }, (error) => (error ? reject(error) : resolve()));
  });
  let read = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20, end: size - 1 }) as AsyncIterable<Buffer>) {
    signal?.throwIfAborted();
    hash.update(chunk);
    read += chunk.length;
    onBytes(chunk.length);
    if (!entry.write(chunk)) await once(entry, 'drain');
  }
  // A file that shrank since it was listed would leave the tar inconsistent: refuse loudly.
  if (read !== size) throw new Error(`stored file changed while backing up: ${name}`);
  entry.end(undefined);
  await finished;
  return hash.digest('hex');
}

/**
 * Writes a backup to `target` (beside it, then renamed) and verifies the written file before it
 * takes the name: opened, the database checked by SQLite, every file's hash. With `unlessDatabase`,
 * returns null without writing when the database is exactly the one that hash names.
 */
export async function writeBackup(source: BackupSource, target: string, kind: BackupKind, job: BackupJob = {}, unlessDatabase?: string): Promise<BackupReport | null> {
  const { signal } = job;
  job.progress?.({ done: 0, total: 1, message: '正在复制数据库' });
  const snapshot = await snapshotDatabase(source.db.sqlite, source.dataDir, signal);
  try {
    const database = await hashFile(snapshot, signal);
    if (unlessDatabase && database.sha256 === unlessDatabase) return null;
    const plan = plannedFiles(snapshot, source.store, source.nativeBinding);
    const bytesTotal = database.size + plan.files.reduce((sum, f) => sum + f.size, 0);
    const createdAt = new Date().toISOString();
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      appVersion: source.version,
      schema: plan.schema,
      kind,
      createdAt,
      files: plan.files.length,
      bytes: bytesTotal,
      databaseSha256: database.sha256,
    };
    const damaged: string[] = [];
    const manifest: BackupManifest = { database, files: [], missing: plan.missing, damaged };
    await writeAtomically(target, async (temp) => {
      const pack = tar.pack();
      const written = pipeline(pack, fs.createWriteStream(temp, { highWaterMark: 4 << 20 }));
      written.catch(() => undefined);
      let bytesDone = 0;
      let lastReport = 0;
      const report = (n: number, done: number) => {
        bytesDone += n;
        if (Date.now() - lastReport < 200) return;
        lastReport = Date.now();
        job.progress?.({ done, total: plan.files.length, message: '正在写入备份', bytesDone, bytesTotal });
      };
      try {
        await addBytes(pack, HEADER_ENTRY, Buffer.from(JSON.stringify(header)));
        await addFile(pack, DATABASE_ENTRY, snapshot, database.size, (n) => report(n, 0), signal);
        for (const [index, file] of plan.files.entries()) {
          const actual = await addFile(pack, fileEntryName(file.sha256), source.store.pathFor(file.sha256), file.size, (n) => report(n, index), signal);
          if (actual === file.sha256) manifest.files.push(file);
          else damaged.push(file.sha256);
        }
        await addBytes(pack, MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest)));
        pack.finalize();
        await written;
      } catch (error) {
        pack.destroy(error as Error);
        await written.catch(() => undefined);
        throw error;
      }
      await verifyBackup(temp, { ...job, nativeBinding: source.nativeBinding });
    });
    return {
      file: target,
      kind,
      createdAt,
      files: manifest.files.length,
      bytes: bytesTotal,
      size: fs.statSync(target).size,
      missing: plan.missing.length,
      damaged: damaged.length,
      databaseSha256: database.sha256,
    };
  } finally {
    removeSnapshot(snapshot);
  }
}
