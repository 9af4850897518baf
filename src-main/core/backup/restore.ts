import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { DeskError } from '../contract/errors';
import { openDatabase } from '../db/open';
import { referencedHashes } from '../db/fileCheck';
import { isNewer, shippedSchema } from '../db/schemaVersion';
import { readBackup } from './read';
import { fileSink } from './sinks';
import { scratchDir } from './snapshot';
import { checkDatabaseFile } from './verify';
import { checkSeal } from './seal';
import type { BackupJob } from './pack';
import type { BackupReport } from './write';
import type { BackupHeader } from './format';

export interface RestoreReport {
  /** What the restored backup was: when and by which version it was made. */
  restored: { createdAt: string; appVersion: string; kind: BackupHeader['kind']; files: number };
  /** The backup of what was here before, made first: restoring it undoes this restore. */
  undo: BackupReport | null;
  /** Stored files that were already here and did not need copying. */
  filesReused: number;
  /** Whether the backup's older schema was brought up to this version's. */
  migrated: boolean;
  /** `verified`: sealed by this folder and unchanged; `unverified`: made elsewhere, restored as the office chose. */
  trust: 'verified' | 'unverified';
}

const STAGE = /^\.restore-(\d+)-[0-9a-f]{12}$/;

function newStage(dataDir: string): string {
  const dir = path.join(scratchDir(dataDir), `.restore-${process.pid}-${crypto.randomBytes(6).toString('hex')}`);
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  return dir;
}

/** What a restore killed half-way had staged (the live data was not yet touched). */
export function staleStages(dataDir: string, alive: (pid: number) => boolean): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(scratchDir(dataDir));
  } catch {
    return [];
  }
  return names
    .filter((name) => {
      const match = STAGE.exec(name);
      return match && !alive(Number(match[1]));
    })
    .map((name) => path.join(scratchDir(dataDir), name));
}

export interface RestoreSteps extends BackupJob {
  /** Backs up what is here now (the undo copy); runs after the backup was found sound, before anything changes. */
  backupCurrent(): Promise<BackupReport | null>;
  /** The office trusts a backup this folder cannot verify (made on another PC). */
  acceptUnverified?: boolean;
}

/**
 * Restores a backup onto this data folder. Everything is read, checked and staged first; then the
 * current data is backed up; only then do the stored files go in (harmless extras until the
 * database names them) and the database is replaced in one SQLite transaction through the backup
 * API, so other connections — another window, a CLI — see the old data or the new, never a mix.
 * Files the restored database does not name are removed last. Runs under the long-write lock.
 */
export async function restoreBackup(ctx: CoreContext, file: string, steps: RestoreSteps): Promise<RestoreReport> {
  const shipped = shippedSchema(path.join(ctx.resourcesDir, 'migrations'));
  const stage = newStage(ctx.dataDir);
  const stagedDb = path.join(stage, 'desk.sqlite');
  const staged = new Set<string>();
  let reused = 0;
  try {
    const { header, manifest } = await readBackup(
      file,
      {
        onHeader: (h) => {
          if (isNewer(h.schema, shipped)) {
            throw new DeskError(
              'backup-too-new',
              `这份备份由更新版本的组委会工作台（${h.appVersion}，数据结构第 ${h.schema.migrations} 版）生成，本程序只认识到第 ${shipped.migrations} 版。请先升级本程序再恢复。`,
            );
          }
        },
        database: () => fileSink(stagedDb),
        file: (sha256) => {
          if (ctx.store.has(sha256)) {
            reused++;
            return null;
          }
          staged.add(sha256);
          return fileSink(path.join(stage, 'files', sha256));
        },
      },
      steps,
    );
    const trust = checkSeal(ctx.dataDir, header, manifest, steps.acceptUnverified ?? false);
    checkDatabaseFile(stagedDb, ctx.nativeBinding);
    const migrated = header.schema.migrations < shipped.migrations;
    if (migrated) {
      // An older version's backup is brought up to this schema on the staged copy, never on the live file.
      openDatabase({
        file: stagedDb,
        migrationsFolder: path.join(ctx.resourcesDir, 'migrations'),
        backupsDir: stage,
        nativeBinding: ctx.nativeBinding,
      }).close();
    }
    forgetKeptAnswers(stagedDb, ctx.nativeBinding);
    steps.signal?.throwIfAborted();
    steps.progress?.({ done: 0, total: 1, message: '正在备份现有数据（用于撤销恢复）' });
    const undo = await steps.backupCurrent();
    steps.signal?.throwIfAborted();
    steps.progress?.({ done: 0, total: 1, message: '正在替换数据' });

    for (const sha256 of staged) ctx.store.commit(path.join(stage, 'files', sha256), sha256);
    await replaceDatabase(stagedDb, ctx);
    const referenced = new Set(referencedHashes(ctx.db.sqlite));
    ctx.store.sweep((sha) => referenced.has(sha));
    return {
      restored: {
        createdAt: header.createdAt,
        appVersion: header.appVersion,
        kind: header.kind,
        files: manifest.files.length,
      },
      undo,
      filesReused: reused,
      migrated,
      trust,
    };
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * Answers kept in memory (by this and every other process on the folder) are keyed on the tables'
 * write counts; a backup's counts could equal the live file's while its data differs. Moving every
 * count on by a random stride makes each kept answer be worked out again against the restored data.
 */
function forgetKeptAnswers(stagedDb: string, nativeBinding?: string): void {
  const db = new Database(stagedDb, nativeBinding ? { nativeBinding } : {});
  try {
    db.prepare('UPDATE table_versions SET version = version + ?').run(1 + Math.floor(Math.random() * 2 ** 40));
  } finally {
    db.close();
  }
}

/** Every page of the staged database copied over the live one in a single step: one transaction. */
async function replaceDatabase(stagedDb: string, ctx: CoreContext): Promise<void> {
  const source = new Database(stagedDb, {
    readonly: true,
    ...(ctx.nativeBinding ? { nativeBinding: ctx.nativeBinding } : {}),
  });
  try {
    await source.backup(ctx.dbFile, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  ctx.db.sqlite.pragma('foreign_keys = ON');
}
