import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { countIn, numberOf } from '../../src-main/core/evidence/counts';
import { evidenceFor } from '../../src-main/core/evidence/rank';
import { passagesOf } from '../../src-main/core/evidence/sentences';
import { EVIDENCE_SET, ITEM_KEYS } from '../support/evidenceSet';
import { evaluateSet } from '../support/evidenceEval';
import { makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, reviewerSession, tempDir, type TestCore } from './helpers';

const SET_DIR = path.resolve(import.meta.dirname, '../fixtures/evidence');

/** Each .docx of the evaluation set (saved by LibreOffice) sent by its own unit, as a ZIP with a photo. */
async function importSet(t: TestCore): Promise<Map<string, number>> {
  const dir = tempDir();
  for (const [i, summary] of EVIDENCE_SET.entries()) {
    await t.call('units.create', { name: `评估单位${i + 1}`, sectorId: 6 });
    const docx = fs.readFileSync(path.join(SET_DIR, summary.file));
    const zip = writeZip([
      { name: '工作总结.docx', data: docx },
      { name: '照片1.png', data: makePng(i + 2, 5) },
    ]);
    fs.writeFileSync(path.join(dir, `评估单位${i + 1}.zip`), zip);
  }
  const imported = await t.call('intake.import', { files: localFiles([dir]) });
  const bySource = new Map(imported.sources.map((s) => [s.unit!.name, s.submission_id!]));
  return new Map(EVIDENCE_SET.map((s, i) => [s.file, bySource.get(`评估单位${i + 1}`)!]));
}

describe('评审助手: evidence per checklist item', () => {
  it('finds the labelled sentence among three passages for ≥ 90 % of items, and every study count, in the LibreOffice set', async () => {
    const t = openTestCore();
    const ids = await importSet(t);
    const result = await evaluateSet(async (summary) => {
      const evidence = await t.call('reviews.evidence', { submissionId: ids.get(summary.file)! });
      expect(evidence.readable).toBe(true);
      return evidence.items;
    });
    expect(result.labelled).toBeGreaterThanOrEqual(66);
    expect(result.recall, result.misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(result.countsRight, result.misses.join('\n')).toBe(result.counted);
    // Computed once and kept: the second asking reads it back, and it is the same.
    const first = ids.get('bank.docx')!;
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM summary_evidence').pluck().get()).toBe(EVIDENCE_SET.length);
    db.close();
    const again = await t.call('reviews.evidence', { submissionId: first });
    const passages = again.items.find((i) => i.title === ITEM_KEYS.学习)!.passages;
    expect(passages[0]!.text).toContain('青年夜校');
    expect(passages[0]!.words).toContain('青年夜校');
    // Items come in checklist order, and only the count item carries a count.
    const campaign = (await t.call('campaigns.current'))!;
    expect(again.items.map((i) => i.title)).toEqual(campaign.items.map((i) => i.title));
    expect(again.items.filter((i) => i.count !== null).map((i) => i.title)).toEqual([ITEM_KEYS.学习]);
  });

  it('says a submission has nothing readable, and shows no passages for it', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '只有照片的单位', sectorId: 6 });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '只有照片的单位.zip'), writeZip([{ name: '照片.png', data: makePng(3, 3) }]));
    const imported = await t.call('intake.import', { files: localFiles([dir]) });
    const evidence = await t.call('reviews.evidence', { submissionId: imported.sources[0]!.submission_id! });
    expect(evidence.readable).toBe(false);
    expect(evidence.summary).toBeNull();
    expect(evidence.items.every((i) => i.passages.length === 0 && i.count === null)).toBe(true);
  });

  it("uses the office's edited 证据词, copies them with the campaign, and gives a new item its title's words", async () => {
    const t = openTestCore();
    const ids = await importSet(t);
    const campaign = (await t.call('campaigns.current'))!;
    const study = campaign.items.find((i) => i.title === ITEM_KEYS.学习)!;
    expect(study.evidenceWords).toContain('青年夜校');
    // The office's words now name only a thing the bank's summary says once, in its 对标 sentence.
    const { id: _id, items, ...fields } = campaign;
    const edited = items.map(({ position: _p, ...i }) =>
      i.id === study.id ? { ...i, evidenceWords: ['标杆网点'] } : i,
    );
    const added = {
      section: '新增部分',
      title: '开展志愿清河行动',
      guidance: '清理河道垃圾',
      points: 0,
      kind: 'check' as const,
    };
    await t.call('campaigns.update', { id: campaign.id, fields: { ...fields, items: [...edited, added] } });
    const now = (await t.call('campaigns.current'))!;
    expect(now.items.find((i) => i.title === added.title)!.evidenceWords).toEqual(
      expect.arrayContaining(['河道', '垃圾']),
    );
    const evidence = await t.call('reviews.evidence', { submissionId: ids.get('bank.docx')! });
    const passages = evidence.items.find((i) => i.title === ITEM_KEYS.学习)!.passages;
    // The office's word leads; the title's own words (学习, 专题) still count, for less.
    expect(passages[0]!.words).toEqual(['标杆网点']);
    expect(passages[0]!.text).toContain('对照省分行标杆网点');
    const copy = await t.call('campaigns.copy', { fromId: campaign.id, year: 2023 });
    expect(copy.items.find((i) => i.title === ITEM_KEYS.学习)!.evidenceWords).toEqual(['标杆网点']);
  });

  it("carries the office's 证据词 in a 评审包, so the laptop's aid finds what the office's does", async () => {
    const office = openTestCore();
    const ids = await importSet(office);
    const wang = await office.call('reviewers.create', { name: '王老师' });
    const bank = ids.get('bank.docx')!;
    await office.call('reviews.assign', { request: { mode: 'hand', submissionIds: [bank], reviewerIds: [wang.id] } });
    const campaign = (await office.call('campaigns.current'))!;
    const { id: _id, items, ...fields } = campaign;
    const edited = items.map(({ position: _p, ...i }, n) => (n === 0 ? { ...i, evidenceWords: ['标杆网点'] } : i));
    await office.call('campaigns.update', { id: campaign.id, fields: { ...fields, items: edited } });
    const pkg = path.join(tempDir(), '评审包.deskpkg');
    await office.saveTo('reviews.exportPackage', { reviewer: wang.id }, pkg);

    const laptop = openTestCore();
    await laptop.call('reviews.openPackage', { file: { path: pkg } });
    expect((await laptop.call('campaigns.current'))!.items[0]!.evidenceWords).toEqual(['标杆网点']);
    const [opened] = await laptop.call('submissions.list', {});
    const evidence = await laptop.call('reviews.evidence', { submissionId: opened!.id });
    expect(evidence.items[0]!.passages[0]!.words).toEqual(['标杆网点']);
    // The title's own words (专题, 学习) still find the study sentence, second, and its count.
    expect(evidence.items[0]!.passages[1]!.text).toContain('七期');
    expect(evidence.items[0]!.count).toBe(7);
  });

  it('a reviewer sees evidence for their own queue only', async () => {
    const t = openTestCore();
    const ids = await importSet(t);
    const wang = await t.call('reviewers.create', { name: '王老师' });
    const bank = ids.get('bank.docx')!;
    await t.call('reviews.assign', { request: { mode: 'hand', submissionIds: [bank], reviewerIds: [wang.id] } });
    const session = await reviewerSession(t, wang.id);
    const own = await t.core.invoke('reviews.evidence', { submissionId: bank }, session);
    expect(own.ok).toBe(true);
    const other = await t.core.invoke('reviews.evidence', { submissionId: ids.get('bus.docx')! }, session);
    expect(other.ok ? 'in' : other.error.code).toBe('forbidden');
  });

  it('fills the lists of a checklist written before 证据词 existed, once, and keeps an office list', async () => {
    const t = openTestCore();
    const dataDir = t.dataDir;
    t.core.close();
    const db = new Database(path.join(dataDir, 'desk.sqlite'));
    db.prepare(`UPDATE checklist_items SET evidence_words = '[]'`).run();
    db.prepare(`UPDATE checklist_items SET evidence_words = '["自己的词"]' WHERE position = 1`).run();
    db.close();
    const reopened = openTestCore(dataDir);
    const items = (await reopened.call('campaigns.current'))!.items;
    expect(items[0]!.evidenceWords).toContain('青年夜校');
    expect(items[1]!.evidenceWords).toEqual(['自己的词']);
  });
});

describe('counts and passages', () => {
  it('reads the counts offices write, Chinese and Arabic, and not ordinals or look-alike words', () => {
    expect([numberOf('六'), numberOf('十二'), numberOf('二十'), numberOf('二十三'), numberOf('两')]).toEqual([
      6, 12, 20, 23, 2,
    ]);
    const count = (s: string) => countIn([s])?.count ?? null;
    expect(count('支部组织了六期主题学习')).toBe(6);
    expect(count('全年共开课七期')).toBe(7);
    expect(count('全年学习 5 次')).toBe(5);
    expect(count('先后学习九次')).toBe(9);
    expect(count('累计开展20余场')).toBe(20);
    expect(count('举办第三期青年夜校，学习期间气氛热烈')).toBeNull();
    expect(count('讲话精神在次日传达')).toBeNull();
    // A total wins over one session's part of it.
    expect(countIn(['每季度开展一次专题学习', '全年共学习四次'])).toEqual({ count: 4, text: '全年共学习四次' });
  });

  it('cuts a run-on paragraph into passages of at most 200 characters', () => {
    const long = '我们开展了学习，'.repeat(60);
    const passages = passagesOf(long);
    expect(passages.length).toBeGreaterThan(2);
    expect(Math.max(...passages.map((p) => p.length))).toBeLessThanOrEqual(200);
  });

  it('says nothing was found rather than showing a weak match', () => {
    const items = [
      { itemId: 1, title: '深化理论研究', guidance: '围绕二十大精神开展理论研讨', kind: 'check', words: [] },
    ];
    const [found] = evidenceFor('今年我们认真组织了各项活动。群众满意度很高。', items);
    expect(found!.passages).toEqual([]);
  });
});
