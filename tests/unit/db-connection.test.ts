import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFailure } from '../../src-main/core/contract/sqliteErrors';
import { immediateTransactions } from '../../src-main/core/db/immediate';
import { cacheStatements } from '../../src-main/core/db/statementCache';
import { tempDir } from './helpers';

describe('compiled statements are kept by their SQL', () => {
  it('reuses one, hands it back in plain-row mode, and never shares one still being iterated', () => {
    const sqlite = new Database(':memory:');
    cacheStatements(sqlite, 2);
    sqlite.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO t (name) VALUES ('甲'), ('乙');");
    const sql = 'SELECT id, name FROM t ORDER BY id';
    const first = sqlite.prepare(sql);
    expect(sqlite.prepare(sql)).toBe(first);
    // drizzle reads its selects as arrays; the next caller of the same SQL still gets objects.
    expect(first.raw().all()).toEqual([
      [1, '甲'],
      [2, '乙'],
    ]);
    expect(sqlite.prepare(sql).all()).toEqual([
      { id: 1, name: '甲' },
      { id: 2, name: '乙' },
    ]);
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

describe('transactions begin IMMEDIATE', () => {
  it('so another connection committing between a read and a write makes the writer wait, not fail with SQLITE_BUSY_SNAPSHOT', () => {
    const file = path.join(tempDir(), 'busy.sqlite');
    const setup = new Database(file);
    setup.pragma('journal_mode = WAL');
    setup.exec('CREATE TABLE t (n INTEGER)');
    setup.close();
    const run = (immediate: boolean) => {
      const app = new Database(file, { timeout: 50 });
      if (immediate) immediateTransactions(app);
      const cli = new Database(file, { timeout: 50 });
      let cliError: string | null = null;
      const orm = drizzle(app);
      const outcome = (() => {
        try {
          orm.transaction((tx) => {
            tx.all(sql`SELECT count(*) FROM t`);
            try {
              cli.prepare('INSERT INTO t VALUES (1)').run();
            } catch (error) {
              cliError = (error as { code: string }).code;
            }
            tx.run(sql`INSERT INTO t VALUES (2)`);
          });
          return 'committed';
        } catch (error) {
          // drizzle wraps the driver's error: its code is on the cause.
          const e = error as { code?: string; cause?: { code?: string } };
          return e.code ?? e.cause?.code ?? String(error);
        }
      })();
      app.close();
      cli.close();
      return { outcome, cliError };
    };
    // drizzle's default without the change: the app's write is refused outright.
    expect(run(false)).toEqual({ outcome: 'SQLITE_BUSY_SNAPSHOT', cliError: null });
    // With it: the app holds the write lock from BEGIN; the CLI waits (here, gives up after 50 ms) and the app commits.
    expect(run(true)).toEqual({ outcome: 'committed', cliError: 'SQLITE_BUSY' });
  });
});

describe('what the database refuses reaches the office as a code, never as internal', () => {
  it('maps drizzle-wrapped SQLite errors: a busy snapshot, a constraint, a file that is not a database', () => {
    const file = path.join(tempDir(), 'codes.sqlite');
    const sqlite = new Database(file);
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const orm = drizzle(sqlite);
    orm.run(sql`INSERT INTO t VALUES (1)`);
    const caught = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error;
      }
      throw new Error('did not fail');
    };
    expect(databaseFailure(caught(() => orm.run(sql`INSERT INTO t VALUES (1)`)))).toMatchObject({
      code: 'data-conflict',
      message: expect.stringContaining('冲突'),
    });
    sqlite.close();
    const junk = path.join(tempDir(), 'junk.sqlite');
    fs.writeFileSync(junk, 'this is not a database, it is a note left in the data folder'.repeat(100));
    expect(
      databaseFailure(caught(() => new Database(junk).prepare('SELECT * FROM sqlite_master').all())),
    ).toMatchObject({ code: 'database-damaged' });
    expect(
      databaseFailure(
        Object.assign(new Error('x'), { cause: Object.assign(new Error('y'), { code: 'SQLITE_BUSY_SNAPSHOT' }) }),
      ),
    ).toMatchObject({ code: 'busy' });
    expect(databaseFailure(new Error('plain'))).toBeNull();
  });
});
