import fs from 'node:fs';
import { cacheStatements } from './statementCache';
import { immediateTransactions } from './immediate';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DeskError } from '../contract/errors';
import * as records from './records';
import * as derived from './derived';
import * as tables from './schema';
import { databaseSchema, refuseNewer, shippedSchema } from './schemaVersion';
import { WriteLock } from '../locks/writeLock';
import { problemsOf } from './fileCheck';

const schema = { ...tables, ...records, ...derived };
export type Orm = BetterSQLite3Database<typeof schema>;

export interface DeskDatabase {
  sqlite: Database.Database;
  orm: Orm;
  /** Path of the copy taken before the last migration run, if one was needed. */
  preMigrationCopy: string | null;
  close(): void;
}

export interface OpenOptions {
  file: string;
  migrationsFolder: string;
  backupsDir: string;
  /** Path to a better_sqlite3.node built for another ABI (the Electron shell in development). */
  nativeBinding?: string;
  /** How long a writer waits for another process's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** false: a second connection of a hosted core, opened after the first one migrated. */
  migrate?: boolean;
  /** Where the migration lock lives, so two processes starting together never both migrate. */
  locksDir?: string;
  /** Recorded in the database, so a newer file refused by an older app can say who made it. */
  appVersion?: string;
}

function pendingMigrationCount(sqlite: Database.Database, migrationsFolder: string): number {
  const last = databaseSchema(sqlite).newest;
  return readMigrationFiles({ migrationsFolder }).filter((m) => m.folderMillis > last).length;
}

function hasUserTables(sqlite: Database.Database): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get();
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Applies the pending migrations, after a verified copy of the file as it was (the undo of an
 * upgrade: 设置 → 备份与恢复 restores it). Returns where that copy is.
 */
function runMigrations(sqlite: Database.Database, options: OpenOptions): string | null {
  let copy: string | null = null;
  if (hasUserTables(sqlite)) {
    fs.mkdirSync(options.backupsDir, { recursive: true });
    copy = path.join(options.backupsDir, `before-migration-${stamp()}.sqlite`);
    sqlite.prepare('VACUUM INTO ?').run(copy);
    verifyCopy(copy, options.nativeBinding);
  }
  sqlite.pragma('foreign_keys = OFF');
  migrate(drizzle(sqlite, { schema }), { migrationsFolder: options.migrationsFolder });
  const broken = sqlite.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new DeskError(
      'migration-failed',
      `数据库升级后发现 ${broken.length} 处数据关联错误，已停止。升级前的副本保存在：${copy ?? '（无）'}`,
    );
  }
  return copy;
}

/** A copy that fails SQLite's own check is no safety net: stop before changing anything. */
function verifyCopy(file: string, nativeBinding?: string): void {
  const problem = problemsOf(file, nativeBinding);
  if (problem) throw new DeskError('migration-failed', `升级前的数据库副本${problem}，已停止升级，数据未改动。`);
}

function recordVersion(sqlite: Database.Database, version: string): void {
  sqlite
    .prepare(
      "INSERT INTO settings (key, value) VALUES ('app.version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value <> excluded.value",
    )
    .run(JSON.stringify(version));
}

/**
 * Opens the database and applies shipped migrations. drizzle runs each migration inside a
 * transaction, where `PRAGMA foreign_keys=OFF` is ignored, so a generated table rebuild would
 * cascade-delete child rows: we turn foreign keys off on the connection first, check them
 * after, and keep a copy of the file taken before anything changed.
 */
export function openDatabase(options: OpenOptions): DeskDatabase {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file, {
    timeout: options.busyTimeoutMs ?? 10_000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    refuseNewer(sqlite, shippedSchema(options.migrationsFolder), '这个数据文件夹');
    let preMigrationCopy: string | null = null;
    if (options.migrate !== false && pendingMigrationCount(sqlite, options.migrationsFolder) > 0) {
      const migrateOnce = () => {
        // Another process may have migrated while this one waited for the lock.
        if (pendingMigrationCount(sqlite, options.migrationsFolder) > 0)
          preMigrationCopy = runMigrations(sqlite, options);
      };
      if (options.locksDir) new WriteLock(options.locksDir, 'migration.lock').runBlocking('升级数据库', migrateOnce);
      else migrateOnce();
    }
    sqlite.pragma('foreign_keys = ON');
    if (options.appVersion && options.migrate !== false) recordVersion(sqlite, options.appVersion);
    cacheStatements(sqlite);
    immediateTransactions(sqlite);
    const orm = drizzle(sqlite, { schema });
    return { sqlite, orm, preMigrationCopy, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** The ORM itself or a transaction of it: helpers that run inside callers' transactions take this. */
export type Executor = Orm | Parameters<Parameters<Orm['transaction']>[0]>[0];
