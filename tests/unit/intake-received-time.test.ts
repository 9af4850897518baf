import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newUploadPath } from '../../src-main/core/transfer/uploads';
import { makeDocx, makePng } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, OFFICE, PAGE } from './helpers';

/** Files saved from a mail client keep the time they were written; that, not the import, is when they came. */
describe('received time of loose attachments', () => {
  it('is the newest file modification time from disk, shown as such, so materials saved after the deadline are not all 逾期', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委' });
    const dir = path.join(tempDir(), '柳州市第一中学团委');
    fs.mkdirSync(dir);
    const files = [
      ['工作总结.docx', makeDocx('总结')],
      ...[1, 2, 3].map((i) => [`照片${i}.png`, makePng(10 + i, 10)]),
    ] as Array<[string, Buffer]>;
    for (const [i, [name, data]] of files.entries()) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, data);
      const when = new Date(`2022-10-2${i}T10:00:00+08:00`);
      fs.utimesSync(file, when, when);
    }
    const report = (await t.call('intake.import', { files: localFiles(files.map(([name]) => path.join(dir, name))) }))
      .sources[0]!;
    expect(report).toMatchObject({ received_from: 'file', received_at: '2022-10-23T02:00:00.000Z', late: false });
  });

  it('is File.lastModified for an upload (browser mode); an implausible time is ignored and the import time used', async () => {
    const t = openTestCore();
    const upload = (name: string, data: Buffer, modifiedAt?: string) => {
      const slot = newUploadPath(t.dataDir);
      fs.writeFileSync(slot.file, data);
      return { upload: slot.id, name, ...(modifiedAt ? { modifiedAt } : {}) };
    };
    const seen = await t.core.invoke(
      'intake.import',
      { files: [upload('总结.docx', makeDocx('a'), '2022-10-30T01:00:00.000Z')] },
      PAGE,
    );
    expect(seen).toMatchObject({
      ok: true,
      value: { sources: [{ received_from: 'file', received_at: '2022-10-30T01:00:00.000Z', late: false }] },
    });
    const future = await t.core.invoke(
      'intake.import',
      { files: [upload('总结2.docx', makeDocx('b'), '2099-01-01T00:00:00.000Z')] },
      PAGE,
    );
    expect(future).toMatchObject({ ok: true, value: { sources: [{ received_from: 'import' }] } });
  });

  it('can be corrected by the office with a reason: lateness follows, the old and new times and the reason are kept', async () => {
    const t = openTestCore();
    const [report] = (
      await t.call('intake.import', {
        files: localFiles([path.join(tempDir(), 'x')].map((f) => (fs.writeFileSync(f, makeDocx('x')), f))),
      })
    ).sources;
    const id = report!.submission_id!;
    const refused = await t.core.invoke(
      'submissions.setReceivedAt',
      {
        submissionId: id,
        receivedAt: '2022-11-02T02:00:00.000Z',
        reason: '',
      },
      OFFICE,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const late = await t.call('submissions.setReceivedAt', {
      submissionId: id,
      receivedAt: '2022-11-02T02:00:00.000Z',
      reason: '邮件 11 月 2 日才到',
    });
    expect(late).toMatchObject({ late: true, receivedFrom: 'manual' });
    await t.call('submissions.setReceivedAt', {
      submissionId: id,
      receivedAt: '2022-10-31T10:00:00.000Z',
      reason: '经核实 10 月 31 日已发出',
    });
    const shown = await t.call('submissions.get', { id });
    expect(shown).toMatchObject({ late: false, receivedAt: '2022-10-31T10:00:00.000Z' });
    expect(shown.history.map((h) => [h.before, h.after, h.reason])).toEqual([
      [report!.received_at, '2022-11-02T02:00:00.000Z', '邮件 11 月 2 日才到'],
      ['2022-11-02T02:00:00.000Z', '2022-10-31T10:00:00.000Z', '经核实 10 月 31 日已发出'],
    ]);
  });
});
