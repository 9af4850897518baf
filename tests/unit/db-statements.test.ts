import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cacheStatements } from '../../src-main/core/db/statementCache';

describe('compiled statements are kept by their SQL', () => {
  it('reuses one, hands it back in plain-row mode, and never shares one still being iterated', () => {
    const sqlite = new Database(':memory:');
    cacheStatements(sqlite, 2);
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES (\'甲\'), (\'乙\');');
    const sql = 'SELECT id, name FROM t ORDER BY id';
    const first = sqlite.prepare(sql);
    expect(sqlite.prepare(sql)).toBe(first);
    // drizzle reads its selects as arrays; the next caller of the same SQL still gets objects.
    expect(first.raw().all()).toEqual([[1, '甲'], [2, '乙']]);
    expect(sqlite.prepare(sql).all()).toEqual([{ id: 1, name: '甲' }, { id: 2, name: '乙' }]);
    expect(sqlite.prepare(sql).pluck().all()).toEqual([1, 2]);
    expect(sqlite.prepare(sql).get()).toEqual({ id: 1, name: '甲' });
    const iterating = sqlite.prepare(sql).iterate();
    iterating.next();
    const other = sqlite.prepare(sql);
    expect(other).not.toBe(first);
    expect(other.all()).toHaveLength(2);
    iterating.return?.();
    // Bounded: the oldest falls out.
    sqlite.prepare('SELECT 1');
    sqlite.prepare('SELECT 2');
    expect(sqlite.prepare(sql)).not.toBe(first);
    sqlite.close();
  });
});
