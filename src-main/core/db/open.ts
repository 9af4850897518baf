import fs from 'node:fs';
import { cacheStatements } from './statementCache';
import { immediateTransactions } from './immediate';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DeskError } from '../contract/errors';
import * as schema from './schema';

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
}

function pendingMigrationCount(sqlite: Database.Database, migrationsFolder: string): number {
  const all = readMigrationFiles({ migrationsFolder });
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'").get();
  if (!hasTable) return all.length;
  const row = sqlite.prepare('SELECT max(created_at) AS last FROM __drizzle_migrations').get() as { last: number | null };
  const last = row.last ?? 0;
  return all.filter((m) => m.folderMillis > last).length;
}

function hasUserTables(sqlite: Database.Database): boolean {
  return !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' LIMIT 1").get();
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
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
    let preMigrationCopy: string | null = null;
    if (options.migrate !== false && pendingMigrationCount(sqlite, options.migrationsFolder) > 0) {
      if (hasUserTables(sqlite)) {
        fs.mkdirSync(options.backupsDir, { recursive: true });
        preMigrationCopy = path.join(options.backupsDir, `before-migration-${stamp()}.sqlite`);
        sqlite.prepare('VACUUM INTO ?').run(preMigrationCopy);
      }
      sqlite.pragma('foreign_keys = OFF');
      const orm = drizzle(sqlite, { schema });
      migrate(orm, { migrationsFolder: options.migrationsFolder });
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) {
        throw new DeskError(
          'migration-failed',
          `数据库升级后发现 ${broken.length} 处数据关联错误，已停止。升级前的副本保存在：${preMigrationCopy ?? '（无）'}`,
        );
      }
    }
    sqlite.pragma('foreign_keys = ON');
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
