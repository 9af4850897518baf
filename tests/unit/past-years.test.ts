import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

const A = '柳州市第一中学团委';
const B = '柳州银行营业部';
const C = '柳州市人民医院急诊科';

/** The office's sheet as LibreOffice Calc saves it (.xlsx), from the CSV it was typed as. */
function officeSheet(dir: string, lines: string[]): string {
  const csv = path.join(dir, '往年情况.csv');
  fs.writeFileSync(csv, lines.join('\n'));
  execFileSync(
    'soffice',
    [
      '--headless',
      `-env:UserInstallation=file://${dir}/lo-profile`,
      '--infilter=CSV:44,34,76,1',
      '--convert-to',
      'xlsx',
      '--outdir',
      dir,
      csv,
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  return path.join(dir, '往年情况.xlsx');
}

describe('导入往年情况 (#25 item 7; a sheet LibreOffice wrote)', () => {
  it('past outcomes become history years: 动态管理 is right in the first year, unmatched units and bad rows are named', async () => {
    const t = openTestCore();
    const dir = tempDir();
    for (const name of [A, B, C]) await t.call('units.create', { name });
    // 2022 in the app: A and B send, C does not.
    for (const unit of [A, B]) {
      const zip = path.join(dir, `${unit}.zip`);
      fs.writeFileSync(
        zip,
        writeZip([
          { name: `${unit}/工作总结.docx`, data: makeDocx(unit), modified: new Date('2022-10-20T10:00:00+08:00') },
          ...[1, 2, 3].map((i) => ({
            name: `${unit}/照片${i}.png`,
            data: makePng(20 + i, unit.length),
            modified: new Date('2022-10-20T10:00:00+08:00'),
          })),
        ]),
      );
      await t.call('intake.import', { files: localFiles([zip]) });
    }
    const sheet = officeSheet(dir, [
      '年度,集体名称,报送情况,得分,等次,是否表彰',
      `2021,${A},按时,95,优秀,是`,
      `2021,${B},逾期,80,合格,否`,
      `2021,${C},未报送,,,`,
      `2020,${A},按时,90,优秀,否`,
      `2020,${B},按时,85,良好,否`,
      `2020,${C},被拒收,,,`,
      '2021,柳州市不在名册的单位,按时,88,良好,否',
      'abc,柳州市第一中学团委,按时,,,',
      `2021,${A},按期,,,`,
    ]);
    const preview = await t.call('units.importHistory', { file: { path: sheet }, apply: false });
    expect(preview).toMatchObject({ applied: false, unmatched: [{ name: '柳州市不在名册的单位' }], kept: [] });
    expect(preview.bad.map((b) => b.reason)).toEqual([
      expect.stringContaining('不是四位年份'),
      expect.stringContaining('按时、逾期、未报送 或 被拒收'),
    ]);
    expect(preview.years).toEqual([
      { year: 2020, rows: 3, onTime: 2, late: 0, missing: 0, refused: 1, honored: 0, campaign: 'new' },
      { year: 2021, rows: 3, onTime: 1, late: 1, missing: 1, refused: 0, honored: 1, campaign: 'new' },
    ]);
    expect((await t.call('campaigns.list')).map((c) => c.year)).toEqual([2022]);

    await t.call('units.importHistory', { file: { path: sheet }, apply: true });
    expect((await t.call('campaigns.list')).map((c) => [c.year, c.isCurrent])).toEqual([
      [2022, true],
      [2021, false],
      [2020, false],
    ]);
    const { flags } = await t.call('dynamics.flags', {});
    // C: 2020 被拒收, 2021 未报送, 2022 未报送 — flagged; A and B sent every year — not flagged as unreported.
    expect(flags.filter((f) => f.rule === 'missing').map((f) => f.unitName)).toEqual([C]);
    const a = await t.call('units.history', { unitId: (await t.call('units.list', { search: A }))[0]!.id });
    expect(a.years.find((y) => y.year === 2021)).toMatchObject({
      honored: true,
      current: expect.objectContaining({ verdict: '优秀', late: false }),
    });

    // Imported again: nothing doubles (each unit already has that year's record; a 未报送 writes nothing).
    const again = await t.call('units.importHistory', { file: { path: sheet }, apply: true });
    expect(again.rows.map((r) => [r.year, r.name, r.outcome])).toEqual([[2021, C, 'missing']]);
    expect(again.kept).toHaveLength(5);
    expect((await t.call('submissions.list', { campaignYear: 2020 })).length).toBe(2);
  });
});
