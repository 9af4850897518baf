import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeDocx, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

/**
 * SQLite binds at most 32,766 values in one statement. Written in one statement, a ZIP of ~3,000
 * files (11 values each) or 5,000 submissions × 3 reviewers (4 values each) failed as `internal`
 * after the bytes were stored. Every multi-row write is now sliced inside its transaction.
 */
describe('writes of any length', () => {
  it('take a ZIP of 3,500 files into one submission', async () => {
    const t = openTestCore();
    const entries = [
      { name: '工作总结.docx', data: makeDocx('大包') },
      ...Array.from({ length: 3_499 }, (_, i) => ({
        name: `附件/第${i + 1}份.txt`,
        data: Buffer.from(`第${i + 1}份材料`),
      })),
    ];
    const zip = path.join(tempDir(), '柳州市大包单位.zip');
    fs.writeFileSync(zip, writeZip(entries));
    const result = await t.call('intake.import', { files: localFiles([zip]) });
    expect(result.sources[0]).toMatchObject({ status: 'unmatched' });
    const [submission] = await t.call('submissions.list', {});
    expect((await t.call('submissions.get', { id: submission!.id })).files).toHaveLength(3_500);
  }, 120_000);

  it('assign 5,000 submissions to 3 reviewers each, remove 5,000 units and restore them', async () => {
    const t = openTestCore();
    const csv = path.join(tempDir(), '名册.csv');
    fs.writeFileSync(
      csv,
      `集体名称\n${Array.from({ length: 5_000 }, (_, i) => `柳州市第${i + 1}青年文明号集体`).join('\n')}\n`,
    );
    await t.call('units.importApply', { file: { path: csv } });
    const zip = path.join(tempDir(), '柳州市第1青年文明号集体.zip');
    fs.writeFileSync(zip, writeZip([{ name: '工作总结.docx', data: makeDocx('一') }]));
    await t.call('intake.import', { files: localFiles([zip]) });
    // The other 4,999 units' submissions, copied from the first row beside the running core.
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'));
    const columns = (db.prepare('PRAGMA table_info(submissions)').all() as Array<{ name: string }>)
      .map((c) => c.name)
      .filter((c) => c !== 'id');
    const values = columns.map((c) =>
      c === 'unit_id' ? 'u.id' : c === 'fingerprint' ? "'fp-' || u.id" : c === 'source_label' ? 'u.name' : `s.${c}`,
    );
    db.prepare(
      `INSERT INTO submissions (${columns.join(', ')}) SELECT ${values.join(', ')} FROM units u, (SELECT * FROM submissions LIMIT 1) s WHERE u.id NOT IN (SELECT unit_id FROM submissions WHERE unit_id IS NOT NULL)`,
    ).run();
    db.close();
    for (const name of ['甲评委', '乙评委', '丙评委', '丁评委']) await t.call('reviewers.create', { name });

    const assigned = await t.call('reviews.assign', { request: { mode: 'random', perSubmission: 3 } });
    expect(assigned).toMatchObject({ assigned: 15_000, short: [] });
    const units = await t.call('units.list', {});
    const ids = (units as Array<{ id: number }>).map((u) => u.id);
    expect(ids).toHaveLength(5_000);
    expect(await t.call('units.remove', { ids })).toMatchObject({
      removed: expect.arrayContaining([ids[0], ids[4_999]]),
    });
    expect(await t.call('units.list', {})).toHaveLength(0);
    expect((await t.call('units.restore', { ids })).restored).toHaveLength(5_000);
  }, 120_000);
});
