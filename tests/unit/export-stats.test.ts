import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import Papa from 'papaparse';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles } from './helpers';
import { chinaDay } from '../../src-main/common/chinaTime';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

async function office(t: TestCore) {
  const dir = tempDir();
  // 金融 (sector 6): three units; 教育 (sector 8): two units, one 撤销 (not counted).
  const plan: Array<[string, number, 'ontime' | 'late' | 'incomplete' | 'none', string?]> = [
    ['柳州银行营业部', 6, 'ontime'],
    ['柳州银行鱼峰支行营业部', 6, 'late'],
    ['桂林银行柳州分行营业部', 6, 'none'],
    ['柳州市第一中学团委', 8, 'incomplete'],
    ['柳州市第二中学团委', 8, 'none', 'revoked'],
  ];
  for (const [name, sectorId, kind, status] of plan) {
    await t.call('units.create', {
      name,
      sectorId,
      contact: '联系人',
      phone: '13800138000',
      email: 'a@b.cn',
      ...(status ? { status: status as 'revoked' } : {}),
    });
    if (kind === 'none') continue;
    const when = new Date(kind === 'late' ? '2022-11-02T10:00:00+08:00' : '2022-10-20T10:00:00+08:00');
    const photos = kind === 'incomplete' ? 1 : 3;
    fs.writeFileSync(
      path.join(dir, `${name}.zip`),
      writeZip([
        { name: '总结.docx', data: makeDocx(name), modified: when },
        ...Array.from({ length: photos }, (_, i) => ({
          name: `照片${i}.png`,
          data: makePng(name.length * 9 + i, 8),
          modified: when,
        })),
      ]),
    );
  }
  await t.call('intake.import', { files: localFiles([dir]) });
  const a = await t.call('reviewers.create', { name: 'A' });
  const b = await t.call('reviewers.create', { name: 'B' });
  const campaign = (await t.call('campaigns.current'))!;
  const subs = await t.call('submissions.list', {});
  const answer = (done: number) => {
    let left = done;
    return Object.fromEntries(
      campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 4 } : { done: left-- > 0 }]),
    );
  };
  const bank = subs.find((s) => s.unitName === '柳州银行营业部')!;
  const late = subs.find((s) => s.unitName === '柳州银行鱼峰支行营业部')!;
  await t.call('reviews.save', { submissionId: bank.id, reviewerId: a.id, answers: answer(11), status: 'submitted' }); // 100
  await t.call('reviews.save', { submissionId: bank.id, reviewerId: b.id, answers: answer(10), status: 'submitted' }); // 92
  await t.call('reviews.save', { submissionId: late.id, reviewerId: a.id, answers: answer(4), status: 'submitted' }); // 43
  await t.call('reviews.decide', { submissionId: bank.id, basis: 'mean' });
  return { campaign };
}

describe('statistics workbook', () => {
  it('matches the database: per-sector counts, a 合计 row that adds up, details, activities and the missing list', async () => {
    const t = openTestCore();
    const { campaign } = await office(t);
    const out = path.join(tempDir(), '统计表.xlsx');
    const result = await t.saveTo('export.stats', {}, out);
    expect(result).toMatchObject({ units: 4, submitted: 3 });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '汇总',
      '明细',
      '活动开展情况',
      '与上年对比',
      '未报送名单',
      '明细（无合并单元格）',
    ]);

    const summary = book.getWorksheet('汇总')!;
    expect(summary.getCell('A1').value).toBe('2022年度柳州市青年文明号集体工作情况统计表');
    expect(summary.getCell('A1').isMerged).toBe(true);
    expect(summary.getCell('C3').value).toBe('报送情况');
    expect(summary.getCell('C4').value).toBe('已报送');
    // A 合计 cell is checked by evaluating its own SUM over the rows above, not by trusting a cached value.
    const value = (cell: ExcelJS.Cell): unknown => {
      const v = cell.value;
      if (!v || typeof v !== 'object' || !('formula' in v)) return v;
      const sum = /^SUM\(([A-Z]+)(\d+):[A-Z]+(\d+)\)$/.exec(String(v.formula ?? ''));
      if (sum) {
        let total = 0;
        for (let r = Number(sum[2]); r <= Number(sum[3]); r++)
          total += Number(value(summary.getCell(`${sum[1] ?? ''}${r}`)) ?? 0);
        expect(v.result ?? 0).toBe(total);
        return total;
      }
      return v.result;
    };
    const row = (r: number) => Array.from({ length: 15 }, (_, i) => value(summary.getCell(r, i + 1)));
    // 系统, 集体, 已报送, 按时, 逾期, 未报送, 报送率, 齐全, 不齐全, 已评审, 平均分, 优秀, 良好, 合格, 不合格
    expect(row(5)).toEqual(['金融团工委', 3, 2, 1, 1, 1, 2 / 3, 2, 0, 2, 69.5, 1, 0, 0, 1]);
    expect(row(6)).toEqual(['教育团工委', 1, 1, 1, 0, 0, 1, 0, 1, 0, null, 0, 0, 0, 0]);
    expect(row(7)).toEqual(['合计', 4, 3, 2, 1, 1, 0.75, 2, 1, 2, 69.5, 1, 0, 0, 1]);
    expect((summary.getCell('C7').value as { formula: string }).formula).toBe('SUM(C5:C6)');
    expect(summary.getCell('G5').numFmt).toBe('0.0%');
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(summary.pageSetup).toMatchObject({
      orientation: 'landscape',
      paperSize: 9,
      fitToWidth: 1,
      printTitlesRow: '3:4',
    });

    const detail = book.getWorksheet('明细')!;
    const headers = (detail.getRow(3).values as unknown[]).slice(1);
    expect(headers.slice(0, 9)).toEqual([
      '序号',
      '集体名称',
      '系统',
      '级别',
      '收到时间',
      '是否逾期',
      '工作总结',
      '照片数',
      '材料',
    ]);
    const bankRow = (detail.getRow(4).values as unknown[]).slice(1);
    expect(bankRow.slice(0, 2)).toEqual([1, '柳州银行营业部']);
    expect(bankRow[4]).toBeInstanceOf(Date);
    // Sent at 10:00 in Liuzhou: the cell reads 10:00 (a cell has no zone), not UTC's 02:00.
    expect((bankRow[4] as Date).toISOString()).toBe('2022-10-20T10:00:00.000Z');
    // 填报日期 is today's date in China.
    const filed = (detail.getRow(2).values as unknown[]).find((v): v is Date => v instanceof Date)!;
    expect(filed.toISOString().slice(0, 10)).toBe(chinaDay());
    expect(bankRow.slice(5, 9)).toEqual(['按时', '有', 3, '齐全']);
    const at = (header: string) => bankRow[headers.indexOf(header)];
    expect([at('各评审人得分'), at('平均分'), at('等次')]).toEqual(['A 100；B 92', 96, '优秀']);
    expect(at('典型做法') ?? '').toBe('');

    const activity = book.getWorksheet('活动开展情况')!;
    // Item 1 (组织化学习, 4 sessions): both reviewed banks did it; item 11 by the bank only; item 12 by one of its two
    // reviewers, so not by the majority.
    // The 合计 column is a SUM formula; a zero total has no cached result.
    const activityRow = (r: number) =>
      (activity.getRow(r).values as unknown[])
        .slice(1)
        .map((v) => (v && typeof v === 'object' && 'formula' in v ? ((v as { result?: unknown }).result ?? 0) : v));
    expect(activityRow(4)).toEqual([1, `${campaign.items[0]!.section}：${campaign.items[0]!.title}`, 2, 0, 2]);
    expect(activityRow(14)).toEqual([11, `${campaign.items[10]!.section}：${campaign.items[10]!.title}`, 1, 0, 1]);
    expect(activityRow(15)).toEqual([12, `${campaign.items[11]!.section}：${campaign.items[11]!.title}`, 0, 0, 0]);

    const missing = book.getWorksheet('未报送名单')!;
    expect((missing.getRow(4).values as unknown[]).slice(1)).toEqual([
      1,
      '桂林银行柳州分行营业部',
      '金融团工委',
      '联系人',
      '13800138000',
      'a@b.cn',
    ]);
    expect(missing.rowCount).toBe(4);

    const flat = book.getWorksheet('明细（无合并单元格）')!;
    expect(flat.getCell('A1').value).toBe('序号');
    expect(Object.keys((flat as unknown as { _merges: object })._merges)).toEqual([]);
    expect(fs.readdirSync(path.dirname(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it.skipIf(!needs('soffice'))(
    'opens in LibreOffice Calc with the same totals',
    async () => {
      const t = openTestCore();
      await office(t);
      const dir = tempDir();
      const out = path.join(dir, 'stats.xlsx');
      await t.saveTo('export.stats', {}, out);
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/lo-profile`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76',
          '--outdir',
          dir,
          out,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const lines = fs.readFileSync(path.join(dir, 'stats.csv'), 'utf8').trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^2022年度柳州市青年文明号集体工作情况统计表/);
      expect(lines[6]).toBe('合计,4,3,2,1,1,75.0%,2,1,2,69.5,1,0,0,1');
    },
    180_000,
  );
});

describe('CSV exports', () => {
  it('are UTF-8 with a BOM, one row per record, and read back as the same Chinese text', async () => {
    const t = openTestCore();
    await office(t);
    const dir = tempDir();
    for (const [kind, rows, first] of [
      ['roster', 5, '序号,集体名称,系统'],
      ['stats', 4, '序号,集体名称,系统'],
      ['reviews', 3, '评审编号,集体名称,评审人'],
    ] as const) {
      const file = path.join(dir, `${kind}.csv`);
      expect(await t.saveTo('export.csv', { kind }, file)).toMatchObject({ rows });
      const bytes = fs.readFileSync(file);
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').trim().split('\r\n');
      expect(lines[0]!.startsWith(first)).toBe(true);
      expect(lines).toHaveLength(rows + 1);
    }
    const stats = fs.readFileSync(path.join(dir, 'stats.csv'), 'utf8');
    expect(stats).toContain('柳州银行营业部,金融团工委,,2022-10-20 10:00,按时,有,3,齐全');
  });

  it('never carry a live formula: text starting with = + - @ is written as text', async () => {
    const t = openTestCore();
    await t.call('units.create', {
      name: '=HYPERLINK("http://evil.example","点此领奖")',
      contact: '+1+cmd|/c calc',
      notes: '@SUM(1,2)',
    });
    await t.call('units.create', { name: '-2+3 青年突击队', phone: '0772-2827423' });
    const file = path.join(tempDir(), 'roster.csv');
    await t.saveTo('export.csv', { kind: 'roster' }, file);
    const rows = Papa.parse<string[]>(fs.readFileSync(file, 'utf8').slice(1), { skipEmptyLines: true }).data;
    const cells = rows.slice(1).flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example","点此领奖")`);
    expect(cells).toContain("'+1+cmd|/c calc");
    expect(cells).toContain("'@SUM(1,2)");
    expect(cells).toContain("'-2+3 青年突击队");
    expect(cells).toContain('0772-2827423');
    expect(cells.filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});

describe('the statistics workbook on paper', () => {
  it.skipIf(!needs('soffice'))(
    'prints from LibreOffice: no ###, whole headers, 明细 on A3 landscape, 平均分 unrounded beside the final score',
    async () => {
      const t = openTestCore();
      const { campaign } = await office(t);
      const longName = '柳州市城中区人民政府公园街道办事处社区综合服务中心青年志愿服务队';
      await t.call('units.create', { name: longName, sectorId: await sectorOf(t, '金融团工委') });
      const subs = await t.call('submissions.list', {});
      const late = subs.find((s) => s.unitName === '柳州银行鱼峰支行营业部')!;
      const b = (await t.call('reviewers.list')).find((r) => r.name === 'B')!;
      const all = Object.fromEntries(
        campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 4 } : { done: true }]),
      );
      await t.call('reviews.save', { submissionId: late.id, reviewerId: b.id, answers: all, status: 'submitted' }); // 100: mean (43 + 100) / 2 = 71.5
      await t.call('reviews.decide', {
        submissionId: late.id,
        basis: 'override',
        verdict: '合格',
        score: 72,
        reason: '组委会讨论',
      });

      const dir = tempDir();
      const out = path.join(dir, 'stats.xlsx');
      await t.saveTo('export.stats', {}, out);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const detail = book.getWorksheet('明细')!;
      const headers = (detail.getRow(3).values as unknown[]).slice(1) as string[];
      const lateRow = (detail.getRow(5).values as unknown[]).slice(1);
      expect([
        lateRow[headers.indexOf('平均分')],
        lateRow[headers.indexOf('最终得分')],
        lateRow[headers.indexOf('等次')],
      ]).toEqual([71.5, 72, '合格']);
      // Sector means over the one final score 表彰 and 概览 use: the 改判's 72, not the mean 71.5: (96 + 72) / 2.
      expect(book.getWorksheet('汇总')!.getCell('K5').value).toBe(84);
      expect(detail.pageSetup).toMatchObject({ paperSize: 8, orientation: 'landscape' });
      const longRow = detail.getRows(4, 10)!.find((r) => r.getCell(2).value === longName)!;
      expect(longRow.height).toBeGreaterThanOrEqual(35); // two lines of 宋体 11
      expect(detail.getRow(3).height).toBeGreaterThanOrEqual(50); // checklist titles wrapped, not cut

      execFileSync(
        'soffice',
        ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--convert-to', 'pdf', '--outdir', dir, out],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const pdf = path.join(dir, 'stats.pdf');
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
      const textOf = (p: number) =>
        execFileSync('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'], { encoding: 'utf8' });
      const texts = Array.from({ length: pages }, (_, i) => textOf(i + 1));
      expect(texts.join('\n')).not.toContain('###');
      const firstPage = (title: string) => texts.findIndex((text) => text.replace(/\s+/g, '').includes(title)) + 1;
      const sheets = {
        汇总: firstPage('工作情况统计表'),
        明细: firstPage('工作情况明细表'),
        活动开展情况: firstPage('活动开展情况统计表'),
        未报送名单: firstPage('未报送材料名单'),
      };
      expect(Object.values(sheets).every((p) => p > 0)).toBe(true);
      // Page 1 of each sheet kept as a picture, to look at (test-results/print/).
      const keep = path.resolve(__dirname, '../../test-results/print');
      fs.mkdirSync(keep, { recursive: true });
      for (const [name, page] of Object.entries(sheets))
        execFileSync('pdftoppm', [
          '-f',
          String(page),
          '-l',
          String(page),
          '-r',
          '70',
          '-png',
          '-singlefile',
          pdf,
          path.join(keep, `stats-${name}`),
        ]);

      const [y, m, d] = chinaDay().split('-').map(Number);
      expect(texts[sheets.汇总 - 1]!.replace(/\s+/g, '')).toContain(`填报日期：${y}年${m}月${d}日`);
      expect(texts[sheets.汇总 - 1]).toMatch(/\b84\b/);
      const detailText = texts[sheets.明细 - 1]!;
      expect(detailText).toContain('71.5');
      expect(detailText).toContain('72');
      const flatDetail = detailText.replace(/\s+/g, '');
      for (const title of [
        '最终得分',
        ...campaign.items
          .filter((i) => i.kind !== 'veto')
          .slice(0, 3)
          .map((i) => i.title.slice(0, 4)),
      ])
        expect(flatDetail).toContain(title);
      // A3 landscape: 420 × 297 mm is 1191 × 842 pt.
      const size = /Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+)/.exec(
        execFileSync('pdfinfo', ['-f', String(sheets.明细), '-l', String(sheets.明细), pdf], { encoding: 'utf8' }),
      )!;
      expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([1191, 842]);
    },
    180_000,
  );
});
