import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { seedYear } from '../support/seedYear';
import { openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';

beforeAll(() => ensureBuilt(), 120_000);

interface Expected {
  units: number;
  submitted: number;
  onTime: number;
  mean: number | null;
  honors: number;
}

/** The figures straight from the file, by SQL written for this test: what 与上年对比 must show. */
function fromDatabase(dbFile: string, year: number): Map<string, Expected> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare(
        `WITH c AS (SELECT id FROM campaigns WHERE year = ?),
         cur AS (SELECT s.id, s.unit_id, s.late FROM submissions s WHERE s.campaign_id = (SELECT id FROM c) AND s.is_current = 1 AND s.deleted_at IS NULL),
         means AS (SELECT cur.unit_id, avg(r.total) AS m FROM cur JOIN reviews r ON r.submission_id = cur.id AND r.status = 'submitted' GROUP BY cur.unit_id)
         SELECT coalesce(sec.name, '未分配系统') AS sector, count(*) AS units, count(cur.id) AS submitted, sum(cur.late = 0) AS onTime,
                round(avg(means.m), 1) AS mean, (SELECT count(*) FROM honors h JOIN units uu ON uu.id = h.unit_id WHERE h.campaign_id = (SELECT id FROM c) AND uu.sector_id IS u.sector_id AND uu.status <> 'revoked') AS honors
         FROM units u LEFT JOIN sectors sec ON sec.id = u.sector_id LEFT JOIN cur ON cur.unit_id = u.id LEFT JOIN means ON means.unit_id = u.id
         WHERE u.deleted_at IS NULL AND u.status <> 'revoked' GROUP BY u.sector_id`,
      )
      .all(year) as Array<Expected & { sector: string }>;
    return new Map(rows.map(({ sector, ...rest }) => [sector, { ...rest, onTime: rest.onTime ?? 0 }]));
  } finally {
    db.close();
  }
}

describe('与上年对比 (statistics workbook and 概览)', () => {
  it.skipIf(!needs('soffice'))(
    'compares 2022 with 2021 by sector, every figure as the database has it, and opens in LibreOffice',
    async () => {
      const dataDir = tempDir();
      seedYear(dataDir, 180, 11, [2021]);
      // Honors in both years, and a unit revoked since: not counted in either year.
      const db = new Database(path.join(dataDir, 'desk.sqlite'));
      const ids = db.prepare('SELECT id, year FROM campaigns').all() as Array<{ id: number; year: number }>;
      for (const { id, year } of ids)
        db.prepare(
          `INSERT INTO honors (campaign_id, unit_id, basis, decided_at) SELECT ?, unit_id, 'verdict', '${year}-12-01T00:00:00Z' FROM submissions WHERE campaign_id = ? AND unit_id % ? = 0`,
        ).run(id, id, year === 2022 ? 7 : 9);
      db.prepare("UPDATE units SET status = 'revoked' WHERE id = 14").run();
      db.close();

      const t = openTestCore(dataDir);
      const comparison = await t.call('dashboard.comparison', {});
      expect(comparison).toMatchObject({ year: 2022, previousYear: 2021 });
      const out = path.join(tempDir(), 'stats.xlsx');
      await t.saveTo('export.stats', {}, out);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(out);
      const sheet = book.getWorksheet('与上年对比')!;
      expect(sheet.getCell(1, 1).value).toBe('2022年度柳州市青年文明号集体工作情况与上年对比表');
      expect([sheet.getCell(4, 2).value, sheet.getCell(4, 3).value, sheet.getCell(4, 4).value]).toEqual([
        '2021年度',
        '2022年度',
        '增减',
      ]);

      const now = fromDatabase(path.join(dataDir, 'desk.sqlite'), 2022);
      const before = fromDatabase(path.join(dataDir, 'desk.sqlite'), 2021);
      // exceljs's reader leaves out a formula's cached value when it is 0 (the file has <v>0</v>).
      const value = (cell: ExcelJS.CellValue) =>
        cell && typeof cell === 'object' && 'formula' in cell ? (cell.result ?? 0) : cell;
      let checked = 0;
      for (let r = 5; sheet.getCell(r, 1).value && sheet.getCell(r, 1).value !== '合计'; r++) {
        const sector = String(sheet.getCell(r, 1).value);
        const [b, n] = [before.get(sector)!, now.get(sector)!];
        const cells = Array.from({ length: 15 }, (_, i) => value(sheet.getCell(r, 2 + i).value));
        expect(cells.slice(0, 3), `${sector} 名册集体数`).toEqual([b.units, n.units, n.units - b.units]);
        expect(cells[3] as number, `${sector} 2021 报送率`).toBeCloseTo(b.submitted / b.units, 10);
        expect(cells[4] as number, `${sector} 2022 报送率`).toBeCloseTo(n.submitted / n.units, 10);
        expect(cells[5] as number).toBeCloseTo(
          Math.round((n.submitted / n.units - b.submitted / b.units) * 1000) / 10,
          10,
        );
        expect(cells[6] as number, `${sector} 2021 按时报送率`).toBeCloseTo(b.onTime / b.units, 10);
        expect(cells[7] as number, `${sector} 2022 按时报送率`).toBeCloseTo(n.onTime / n.units, 10);
        expect(cells.slice(9, 11), `${sector} 平均分`).toEqual([b.mean, n.mean]);
        expect(cells.slice(12, 15), `${sector} 受表彰`).toEqual([b.honors, n.honors, n.honors - b.honors]);
        checked++;
      }
      expect(checked).toBe(now.size);
      // The same figures on 概览.
      const shown = comparison.rows.find((row) => row.name === [...now.keys()][0])!;
      const first = now.get(shown.name)!;
      expect(shown.current).toEqual({
        units: first.units,
        submitted: first.submitted,
        onTime: first.onTime,
        meanScore: first.mean,
        honors: first.honors,
      });
      expect(comparison.total.current.units).toBe([...now.values()].reduce((s, e) => s + e.units, 0));
      expect(comparison.total.previous!.honors).toBe([...before.values()].reduce((s, e) => s + e.honors, 0));

      {
        const dir = tempDir();
        // Every sheet as its own CSV (LibreOffice 7.2+): the comparison must read the same in Calc.
        execFileSync(
          'soffice',
          [
            '--headless',
            `-env:UserInstallation=file://${dir}/lo-profile`,
            '--convert-to',
            'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1',
            '--outdir',
            dir,
            out,
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const csv = fs.readdirSync(dir).find((f) => f.includes('与上年对比'));
        expect(csv, fs.readdirSync(dir).join(', ')).toBeTruthy();
        const rows = Papa.parse<string[]>(fs.readFileSync(path.join(dir, csv!), 'utf8')).data;
        const total = rows.find((row) => row[0] === '合计')!;
        expect(Number(total[2])).toBe(comparison.total.current.units);
        expect(total[5]).toMatch(/^\d+\.\d%$/);
      }
    },
    240_000,
  );

  it('the first campaign run in the app says there is nothing to compare with', async () => {
    const dataDir = tempDir();
    seedYear(dataDir, 20, 3);
    const t = openTestCore(dataDir);
    const comparison = await t.call('dashboard.comparison', {});
    expect(comparison.previousYear).toBeNull();
    expect(comparison.rows.every((r) => r.previous === null)).toBe(true);
    const out = path.join(tempDir(), 'stats.xlsx');
    await t.saveTo('export.stats', {}, out);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('与上年对比')!;
    const texts = sheet.getColumn(1).values.map(String);
    expect(texts.some((v) => v.includes('暂无可对比的数据'))).toBe(true);
  }, 120_000);
});
