import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { inflatingPdf, largeDocx, manyPagesPdf } from '../support/hostileDocs';
import { watchChildren } from '../support/treeMemory';
import { makePng, writeZip } from '../support/zipWriter';
import { sectorOf } from '../support/sectors';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';

/**
 * 加固 (#27) item 1: documents inside intake's limits that used to take the app down — read now by
 * streaming readers in child processes under a memory cap and a deadline. The figures asserted are
 * what the office would see: the app's own memory, each reader's, the mark on the file.
 */
async function send(t: TestCore, unit: string, name: string, data: Buffer): Promise<{ id: number; sha256: string }> {
  await t.call('units.create', { name: unit, sectorId: await sectorOf(t, '阳和工业新区（北部生态新区）团工委') });
  const zip = path.join(tempDir(), `${unit}.zip`);
  fs.writeFileSync(
    zip,
    writeZip([
      { name, data },
      { name: '活动照片1.png', data: makePng(640, 480) },
    ]),
  );
  const imported = await t.call('intake.import', { files: localFiles([zip]) });
  const id = imported.sources[0]!.submission_id!;
  const submission = await t.call('submissions.get', { id });
  return { id, sha256: submission.files.find((f) => f.kind === 'summary')!.sha256 };
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 ** 2);

/** What the indexer recorded of each summary, read from the data folder's database as any reader would. */
function readings(t: TestCore): Array<{ status: string; chars: number }> {
  const db = new Database(path.join(t.dataDir, 'desk.sqlite'), { readonly: true });
  try {
    return db.prepare('SELECT status, chars FROM summary_texts ORDER BY id').all() as never;
  } finally {
    db.close();
  }
}

describe('documents inside intake limits', () => {
  it('a .docx whose document.xml is 60 MB of paragraphs is indexed, the app and its reader staying small', async () => {
    const t = openTestCore();
    const { id } = await send(t, '柳州市第一中学团委', '2022年度工作总结.docx', largeDocx(60));
    const before = rssMb();
    const watch = watchChildren();
    const run = await t.call('search.index');
    const { peakChildMb, children } = watch.stop();
    expect(run.read).toBe(1);
    expect(children).toBeGreaterThan(0);
    expect(peakChildMb).toBeLessThan(300);
    expect(rssMb() - before).toBeLessThan(150);
    // Its words are found (the first paragraphs: the text stops at the cap search keeps).
    const hits = await t.call('search.summaries', { query: '第1段' });
    expect(hits.hits.map((h) => h.submissionId)).toEqual([id]);
    // The background reading also made the evidence pane's view: 评审 opens it without starting a reader.
    const { files } = await t.call('submissions.get', { id });
    const opening = watchChildren();
    expect(await t.call('files.preview', { sha256: files.find((f) => f.kind === 'summary')!.sha256 })).toMatchObject({
      kind: 'text',
      large: true,
    });
    expect(opening.stop().children).toBe(0);
  }, 180_000);

  it('a .docx of four 60 MB parts is previewed as its words, not laid out, in a reader under the cap', async () => {
    const t = openTestCore();
    const { sha256 } = await send(t, '柳州银行营业部', '工作总结.docx', largeDocx(60, 4));
    const before = rssMb();
    const watch = watchChildren();
    const preview = await t.call('files.preview', { sha256 });
    const { peakChildMb } = watch.stop();
    expect(preview).toMatchObject({ kind: 'text', large: true });
    expect(preview.kind === 'text' && preview.text.startsWith('第0段：')).toBe(true);
    expect(peakChildMb).toBeLessThan(300);
    expect(rssMb() - before).toBeLessThan(150);
    // Asked again (moving back and forth in 评审): the same answer, not a second reading.
    const again = watchChildren();
    expect(await t.call('files.preview', { sha256 })).toEqual(preview);
    expect(again.stop().children).toBe(0);
  }, 180_000);

  it('a PDF whose stream inflates to 1 GB is stopped by the cap, marked once, and not read again', async () => {
    const t = openTestCore();
    const { id } = await send(t, '柳州供电局', '工作总结.pdf', await inflatingPdf(1024));
    const watch = watchChildren();
    expect((await t.call('search.index')).read).toBe(1);
    expect(watch.stop().peakChildMb).toBeLessThan(300);
    expect(readings(t)).toEqual([{ status: 'runaway', chars: 0 }]);
    const { badges } = await t.call('reviews.badges', { submissionId: id });
    expect(badges.map((b) => b.text)).toContain('没有可读的工作总结（无法读取：文件过大或过复杂）');
    // The next pass — the app runs one after every change — does not try it again …
    const next = watchChildren();
    expect((await t.call('search.index')).read).toBe(0);
    expect(next.stop().children).toBe(0);
    expect((await t.call('search.state')).waiting).toBe(0);
    // … until the limits it was stopped under change.
    const limits = await t.call('intake.limits');
    await t.call('intake.setLimits', { ...limits, maxDocumentTotalBytes: limits.maxDocumentTotalBytes * 2 });
    expect((await t.call('search.state')).waiting).toBe(1);
    expect((await t.call('search.index')).read).toBe(1);
    expect(readings(t)).toEqual([{ status: 'runaway', chars: 0 }]);
  }, 180_000);

  it('a 10,000-page PDF is read to its first 500 pages, well inside the deadline', async () => {
    const t = openTestCore();
    await send(t, '柳州市图书馆', '工作总结.pdf', manyPagesPdf(10_000));
    const started = Date.now();
    expect((await t.call('search.index')).read).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(readings(t)[0]!.status).toBe('indexed');
    expect((await t.call('search.summaries', { query: 'Page 500 summary' })).hits).toHaveLength(1);
    expect((await t.call('search.summaries', { query: 'Page 501 summary' })).hits).toHaveLength(0);
  }, 180_000);

  it('a deleted submission leaves the reading queue; restored, it joins it again', async () => {
    const t = openTestCore();
    const { id } = await send(t, '柳州市第二中学团委', '工作总结.pdf', manyPagesPdf(2));
    await t.call('submissions.delete', { submissionId: id, reason: '重复报送' });
    expect((await t.call('search.state')).waiting).toBe(0);
    expect((await t.call('search.index')).read).toBe(0);
    await t.call('submissions.restore', { submissionId: id });
    expect((await t.call('search.state')).waiting).toBe(1);
    expect((await t.call('search.index')).read).toBe(1);
  }, 60_000);
});
