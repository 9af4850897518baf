import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeRosterRows, rosterXlsx } from '../support/rosterSheets';
import { asFile, openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';

describe('the exported roster in a real spreadsheet program', () => {
  it.skipIf(!needs('soffice'))(
    'opens in LibreOffice Calc with every unit and the Chinese text intact',
    async () => {
      const { call, saveTo } = openTestCore();
      await call('units.importApply', {
        file: asFile('in.xlsx', await rosterXlsx(makeRosterRows(120), { mergeSectors: true })),
      });
      const dir = tempDir();
      const xlsx = path.join(dir, 'roster.xlsx');
      await saveTo('units.export', {}, xlsx);
      // 44,34,76: comma-separated, double quotes, UTF-8.
      execFileSync(
        'soffice',
        [
          '--headless',
          `-env:UserInstallation=file://${dir}/lo-profile`,
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76',
          '--outdir',
          dir,
          xlsx,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      const lines = fs.readFileSync(path.join(dir, 'roster.csv'), 'utf8').trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/^青年文明号集体名册/);
      expect(lines[1]).toBe('序号,集体名称,系统,级别,命名年份,状态,联系人,联系电话,电子邮箱,别名,备注');
      expect(lines).toHaveLength(122);
      const units = await call('units.list');
      expect(lines[2]).toBe(
        [
          '1',
          units[0]!.name,
          units[0]!.sectorName,
          units[0]!.level,
          String(units[0]!.yearNamed),
          '在册',
          units[0]!.contact,
          units[0]!.phone,
          units[0]!.email,
          units[0]!.aliases.join('；'),
          '',
        ].join(','),
      );
    },
    180_000,
  );
});
