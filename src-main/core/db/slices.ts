import { getTableColumns } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Executor } from './open';

/** SQLite binds at most 32,766 values in one statement (SQLITE_MAX_VARIABLE_NUMBER). */
const MAX_BOUND = 32_766;

/** A list cut into slices that each bind at most MAX_BOUND values, `valuesPerItem` per item. */
export function slices<T>(items: readonly T[], valuesPerItem: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_BOUND / Math.max(1, valuesPerItem)));
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Inserts any number of rows, a slice per statement: drizzle binds a value for every column of
 * every row (defaults included), so a slice is sized by the table's columns. Called inside the
 * caller's transaction, the rows are still all or nothing.
 */
export function insertAll<T extends SQLiteTable>(db: Executor, table: T, rows: Array<T['$inferInsert']>): void {
  if (!rows.length) return;
  const perRow = Object.keys(getTableColumns(table)).length;
  for (const slice of slices(rows, perRow)) db.insert(table).values(slice).run();
}
