import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { findResourcesDir } from '../../src-main/core/dataFolder/resources';
import { openDatabase } from '../../src-main/core/db/open';
import { openTestCore, tempDir } from './helpers';

const shipped = path.join(findResourcesDir(), 'migrations');

interface Journal {
  entries: Array<{ idx: number; version: string; when: number; tag: string; breakpoints: boolean }>;
}

/** A migrations folder holding only the first `count` shipped migrations, plus optional extra SQL ones. */
function migrationsUpTo(count: number, extra: Array<{ tag: string; sql: string }> = []): string {
  const dir = tempDir('desk-migrations-');
  fs.mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(fs.readFileSync(path.join(shipped, 'meta', '_journal.json'), 'utf8')) as Journal;
  const entries = journal.entries.slice(0, count);
  for (const e of entries) fs.copyFileSync(path.join(shipped, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  let when = entries.at(-1)!.when;
  for (const x of extra) {
    when += 1000;
    entries.push({ idx: entries.length, version: '6', when, tag: x.tag, breakpoints: true });
    fs.writeFileSync(path.join(dir, `${x.tag}.sql`), x.sql);
  }
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

function seedOldSchema(file: string, migrationsFolder: string, backupsDir: string) {
  const db = openDatabase({ file, migrationsFolder, backupsDir });
  db.sqlite.exec(`
    INSERT INTO sectors (name, position) VALUES ('金融团工委', 0);
    INSERT INTO units (name, sector_id, level, status) VALUES ('柳州银行营业部', 1, '市级', 'active');
    INSERT INTO unit_aliases (unit_id, alias) VALUES (1, '柳银营业部');
  `);
  db.close();
}

describe('migrations', () => {
  it('builds the whole schema in an empty folder, without a pre-migration copy', () => {
    const { dataDir } = openTestCore();
    const sqlite = new Database(path.join(dataDir, 'desk.sqlite'), { readonly: true });
    const tables = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type='table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(
      expect.arrayContaining(['units', 'unit_aliases', 'sectors', 'campaigns', 'checklist_items', 'settings']),
    );
    const applied = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
    const journal = JSON.parse(fs.readFileSync(path.join(shipped, 'meta', '_journal.json'), 'utf8')) as Journal;
    expect(applied.n).toBe(journal.entries.length);
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });

  it('upgrades a data folder from the previous schema, keeping every row and a copy of the old file', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'desk.sqlite');
    const journal = JSON.parse(fs.readFileSync(path.join(shipped, 'meta', '_journal.json'), 'utf8')) as Journal;
    seedOldSchema(file, migrationsUpTo(journal.entries.length - 1), path.join(dataDir, 'backups'));

    const { call, core } = openTestCore(dataDir);
    expect(core.info.preMigrationCopy).toMatch(/before-migration-.*\.sqlite$/);
    const units = await call('units.list');
    expect(units).toHaveLength(1);
    expect(units[0]).toMatchObject({
      name: '柳州银行营业部',
      sectorName: '金融团工委',
      aliases: ['柳银营业部'],
      status: 'active',
    });
    const copy = new Database(core.info.preMigrationCopy!, { readonly: true });
    expect(copy.prepare('SELECT name FROM units').all()).toEqual([{ name: '柳州银行营业部' }]);
    copy.close();
  });

  it('turns the statuses older versions stored as words into codes', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'desk.sqlite');
    const journal = JSON.parse(fs.readFileSync(path.join(shipped, 'meta', '_journal.json'), 'utf8')) as Journal;
    const before = journal.entries.findIndex((e) => e.tag === '0008_unit_status_codes');
    seedOldSchema(file, migrationsUpTo(before), path.join(dataDir, 'backups'));
    const old = new Database(file);
    old.exec(
      "INSERT INTO units (name, sector_id, status) VALUES ('柳州市第二中学团委', 1, '暂停'), ('柳州市某已撤销集体', 1, '撤销')",
    );
    old.close();
    const { call } = openTestCore(dataDir);
    const units = await call('units.list');
    expect(Object.fromEntries(units.map((u) => [u.name, u.status]))).toEqual({
      柳州银行营业部: 'active',
      柳州市第二中学团委: 'suspended',
      柳州市某已撤销集体: 'revoked',
    });
    expect((await call('units.list', { statuses: ['revoked'] })).map((u) => u.name)).toEqual(['柳州市某已撤销集体']);
  });

  it('survives a table rebuild without cascade-deleting child rows', () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'desk.sqlite');
    const backupsDir = path.join(dataDir, 'backups');
    seedOldSchema(file, migrationsUpTo(1), backupsDir);
    // What drizzle-kit generates when a column changes type: a new table, copy, DROP the old one.
    const rebuild = [
      'PRAGMA foreign_keys=OFF;',
      "CREATE TABLE `__new_units` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL, `name` text NOT NULL, `sector_id` integer, `level` text, `year_named` integer, `status` text DEFAULT '在册' NOT NULL, `contact` text, `phone` text, `email` text, `notes` text, `created_at` text NOT NULL, `updated_at` text NOT NULL, FOREIGN KEY (`sector_id`) REFERENCES `sectors`(`id`) ON UPDATE no action ON DELETE set null);",
      'INSERT INTO `__new_units` SELECT * FROM `units`;',
      'DROP TABLE `units`;',
      'ALTER TABLE `__new_units` RENAME TO `units`;',
      'PRAGMA foreign_keys=ON;',
    ].join('--> statement-breakpoint\n');
    const db = openDatabase({
      file,
      migrationsFolder: migrationsUpTo(1, [{ tag: '0001_rebuild_units', sql: rebuild }]),
      backupsDir,
    });
    expect(db.sqlite.prepare('SELECT alias FROM unit_aliases').all()).toEqual([{ alias: '柳银营业部' }]);
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.preMigrationCopy).not.toBeNull();
    db.close();
  });
});
