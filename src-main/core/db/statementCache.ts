import type Database from 'better-sqlite3';

/**
 * drizzle asks better-sqlite3 to compile every query anew, and compiling cost more than running
 * (a sixth of a small ZIP's intake). The connection keeps the last compiled statements by their
 * SQL text; one handed out again is reset to plain rows, since drizzle switches a statement to
 * array rows (`raw()`) for its own selects and our code may pluck. A statement still being
 * iterated is never handed out twice.
 */
export function cacheStatements(sqlite: Database.Database, size = 256): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    const hit = cache.get(source);
    if (hit && !hit.busy) {
      cache.delete(source);
      cache.set(source, hit);
      if (hit.reader) hit.raw(false).pluck(false).expand(false);
      return hit;
    }
    const statement = prepare(source);
    if (!hit) {
      cache.set(source, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
    return statement;
  }) as typeof sqlite.prepare;
}
