import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { keptCounts, memoUntilChange, memoUntilTablesChange } from '../../src-main/core/db/memo';
import { openDatabase } from '../../src-main/core/db/open';
import { findResourcesDir } from '../../src-main/core/dataFolder/resources';
import { openTestCore, tempDir } from './helpers';

/** Tables that are not records: logs, derived data, and the versions themselves. */
const NOT_RECORDS = new Set([
  'audit_log',
  'summary_texts',
  // The 评审助手's passages, worked out again from the summary's text whenever asked.
  'summary_evidence',
  'flag_cache',
  'flag_dirty',
  'table_versions',
  'submission_changes',
  '__drizzle_migrations',
  // Who may come in on a review day, not the programme's data: no kept answer reads them, and a
  // session's activity (written as reviewers work) must not throw away every kept answer.
  'review_days',
  'reviewer_codes',
  'reviewer_sessions',
]);

describe('answers kept until a table they read is written', () => {
  it('every table of records counts its writes, so none can be left out of a kept answer by accident', async () => {
    const t = openTestCore();
    await t.call('units.list');
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'), { readonly: true });
    const tables = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'summary_fts%'",
        )
        .pluck()
        .all() as string[]
    ).filter((n) => !NOT_RECORDS.has(n));
    const counted = db.prepare('SELECT name FROM table_versions').pluck().all() as string[];
    expect(counted.sort()).toEqual(tables.sort());
    for (const name of tables) {
      const triggers = db
        .prepare(
          "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE 'versions_%'",
        )
        .pluck()
        .get(name);
      expect(triggers, name).toBe(3);
    }
    db.close();
  });

  it('recomputes after a write to a table it read, by this connection or another, and not after others', () => {
    const dir = tempDir();
    const file = path.join(dir, 'desk.sqlite');
    const resources = findResourcesDir();
    const mine = openDatabase({
      file,
      migrationsFolder: path.join(resources, 'migrations'),
      backupsDir: path.join(dir, 'backups'),
      locksDir: path.join(dir, 'locks'),
      appVersion: 'test',
    });
    const other = new Database(file);
    let computed = 0;
    const ask = () => memoUntilTablesChange(mine.orm, 'test', ['units', 'reviews'], () => ++computed);
    expect(ask()).toBe(1);
    expect(ask()).toBe(1);
    mine.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run();
    other
      .prepare(
        "INSERT INTO audit_log (at, actor, actor_kind, action, summary, operation, via) VALUES ('t', 'a', 'office', 'settings', 's', 'o', 'cli')",
      )
      .run();
    other.prepare("INSERT INTO summary_texts (sha256, status, extracted_at) VALUES ('aa', 'empty', 't')").run();
    expect(ask()).toBe(1);
    other.prepare("INSERT INTO units (name, created_at, updated_at) VALUES ('柳州银行营业部', 't', 't')").run();
    expect(ask()).toBe(2);
    mine.sqlite.prepare("UPDATE units SET name = '柳州银行营业部（改）'").run();
    expect(ask()).toBe(3);
    other.prepare('DELETE FROM units').run();
    expect(ask()).toBe(4);
    expect(ask()).toBe(4);
    other.close();
    mine.close();
  });

  it('are bounded: a day of typed searches keeps 16 answers and never pushes out the year’s figures', () => {
    const dir = tempDir();
    const db = openDatabase({
      file: path.join(dir, 'desk.sqlite'),
      migrationsFolder: path.join(findResourcesDir(), 'migrations'),
      backupsDir: path.join(dir, 'backups'),
      locksDir: path.join(dir, 'locks'),
      appVersion: 'test',
    });
    let figures = 0;
    const year = () => memoUntilTablesChange(db.orm, 'aggregate:1', ['reviews'], () => ++figures);
    year();
    for (let i = 0; i < 500; i++) memoUntilChange(db.orm, `units:${i}`, () => i, { typed: true });
    expect(keptCounts(db.orm)).toEqual({ fixed: 1, typed: 16 });
    // The most recent searches are the ones kept; the year's figures were never computed again.
    let again = 0;
    memoUntilChange(db.orm, 'units:499', () => ++again, { typed: true });
    expect(again).toBe(0);
    year();
    expect(figures).toBe(1);
    for (let i = 0; i < 200; i++) memoUntilChange(db.orm, `queue:1:${i}`, () => i);
    expect(keptCounts(db.orm).fixed).toBe(64);
    db.close();
  });
});
