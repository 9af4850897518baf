import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import type { Orm } from './open';

/** The connection behind the ORM (drizzle keeps it as `$client`). */
export function clientOf(orm: Orm): Database.Database | undefined {
  return (orm as unknown as { $client?: Database.Database }).$client;
}

interface Entry {
  token: string;
  value: unknown;
}

/**
 * Kept answers per connection, bounded: the year's figures and lists under fixed keys (a campaign,
 * a reviewer) in one cache, answers keyed by what someone typed (a roster search, a list's filter)
 * in a smaller one, so a day of searching can neither grow memory nor push the year's figures out.
 */
interface Memos {
  fixed: LRUCache<string, Entry>;
  typed: LRUCache<string, Entry>;
}

const FIXED_KEYS = 64;
const TYPED_KEYS = 16;

const memos = new WeakMap<object, Memos>();

function memosOf(sqlite: Database.Database, typed: boolean): LRUCache<string, Entry> {
  let kept = memos.get(sqlite);
  if (!kept) {
    kept = { fixed: new LRUCache({ max: FIXED_KEYS }), typed: new LRUCache({ max: TYPED_KEYS }) };
    memos.set(sqlite, kept);
  }
  return typed ? kept.typed : kept.fixed;
}

/** `typed`: the key holds text a person typed (a search, a filter), kept in the small cache. */
export interface MemoOptions {
  typed?: boolean;
}

/**
 * What the data looks like now, cheaply: `data_version` moves when another connection commits,
 * `total_changes()` when this one writes. Equal tokens mean nothing was written since.
 */
function dataToken(sqlite: Database.Database): string {
  const version = sqlite.pragma('data_version', { simple: true }) as number;
  const changes = sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  return `${version}:${changes}`;
}

/**
 * A result computed from the database, kept until the database changes — by this connection or
 * any other — and computed again then. For answers that read a whole campaign (results,
 * 概览): callers must treat the value as read-only, as every caller shares it.
 */
export function memoUntilChange<T>(orm: Orm, key: string, compute: () => T, options: MemoOptions = {}): T {
  const sqlite = clientOf(orm);
  // Inside a transaction (no client of its own) the answer may be about to change: never kept.
  if (!sqlite) return compute();
  const table = memosOf(sqlite, options.typed ?? false);
  const token = dataToken(sqlite);
  const hit = table.get(key);
  if (hit && hit.token === token) return hit.value as T;
  const value = compute();
  table.set(key, { token, value });
  return value;
}

/** Tables an answer may be kept against (those with version triggers, migration 0020). */
export type RecordTable =
  | 'units'
  | 'unit_aliases'
  | 'sectors'
  | 'campaigns'
  | 'checklist_items'
  | 'settings'
  | 'submissions'
  | 'submission_history'
  | 'attachments'
  | 'intake_sources'
  | 'reviewers'
  | 'reviews'
  | 'review_history'
  | 'review_assignments'
  | 'decisions'
  | 'practices'
  | 'review_packages'
  | 'honors'
  | 'unit_status_history'
  | 'unit_star_history'
  | 'reminders';

/**
 * As memoUntilChange, but kept until one of `tables` is written — by any connection, since the
 * versions are rows of the file — rather than until anything is: the background search index, the
 * 操作记录 or a kept list written meanwhile leave 概览's year alone. `tables` must name every table
 * `compute` reads (of those listed in RecordTable); a table left out is a stale answer.
 */
export function memoUntilTablesChange<T>(orm: Orm, key: string, tables: readonly RecordTable[], compute: () => T): T {
  const sqlite = clientOf(orm);
  if (!sqlite) return compute();
  const table = memosOf(sqlite, false);
  const token = tablesToken(sqlite, tables);
  const hit = table.get(key);
  if (hit && hit.token === token) return hit.value as T;
  const value = compute();
  table.set(key, { token, value });
  return value;
}

/** The write counts of `tables`, as one string: equal strings mean none of them was written since. */
export function tablesToken(sqlite: Database.Database, tables: readonly RecordTable[]): string {
  return `tables:${
    sqlite
      .prepare(
        `SELECT group_concat(version) FROM (SELECT version FROM table_versions WHERE name IN (${tables.map(() => '?').join(', ')}) ORDER BY name)`,
      )
      .pluck()
      .get(...tables) as string
  }`;
}

/** How many answers a connection keeps, by cache (for the tests that hold the bound). */
export function keptCounts(orm: Orm): { fixed: number; typed: number } {
  const kept = memos.get(clientOf(orm) ?? {});
  return { fixed: kept?.fixed.size ?? 0, typed: kept?.typed.size ?? 0 };
}
