import fs from 'node:fs';
import Database from 'better-sqlite3';
import { databaseSchema } from '../db/schemaVersion';
import { problemsOfInThread, referencedHashes } from '../db/fileCheck';
import type { FileStore } from '../store/store';
import { tempBeside, writeError } from '../transfer/atomic';
import { DeskError } from '../contract/errors';
import { BackupOutput } from './output';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  type BackupKind,
  type BackupManifest,
} from './format';
import { hashFile, removeSnapshot, scratchDir, snapshotDatabase } from './snapshot';
import { rememberTarget } from './targets';
import { sealBackup } from './seal';
import { refuseDatabase, verifyBackup } from './verify';
import { verifyAside } from './verifyAside';
import { packInto, type BackupJob, type Planned } from './pack';

export type { BackupJob } from './pack';

/** What a backup is made of: the live connection, the store, and who is writing it. */
export interface BackupSource {
  db: { sqlite: Database.Database };
  store: FileStore;
  dataDir: string;
  version: string;
  nativeBinding?: string;
  /** The built read-back thread (out/main/verifyThread.js); without it (tests on the sources) it runs here. */
  verifyThread?: string;
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
  rememberTarget(source.dataDir, target);
  let checking: Promise<string | null> | null = null;
  try {
    const database = await hashFile(snapshot, signal);
    if (unlessDatabase && database.sha256 === unlessDatabase) return null;
    // SQLite checks the snapshot on another thread while the files are written; the copy read back
    // is then only compared with it, byte for byte (the manifest's hash).
    checking = problemsOfInThread(snapshot, source.nativeBinding);
    checking.catch(() => undefined);
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
      const content: BackupManifest = { database, files, missing: planned.missing, damaged };
      const manifest: BackupManifest = { ...content, seal: sealBackup(source.dataDir, header, content) };
      const out = new BackupOutput(temp);
      // The read-back follows the writer; the final fsync runs while it finishes.
      // The read-back's copy of the database is made in the data folder, never beside the target.
      const verifying = source.verifyThread
        ? verifyAside(source.verifyThread, out)
        : verifyBackup(
            temp,
            {
              signal: job.signal,
              nativeBinding: source.nativeBinding,
              scratch: scratchDir(source.dataDir),
              databaseChecked: true,
            },
            out.follow(),
          );
      verifying.catch(() => undefined);
      try {
        await packInto(out, source.store, { header, manifest, snapshot, files }, job);
        const [verified, flushed] = await Promise.allSettled([verifying, out.flush()]);
        if (verified.status === 'rejected') throw verified.reason;
        if (flushed.status === 'rejected') throw flushed.reason;
        refuseDatabase(await checking);
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
    // The check's thread has the snapshot open until it answers.
    await checking?.catch(() => undefined);
    removeSnapshot(snapshot);
  }
}
