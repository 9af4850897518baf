import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nothingReadable } from '../../src-main/common/fileKinds';
import { ITEM_KEYS } from '../support/evidenceSet';
import { makePng, writeZip } from '../support/zipWriter';
import { scanLikePdf } from '../support/scanPdf';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';

const BANK = path.resolve(import.meta.dirname, '../fixtures/evidence/bank.docx');

async function send(t: TestCore, name: string, entries: Array<{ name: string; data: Buffer }>) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, name), writeZip(entries));
  return (await t.call('intake.import', { files: localFiles([dir]) })).sources[0]!;
}

describe('评审助手 through the year', () => {
  it('a scanned summary is flagged in 收件 and 评审; a 补充 with a real one brings the evidence, deleting it takes it away, and the review stays', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '城中支行营业部', sectorId: 6 });
    const photos = [1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(10 + i, 9) }));
    const first = await send(t, '城中支行营业部.zip', [{ name: '工作总结.pdf', data: scanLikePdf() }, ...photos]);
    const id = first.submission_id!;
    await t.call('search.index');
    const row = async () => (await t.call('submissions.page', { offset: 0, limit: 10 })).rows.find((r) => r.id === id)!;
    // 收件 says it as soon as the summary has been read.
    expect((await row()).files.find((f) => f.kind === 'summary')!.reading).toBe('empty');
    expect(nothingReadable((await row()).files)).toBe(true);
    expect((await t.call('reviews.evidence', { submissionId: id })).readable).toBe(false);
    const badge = async () =>
      (await t.call('reviews.badges', { submissionId: id })).badges.find((b) => b.code === 'no-readable-summary');
    expect((await badge())?.text).toBe('没有可读的工作总结（扫描件或无法打开）');

    const wang = await t.call('reviewers.create', { name: '王老师' });
    await t.call('reviews.assign', { request: { mode: 'hand', submissionIds: [id], reviewerIds: [wang.id] } });
    await t.call('reviews.save', { submissionId: id, reviewerId: wang.id, answers: {}, comment: '总结看不到' });

    // The unit sends its summary again as a 补充, readable this time.
    const extra = await send(t, '城中支行营业部-补充材料.zip', [
      { name: '工作总结（文字版）.docx', data: fs.readFileSync(BANK) },
    ]);
    expect((await t.call('submissions.get', { id: extra.submission_id! })).supplementOf).toBe(id);
    const evidence = await t.call('reviews.evidence', { submissionId: id });
    expect(evidence.readable).toBe(true);
    expect(evidence.summary?.name).toBe('工作总结（文字版）.docx');
    expect(evidence.items.find((i) => i.title === ITEM_KEYS.学习)!.count).toBe(7);
    expect(await badge()).toBeUndefined();
    expect(nothingReadable((await row()).files)).toBe(false);
    const review = await t.call('reviews.get', { submissionId: id, reviewerId: wang.id });
    expect(review).toMatchObject({ comment: '总结看不到', materialChanged: true });

    // Sent by mistake after all: the office deletes the 补充, and the evidence goes with it.
    await t.call('submissions.delete', { submissionId: extra.submission_id!, reason: '误发' });
    expect((await t.call('reviews.evidence', { submissionId: id })).readable).toBe(false);
    expect(nothingReadable((await row()).files)).toBe(true);
    expect((await t.call('reviews.get', { submissionId: id, reviewerId: wang.id })).comment).toBe('总结看不到');
  }, 120_000);
});
