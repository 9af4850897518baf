import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writerDocument } from '../support/wordDoc';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

const A = '柳州市第一中学团委';
const B = '柳州市第二中学团委';

async function office(): Promise<{ t: TestCore; a: number; b: number; dir: string }> {
  const t = openTestCore();
  const a = (await t.call('units.create', { name: A, sectorId: await sectorOf(t, '金融团工委') })).id;
  const b = (await t.call('units.create', { name: B, sectorId: await sectorOf(t, '金融团工委') })).id;
  return { t, a, b, dir: tempDir() };
}

/** A ZIP named after a unit: a summary and `photos` photos, `seed` keeping each set distinct. */
async function send(t: TestCore, dir: string, name: string, seed: number, photos = 3): Promise<number> {
  const file = path.join(dir, `${name}-${seed}.zip`);
  fs.writeFileSync(
    file,
    writeZip([
      { name: '工作总结.docx', data: makeDocx(`${name}${seed}`) },
      ...Array.from({ length: photos }, (_, i) => ({
        name: `照片${i + 1}.png`,
        data: makePng(10 + seed * 10 + i, 10),
      })),
    ]),
  );
  const [report] = (await t.call('intake.import', { files: localFiles([file]) })).sources;
  return report!.submission_id!;
}

const current = async (t: TestCore, unitId: number) =>
  (await t.call('submissions.list', { unitId, currentOnly: true })).map((s) => s.id);

describe('corrections on a submission', () => {
  it('moves a submission to another unit with a reason: both units’ current versions follow, the history names both', async () => {
    const { t, a, b, dir } = await office();
    const first = await send(t, dir, A, 1);
    const second = await send(t, dir, A, 2);
    expect(await current(t, a)).toEqual([second]);
    const refused = await t.callRaw('submissions.move', { submissionId: second, unitId: b, reason: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const moved = await t.call('submissions.move', {
      submissionId: second,
      unitId: b,
      reason: '实为二中的材料，误发到一中的邮箱',
    });
    expect(moved.submission).toMatchObject({ unitId: b, unitName: B, isCurrent: true, version: 1 });
    expect(await current(t, a)).toEqual([first]);
    expect(await current(t, b)).toEqual([second]);
    const detail = await t.call('submissions.get', { id: second });
    expect(detail.history.at(-1)).toMatchObject({
      action: 'unit',
      before: A,
      after: B,
      reason: '实为二中的材料，误发到一中的邮箱',
    });
    expect((await t.call('app.overview')).intake!.submitted).toBe(2);
  });

  it('sets a file’s kind: completeness is judged again at once, and each change is kept', async () => {
    const { t, dir } = await office();
    const id = await send(t, dir, A, 1);
    const docx = (await t.call('submissions.get', { id })).files.find((f) => f.kind === 'summary')!;
    const wrong = await t.call('submissions.setFileKind', { fileId: docx.id, kind: 'other' });
    expect(wrong).toMatchObject({ completeness: 'incomplete', problems: [{ code: 'missing-summary' }] });
    expect((await t.call('app.overview')).intake!.incomplete).toBe(1);
    const photo = wrong.files.find((f) => f.kind === 'photo')!;
    await t.call('submissions.setFileKind', { fileId: photo.id, kind: 'summary', reason: '扫描版总结' });
    const back = await t.call('submissions.get', { id });
    // A summary, but two photos now: too few.
    expect(back.problems).toEqual([{ code: 'too-few-photos', message: '照片 2 张，少于要求的 3 张' }]);
    await t.call('submissions.setFileKind', { fileId: photo.id, kind: 'photo' });
    await t.call('submissions.setFileKind', { fileId: docx.id, kind: 'summary' });
    const fixed = await t.call('submissions.get', { id });
    expect(fixed).toMatchObject({ completeness: 'complete', problems: [] });
    expect(fixed.history.map((h) => [h.action, h.before, h.after])).toEqual([
      ['file-kind', '工作总结.docx：工作总结', '工作总结.docx：其他文件'],
      ['file-kind', '照片1.png：照片', '照片1.png：工作总结'],
      ['file-kind', '照片1.png：工作总结', '照片1.png：照片'],
      ['file-kind', '工作总结.docx：其他文件', '工作总结.docx：工作总结'],
    ]);
    expect((await t.callRaw('submissions.setFileKind', { fileId: docx.id, kind: 'video' })).ok).toBe(false);
  });

  it('deletes a submission (out of every list and count, the older version current again) and restores it', async () => {
    const { t, a, dir } = await office();
    const first = await send(t, dir, A, 1);
    const second = await send(t, dir, A, 2, 1); // incomplete: one photo
    expect((await t.call('app.overview')).intake).toMatchObject({ submitted: 1, incomplete: 1 });
    expect((await t.callRaw('submissions.delete', { submissionId: second, reason: '' })).ok).toBe(false);

    await t.call('submissions.delete', { submissionId: second, reason: '单位说第二次发错了' });
    expect((await t.call('submissions.list', { unitId: a })).map((s) => s.id)).toEqual([first]);
    expect(await current(t, a)).toEqual([first]);
    expect((await t.call('submissions.page', { offset: 0, limit: 50 })).total).toBe(1);
    expect((await t.call('submissions.list', { deleted: true })).map((s) => s.id)).toEqual([second]);
    expect((await t.call('app.overview')).intake).toMatchObject({ submitted: 1, incomplete: 0 });
    const corrected = await t.callRaw('submissions.setReceivedAt', {
      submissionId: second,
      receivedAt: '2022-10-01T00:00:00.000Z',
      reason: '核实时间',
    });
    expect(corrected).toMatchObject({ ok: false, error: { code: 'submission-deleted' } });

    // Every version deleted: the unit has none, and 数据检查 does not call that a fault.
    await t.call('submissions.delete', { submissionId: first, reason: '测试邮件' });
    expect(await current(t, a)).toEqual([]);
    expect((await t.call('app.overview')).intake!.submitted).toBe(0);
    const doctor = await t.call('data.check', {});
    expect(doctor.checks.find((c) => c.id === 'current-versions')).toMatchObject({ count: 0 });

    await t.call('submissions.restore', { submissionId: second });
    await t.call('submissions.restore', { submissionId: first });
    expect(await current(t, a)).toEqual([second]);
    expect(await t.call('submissions.list', { deleted: true })).toEqual([]);
    const history = (await t.call('submissions.get', { id: second })).history;
    expect(history.map((h) => h.action)).toEqual(['deleted', 'restored']);
    expect(history[0]!.reason).toBe('单位说第二次发错了');
  });

  it('names a duplicate by its unit and received time, and receives again what was deleted', async () => {
    const { t, dir } = await office();
    const id = await send(t, dir, A, 1);
    const received = (await t.call('submissions.get', { id })).receivedAt;
    const file = path.join(dir, `${A}-1.zip`);
    const [again] = (await t.call('intake.import', { files: localFiles([file]) })).sources;
    const shown = new Date(Date.parse(received) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(again).toMatchObject({
      status: 'duplicate',
      message: `与已收到的“${A}”材料（${shown} 收到）完全相同，未重复保存。`,
    });
    await t.call('submissions.delete', { submissionId: id, reason: '重新收取' });
    const [fresh] = (await t.call('intake.import', { files: localFiles([file]) })).sources;
    expect(fresh).toMatchObject({ status: 'imported' });
  });

  it.skipIf(!needs('7zz', 'soffice'))(
    'corrects the kind of a LibreOffice .docx inside a ZIP that 7-Zip wrote, and back',
    async () => {
      const { t, dir } = await office();
      const folder = path.join(dir, A);
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, '2022年度工作总结.docx'), writerDocument('全年开展组织化学习五次。', 'docx')!);
      for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(folder, `活动照片${i + 1}.png`), makePng(30 + i, 12));
      const zip = path.join(dir, `${A}.zip`);
      expect(spawnSync('7zz', ['a', '-tzip', '-mcu=on', zip, folder], { encoding: 'utf8' }).status).toBe(0);
      const [report] = (await t.call('intake.import', { files: localFiles([zip]) })).sources;
      expect(report).toMatchObject({ status: 'imported', completeness: 'complete' });
      const docx = (await t.call('submissions.get', { id: report!.submission_id! })).files.find(
        (f) => f.name === '2022年度工作总结.docx',
      )!;
      expect(docx.kind).toBe('summary');
      expect(
        await t.call('submissions.setFileKind', { fileId: docx.id, kind: 'other', reason: '附件是往年的' }),
      ).toMatchObject({ completeness: 'incomplete', problems: [{ code: 'missing-summary' }] });
      expect(await t.call('submissions.setFileKind', { fileId: docx.id, kind: 'summary' })).toMatchObject({
        completeness: 'complete',
        problems: [],
      });
    },
    180_000,
  );
});
