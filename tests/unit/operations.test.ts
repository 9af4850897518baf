import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, REJECTION_CODES } from '../../src-main/common/errorCodes';
import { combineOps, defineOp } from '../../src-main/core/contract/define';
import { WriteLock } from '../../src-main/core/locks/writeLock';
import { operations } from '../../src-main/core/operations';
import { rosterCsv, makeRosterRows } from '../support/rosterSheets';
import { asFile, openTestCore, OFFICE, PAGE } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

describe('each domain owns its operations', () => {
  it('combining two tables that declare the same name stops at start-up', () => {
    const a = { 'units.list': defineOp({ callers: 'office', input: z.undefined(), run: () => 1 }) };
    const b = { 'units.list': defineOp({ callers: 'office', input: z.undefined(), run: () => 2 }) };
    expect(() => combineOps({ roster: a, intake: b })).toThrow(
      'operation "units.list" is declared by both roster and intake',
    );
    expect(Object.keys(combineOps({ roster: a }))).toEqual(['units.list']);
  });

  it('the app table combines without a clash; no operation is a transport twin', () => {
    const names = Object.keys(operations);
    expect(names.length).toBeGreaterThan(60);
    expect(names.filter((n) => /(Upload|Download|File|Zip)$/.test(n))).toEqual([]);
    expect(names.every((n) => /^[a-z][a-zA-Z]*\.[a-zA-Z]+$/.test(n))).toBe(true);
  });

  it('operations.ts only combines, and no core file but the schema grows past 300 lines', () => {
    expect(fs.readFileSync(path.join(ROOT, 'src-main/core/operations.ts'), 'utf-8').split('\n').length).toBeLessThan(
      60,
    );
    const walk = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const long = walk(path.join(ROOT, 'src-main/core'))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('db/schema.ts'))
      .filter((f) => fs.readFileSync(f, 'utf-8').split('\n').length > 300)
      .map((f) => path.relative(ROOT, f));
    expect(long).toEqual([]);
  });
});

describe('operations declare their effects; the dispatcher acts on them', () => {
  it('tells windows what changed once a call succeeded, and not when it was refused', async () => {
    const t = openTestCore();
    const topics: string[] = [];
    t.core.subscribe((event) => event.type === 'changed' && topics.push(event.topic));
    await t.call('intake.setLimits', {
      maxTotalBytes: 1024 ** 3,
      maxEntries: 100,
      maxRatio: 100,
      ratioFloorBytes: 1024 ** 2,
      maxDepth: 2,
    });
    // …and the 操作记录 page that a change was written down.
    expect(topics).toEqual(['settings', 'audit']);
    topics.length = 0;
    expect(await t.callRaw('units.create', { name: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(topics).toEqual([]);
    await t.call('units.create', { name: '柳州银行营业部' });
    expect(topics).toEqual(['units', 'audit']);
  });

  it('runs a declared long write under the data folder lock, so a second long write is refused by name', async () => {
    const t = openTestCore();
    const other = new WriteLock(path.join(t.dataDir, 'locks'));
    let release!: () => void;
    const holding = other.run('恢复备份', () => new Promise<void>((r) => (release = r)));
    const refused = await t.callRaw('units.importApply', {
      file: asFile('名册.csv', rosterCsv(makeRosterRows(3), 'utf-8')),
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy', message: expect.stringContaining('恢复备份') } });
    // A quick write that is not a long one is not held up.
    expect(await t.callRaw('units.create', { name: '柳州市第一中学团委' })).toMatchObject({ ok: true });
    release();
    await holding;
    expect(
      await t.callRaw('units.importApply', { file: asFile('名册.csv', rosterCsv(makeRosterRows(3), 'utf-8')) }),
    ).toMatchObject({ ok: true, value: { created: 3 } });
  });

  it('refuses a local path from a page in browser mode wherever the input carries one', async () => {
    const t = openTestCore();
    const file = asFile('名册.csv', rosterCsv(makeRosterRows(3), 'utf-8'));
    expect(await t.core.invoke('units.importPreview', { file }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await t.core.invoke('intake.import', { files: [{ upload: 'a'.repeat(32), name: 'x.zip' }, file] }, PAGE),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await t.core.invoke('reviews.openPackage', { file }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await t.core.invoke('units.importPreview', { file }, OFFICE)).toMatchObject({ ok: true });
  });

  it('writes an internal error, with the operation and its stack, to the log file the message names — never the input', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州银行营业部' });
    // Provoke one: another connection takes the table away under the running core.
    const other = new Database(path.join(t.dataDir, 'desk.sqlite'));
    other.exec('ALTER TABLE units RENAME TO units_gone');
    other.close();
    const logFile = path.join(t.dataDir, 'logs', 'desk.log');
    const failed = await t.callRaw('units.list', { search: '不该进日志的搜索词' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(failed.ok ? '' : failed.error.message).toContain(logFile);
    const log = fs.readFileSync(logFile, 'utf-8');
    expect(log).toMatch(/\[ERROR\] \[pid \d+\] units\.list failed: SqliteError: no such table: units/);
    expect(log).toMatch(/\n\s+at /);
    expect(log).not.toContain('不该进日志的搜索词');
    expect(await t.call('app.info')).toMatchObject({ logFile });
  });
});

describe('one list of error codes', () => {
  it('the tables in docs/cli.md and docs/intake.md list exactly the codes core can answer with', () => {
    const table = (heading: string) => {
      const readme = fs.readFileSync(
        path.join(ROOT, 'docs', heading.startsWith('Error') ? 'cli.md' : 'intake.md'),
        'utf-8',
      );
      const start = readme.indexOf(heading);
      expect(start, heading).toBeGreaterThan(-1);
      const rows = readme.slice(start).split('\n').slice(1);
      const body = rows.slice(rows.findIndex((l) => l.startsWith('|')));
      return body
        .slice(
          0,
          body.findIndex((l) => !l.startsWith('|')),
        )
        .slice(2)
        .map((l) => l.split('|')[1]!.trim().replace(/`/g, ''));
    };
    expect(table('Error codes (').sort()).toEqual(Object.keys(ERROR_CODES).sort());
    expect(table('Refusal codes (').sort()).toEqual([...REJECTION_CODES].sort());
  });
});
