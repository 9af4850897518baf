import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { MARK_CLOSE, MARK_OPEN } from '../../src-main/common/search';
import { writerDocument } from '../support/wordDoc';
import { makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

const COMMON = '全年组织志愿服务活动十二次。';
// Bold in the middle of the phrase: Writer saves it as three runs, which the index must read as one.
const docx = writerDocument(
  `<p>柳州市第一中学团委年度工作总结</p><p>我们开展“<b>青春</b>护航”行动，覆盖全校。${COMMON}</p>`,
  'docx',
  'html',
);
const odt = writerDocument(`柳北区图书馆年度总结\n\n坚持“书香进社区”品牌，${COMMON}\n`, 'odt');
const doc = writerDocument(`柳州银行营业部年度总结\n\n推出“适老化柜台”服务，${COMMON}\n`, 'doc');
const pdf = writerDocument(`柳州供电局年度总结\n\n完成“电力红马甲”巡检，${COMMON}\n`, 'pdf');
const writer = needs('soffice') && !!(docx && odt && doc && pdf);

async function send(t: TestCore, unit: string, name: string, data: Buffer): Promise<number> {
  const zip = path.join(tempDir(), `${unit}.zip`);
  fs.writeFileSync(
    zip,
    writeZip([
      { name, data },
      { name: '活动照片1.png', data: makePng(640, 480) },
    ]),
  );
  const imported = await t.call('intake.import', { files: localFiles([zip]) });
  return imported.sources[0]!.submission_id!;
}

async function year(): Promise<{ t: TestCore; ids: Record<'docx' | 'odt' | 'doc' | 'pdf', number> }> {
  const t = openTestCore();
  const names = ['柳州市第一中学团委', '柳北区图书馆', '柳州银行营业部', '柳州供电局'];
  for (const name of names)
    await t.call('units.create', { name, sectorId: await sectorOf(t, '阳和工业新区（北部生态新区）团工委') });
  const ids = {
    docx: await send(t, names[0]!, '工作总结.docx', docx!),
    odt: await send(t, names[1]!, '工作总结.odt', odt!),
    doc: await send(t, names[2]!, '工作总结.doc', doc!),
    pdf: await send(t, names[3]!, '工作总结.pdf', pdf!),
  };
  return { t, ids };
}

beforeAll(() => ensureBuilt(), 120_000);

const plain = (snippet: string) => snippet.replaceAll(MARK_OPEN, '').replaceAll(MARK_CLOSE, '');

describe.skipIf(!writer)('全文检索 over summaries LibreOffice wrote', () => {
  it('finds a phrase inside each format, marks it in the snippet, and reads each file once', async () => {
    const { t, ids } = await year();
    expect(await t.call('search.state')).toEqual({ indexed: 0, withoutText: 0, waiting: 4 });
    const run = await t.call('search.index');
    expect(run).toMatchObject({ read: 4, remaining: 0, index: { indexed: 4, withoutText: 0, waiting: 0 } });

    const phrase = await t.call('search.summaries', { query: '青春护航' });
    expect(phrase.hits.map((h) => h.submissionId)).toEqual([ids.docx]);
    expect(phrase.hits[0]).toMatchObject({
      unitName: '柳州市第一中学团委',
      fileName: '工作总结.docx',
      campaignYear: 2022,
    });
    expect(phrase.hits[0]!.snippet).toContain(`${MARK_OPEN}青春护航${MARK_CLOSE}`);
    expect(plain(phrase.hits[0]!.snippet)).toContain('我们开展“青春护航”行动');

    for (const [kind, words] of [
      ['odt', '书香进社区'],
      ['doc', '适老化柜台'],
      ['pdf', '电力红马甲'],
    ] as const) {
      const found = await t.call('search.summaries', { query: words });
      expect(
        found.hits.map((h) => h.submissionId),
        kind,
      ).toEqual([ids[kind]]);
    }
    const common = await t.call('search.summaries', { query: '志愿服务活动' });
    expect(common.hits.map((h) => h.submissionId).sort()).toEqual(Object.values(ids).sort());
    // Two words: both must be there; the short one is checked inside the hits.
    expect((await t.call('search.summaries', { query: '志愿服务 柜台' })).hits.map((h) => h.submissionId)).toEqual([
      ids.doc,
    ]);
    expect((await t.call('search.summaries', { query: '植树造林活动' })).hits).toEqual([]);
    // Nothing typed can break out of the phrase: quotes and FTS operators are only text.
    expect((await t.call('search.summaries', { query: '"青春 OR NEAR(护航' })).hits).toEqual([]);

    // A second run finds nothing left to read.
    expect(await t.call('search.index')).toMatchObject({ read: 0, remaining: 0 });
  }, 240_000);

  it('follows the data: a new version, a deletion, a file the office re-kinds as 工作总结', async () => {
    const { t, ids } = await year();
    await t.call('search.index');
    // The library sends a corrected summary: the old wording is no longer its current material.
    const corrected = writerDocument('柳北区图书馆年度总结（修订）\n\n开展“流动图书车”下乡。\n', 'odt')!;
    const v2 = await send(t, '柳北区图书馆', '工作总结（修订）.odt', corrected);
    await t.call('search.index');
    expect((await t.call('search.summaries', { query: '书香进社区' })).hits).toEqual([]);
    expect((await t.call('search.summaries', { query: '流动图书车' })).hits.map((h) => h.submissionId)).toEqual([v2]);

    await t.call('submissions.delete', { submissionId: ids.pdf, reason: '重复报送' });
    expect((await t.call('search.summaries', { query: '电力红马甲' })).hits).toEqual([]);
    await t.call('submissions.restore', { submissionId: ids.pdf });
    expect((await t.call('search.summaries', { query: '电力红马甲' })).hits.map((h) => h.submissionId)).toEqual([
      ids.pdf,
    ]);

    // A summary sent under a name intake took for "other": once re-kinded it is read and found.
    await t.call('units.create', {
      name: '柳江区人民医院',
      sectorId: await sectorOf(t, '阳和工业新区（北部生态新区）团工委'),
    });
    const zip = path.join(tempDir(), 'hospital.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '附件2.txt.bak', data: Buffer.from('柳江区人民医院：开展“暖心导诊台”服务。') },
        { name: '工作总结.docx', data: docx! },
      ]),
    );
    const id = (await t.call('intake.import', { files: localFiles([zip]) })).sources[0]!.submission_id!;
    const other = (await t.call('submissions.get', { id })).files.find((f) => f.name === '附件2.txt.bak')!;
    expect(other.kind).toBe('other');
    await t.call('submissions.setFileKind', { fileId: other.id, kind: 'summary', reason: '实为工作总结' });
    expect((await t.call('search.state')).waiting).toBeGreaterThan(0);
    await t.call('search.index');
    expect((await t.call('search.summaries', { query: '暖心导诊台' })).hits.map((h) => h.submissionId)).toEqual([id]);
  }, 240_000);

  it('a damaged or locked summary has no text, is counted as such, and the rest is still found', async () => {
    const { t } = await year();
    await t.call('units.create', {
      name: '柳南区税务局',
      sectorId: await sectorOf(t, '阳和工业新区（北部生态新区）团工委'),
    });
    const broken = Buffer.concat([pdf!.subarray(0, 400), Buffer.alloc(2000, 0x41)]);
    await send(t, '柳南区税务局', '工作总结.pdf', broken);
    const run = await t.call('search.index');
    expect(run.index).toEqual({ indexed: 4, withoutText: 1, waiting: 0 });
    expect((await t.call('search.summaries', { query: '志愿服务活动' })).hits).toHaveLength(4);
  }, 240_000);

  it('Ctrl+K finds units by pinyin initials, submissions by sender words, reviewers and summary words', async () => {
    const { t, ids } = await year();
    await t.call('reviewers.create', { name: '黄志强' });
    await t.call('search.index');
    const byPinyin = await t.call('search.global', { query: 'lzsdyzx' });
    expect(byPinyin.units.map((u) => u.name)).toEqual(['柳州市第一中学团委']);
    expect(byPinyin.submissions.map((s) => s.id)).toEqual([ids.docx]);
    expect(byPinyin.summariesSearched).toBe(true);
    expect((await t.call('search.global', { query: '志强' })).reviewers.map((r) => r.name)).toEqual(['黄志强']);
    const words = await t.call('search.global', { query: '电力红马甲' });
    expect(words.summaries.map((s) => s.submissionId)).toEqual([ids.pdf]);
    // Two characters are too few for the summaries' index; names are still searched.
    const short = await t.call('search.global', { query: '柳州' });
    expect(short.summariesSearched).toBe(false);
    expect(short.units.length).toBe(3);
    expect((await t.callRaw('search.global', { query: '   ' })).ok).toBe(false);
  }, 240_000);

  it('desk search TEXT --json reads what the imports left and answers with every kind of hit', async () => {
    const { t, ids } = await year();
    const { stdout } = await promisify(execFile)(process.execPath, [
      path.resolve(__dirname, '../../bin/desk.js'),
      '--data',
      t.dataDir,
      'search',
      '适老化柜台',
      '--json',
    ]);
    const envelope = JSON.parse(stdout);
    expect(envelope.ok).toBe(true);
    const result = envelope.value;
    expect(result).toMatchObject({
      query: '适老化柜台',
      units: [],
      reviewers: [],
      summariesSearched: true,
      more: false,
      index: { indexed: 4, waiting: 0 },
    });
    expect(result.summaries).toHaveLength(1);
    expect(result.summaries[0]).toMatchObject({
      submissionId: ids.doc,
      unitName: '柳州银行营业部',
      campaignYear: 2022,
      fileName: '工作总结.doc',
    });
    expect(result.summaries[0].snippet).toContain('推出“【适老化柜台】”服务');
    const failed = await promisify(execFile)(process.execPath, [
      path.resolve(__dirname, '../../bin/desk.js'),
      '--data',
      t.dataDir,
      'search',
      ' ',
      '--json',
    ]).catch((e: { code: number; stdout: string }) => e);
    expect('code' in failed && failed.code).not.toBe(0);
    expect(JSON.parse(failed.stdout).error.code).toBe('invalid-input');
  }, 240_000);
});
