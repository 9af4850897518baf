import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { honorsPdf } from '../../src-main/core/export/honorsPdf';
import { tempDir } from './helpers';
import { needs } from '../support/tools';

/** The commendation list's pages as pdftotext reads them. */
async function pages(names: number, sectors: number): Promise<string[][]> {
  const per = Math.ceil(names / sectors);
  const groups = Array.from({ length: sectors }, (_, g) => ({
    sector: `第${g + 1}系统团工委`,
    names: Array.from(
      { length: Math.min(per, names - g * per) },
      (_, i) => `柳州市第${g + 1}系统第${i + 1}号青年文明号集体`,
    ),
  })).filter((g) => g.names.length);
  const file = path.join(tempDir(), 'honors.pdf');
  fs.writeFileSync(
    file,
    await honorsPdf({
      title: '关于表彰2022年度柳州市青年文明号集体的决定',
      issuer: '柳州市创建青年文明号活动组委会',
      date: '2022-12-20',
      unranked: true,
      groups,
    }),
  );
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^— \d+ —$/.test(l)),
    )
    .filter((p) => p.length);
}

describe.skipIf(!needs('poppler'))('the commendation list on paper (#25 item 6; read back by pdftotext)', () => {
  it('keeps the 落款 and the 成文日期 on one page and never leaves a sector heading at the foot of a page', async () => {
    let checked = 0;
    for (let names = 14; names <= 40; names += 1) {
      const doc = await pages(names, 3);
      const issuerPage = doc.findIndex((p) => p.includes('柳州市创建青年文明号活动组委会'));
      const datePage = doc.findIndex((p) => p.includes('2022年12月20日'));
      expect([names, issuerPage]).toEqual([names, datePage]);
      for (const page of doc.slice(0, -1))
        expect([names, page.at(-1)]).not.toEqual([names, expect.stringMatching(/^[一二三四五六七八九十]+、.*个）$/)]);
      checked++;
    }
    expect(checked).toBe(27);
  }, 120_000);
});
