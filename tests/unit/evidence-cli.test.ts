import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { desk } from '../support/desk';
import { ITEM_KEYS } from '../support/evidenceSet';
import { makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

const BANK = path.resolve(import.meta.dirname, '../fixtures/evidence/bank.docx');

beforeAll(() => ensureBuilt(), 120_000);

describe('desk review evidence', () => {
  it('prints the passages and the count per item, in checklist order, and says when nothing is readable', async () => {
    const t = openTestCore();
    const dir = tempDir();
    await t.call('units.create', { name: '城中支行营业部', sectorId: 6 });
    await t.call('units.create', { name: '只有照片的单位', sectorId: 6 });
    fs.writeFileSync(
      path.join(dir, '城中支行营业部.zip'),
      writeZip([{ name: '工作总结.docx', data: fs.readFileSync(BANK) }]),
    );
    fs.writeFileSync(path.join(dir, '只有照片的单位.zip'), writeZip([{ name: '照片.png', data: makePng(3, 3) }]));
    await t.call('intake.import', { files: localFiles([dir]) });
    const titles = (await t.call('campaigns.current'))!.items.map((i) => i.title);
    t.core.close();

    const answer = await desk(['--data', t.dataDir, 'review', 'evidence', '城中支行营业部', '--json']);
    expect(answer.code).toBe(0);
    const { value } = JSON.parse(answer.stdout);
    expect(value.readable).toBe(true);
    expect(value.items.map((i: { title: string }) => i.title)).toEqual(titles);
    const study = value.items[0];
    expect(study).toMatchObject({ title: ITEM_KEYS.学习, count: 7 });
    expect(study.countText).toContain('七期');
    expect(study.passages[0]).toEqual({
      text: '我们依托支部“青年夜校”，全年共举办专题学习七期，内容涵盖党史、金融法规和服务礼仪',
      words: expect.arrayContaining(['青年夜校', '专题学习']),
    });
    expect(value.items.slice(1).every((i: { count: unknown }) => i.count === null)).toBe(true);

    const human = await desk(['--data', t.dataDir, 'review', 'evidence', '城中支行营业部', '--campaign', '2022']);
    expect(human.stdout).toContain('1. 开展组织化学习（总结中写到 7 次）');

    const photos = JSON.parse(
      (await desk(['--data', t.dataDir, 'review', 'evidence', '只有照片的单位', '--json'])).stdout,
    ).value;
    expect(photos.readable).toBe(false);
    expect(photos.items).toHaveLength(titles.length);

    const missing = JSON.parse(
      (await desk(['--data', t.dataDir, 'review', 'evidence', '没有这个单位', '--json'])).stdout,
    );
    expect(missing.error.code).toBe('not-found');
  });
});
