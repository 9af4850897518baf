import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { newUploadPath } from '../../src-main/core/transfer/uploads';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { sectorOf } from '../support/sectors';

function zipAt(dir: string, name: string, seed: number): string {
  const file = path.join(dir, name);
  fs.writeFileSync(
    file,
    writeZip([
      { name: '总结.docx', data: makeDocx(name) },
      ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(seed * 10 + i, 9) })),
    ]),
  );
  return file;
}

/** What a window closed at the wrong moment leaves: the record as it was, its page's last sign of life a minute ago. */
function leaveAsIf(t: TestCore, change: Record<string, unknown>): void {
  const db = new Database(path.join(t.dataDir, 'desk.sqlite'));
  const row = db.prepare("SELECT value FROM settings WHERE key = 'intake.lastBatch'").pluck().get() as string;
  const past = new Date(Date.now() - 60_000).toISOString();
  db.prepare("UPDATE settings SET value = ? WHERE key = 'intake.lastBatch'").run(
    JSON.stringify({ ...JSON.parse(row), touchedAt: past, startedAt: past, ...change }),
  );
  db.close();
}

describe('收件 after the window closed half-way', () => {
  it('a batch cut off during upload: nothing imported, its finished uploads removed, every file named as not imported', async () => {
    const t = openTestCore();
    const { batchId } = await t.call('intake.beginBatch', { names: ['一中.zip', '二中.zip'] });
    const slot = newUploadPath(t.dataDir);
    fs.writeFileSync(slot.file, 'first file, uploaded');
    await t.call('intake.batchUploaded', { batchId, upload: slot.id });
    // Still uploading (just touched): not called cut off, nothing removed.
    expect(await t.call('intake.lastBatch')).toMatchObject({ state: 'running' });
    expect(fs.existsSync(slot.file)).toBe(true);
    // The part of the second file a stalled request left behind, not recorded anywhere.
    const stalled = newUploadPath(t.dataDir);
    fs.writeFileSync(stalled.file, 'half a file');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(slot.file, old, old);
    fs.utimesSync(stalled.file, old, old);
    leaveAsIf(t, {});
    expect(await t.call('intake.lastBatch')).toMatchObject({
      state: 'cut-upload',
      total: 2,
      stored: [],
      notStored: ['一中.zip', '二中.zip'],
    });
    expect(fs.existsSync(slot.file)).toBe(false);
    expect(fs.existsSync(stalled.file)).toBe(false);
    await t.call('intake.acknowledgeBatch', { batchId });
    expect(await t.call('intake.lastBatch')).toBeNull();
  });

  it('a batch cut off during import: what was stored and what was not', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', sectorId: await sectorOf(t, '教育团工委') });
    const dir = tempDir();
    const files = ['柳州市第一中学团委.zip', '坏的.zip', '没来得及.zip'];
    zipAt(dir, files[0]!, 1);
    fs.writeFileSync(path.join(dir, files[1]!), 'not a zip');
    zipAt(dir, files[2]!, 3);
    await t.call('intake.beginBatch', { names: files });
    // The first two were imported before the window (and the app with it) went.
    await t.call('intake.import', { files: localFiles(files.slice(0, 2).map((f) => path.join(dir, f))) });
    leaveAsIf(t, { status: 'importing' });
    const last = await t.call('intake.lastBatch');
    expect(last).toMatchObject({ state: 'cut-import', total: 3, notStored: ['没来得及.zip'] });
    expect(last!.stored.map((s) => [s.source, s.status, s.unitName])).toEqual([
      ['柳州市第一中学团委.zip', 'imported', '柳州市第一中学团委'],
      ['坏的.zip', 'rejected', null],
    ]);
  });

  it('a batch that finished after its page had gone is shown once, then acknowledged', async () => {
    const t = openTestCore();
    const dir = tempDir();
    const file = zipAt(dir, '某单位.zip', 5);
    const { batchId } = await t.call('intake.beginBatch', { names: ['某单位.zip'] });
    await t.call('intake.import', { files: localFiles([file]), batchId });
    expect(await t.call('intake.lastBatch')).toMatchObject({
      state: 'finished',
      stored: [{ source: '某单位.zip', status: 'unmatched' }],
      notStored: [],
    });
    await t.call('intake.acknowledgeBatch', { batchId });
    expect(await t.call('intake.lastBatch')).toBeNull();
  });
});
