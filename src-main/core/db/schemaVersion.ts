import type Database from 'better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { DeskError } from '../contract/errors';

/**
 * Which schema a database has: how many migrations made it and when the newest was written
 * (drizzle records each one's folder time). A database with a migration newer than any this
 * build ships was made by a newer version of the app.
 */
export interface SchemaVersion {
  migrations: number;
  newest: number;
}

export function shippedSchema(migrationsFolder: string): SchemaVersion {
  const all = readMigrationFiles({ migrationsFolder });
  return { migrations: all.length, newest: Math.max(0, ...all.map((m) => m.folderMillis)) };
}

export function databaseSchema(sqlite: Database.Database): SchemaVersion {
  const hasTable = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!hasTable) return { migrations: 0, newest: 0 };
  const row = sqlite.prepare('SELECT count(*) AS n, max(created_at) AS newest FROM __drizzle_migrations').get() as {
    n: number;
    newest: number | null;
  };
  return { migrations: row.n, newest: Number(row.newest ?? 0) };
}

/** The app version a newer database says made it, for the refusal (kept in settings by each version that writes). */
function writtenBy(sqlite: Database.Database): string | null {
  try {
    const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'app.version'").get() as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : null;
  } catch {
    return null;
  }
}

export function isNewer(found: SchemaVersion, shipped: SchemaVersion): boolean {
  return found.newest > shipped.newest || found.migrations > shipped.migrations;
}

/** Refuses a database from a newer app: opening it here could corrupt what that version wrote. */
export function refuseNewer(sqlite: Database.Database, shipped: SchemaVersion, what: string): void {
  const found = databaseSchema(sqlite);
  if (!isNewer(found, shipped)) return;
  const by = writtenBy(sqlite);
  throw new DeskError(
    'schema-newer',
    `${what}由更新版本的组委会工作台${by ? `（${by}）` : ''}生成（数据结构第 ${found.migrations} 版，本程序只认识到第 ${shipped.migrations} 版），请先把本程序升级到该版本或更新。`,
    { found, shipped, writtenBy: by },
  );
}
