import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';

test('设置 → 操作记录: the user’s name goes on each change, the log filters by kind and words, and exports to Excel', async ({
  openApp,
  app,
}) => {
  const page = await openApp('#/settings');
  await page.getByRole('tab', { name: '操作记录' }).click();
  await expect(page.getByText('还没有设置：操作记录写作“办公室（未设置姓名）”。')).toBeVisible();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('请填写使用人的姓名')).toBeVisible();
  await page.getByLabel('使用人').fill('张敏');
  await page.getByLabel('使用人').press('Enter');
  await expect(page.getByText('使用人已设为“张敏”')).toBeVisible();

  // Changes made elsewhere (through browser mode, as another window would) appear here as they happen.
  const units = [];
  for (const name of ['柳州银行营业部', '柳州市人民医院急诊科', '柳州市第一中学团委'])
    units.push(await app.call<{ id: number }>('units.create', { name, sectorId: await sectorOf(app, '金融团工委') }));
  await app.call('units.remove', { ids: [units[1]!.id] });
  const table = page.getByTestId('audit-log').locator('.ant-table');
  await expect(table.locator('.ant-table-row').first()).toContainText('从名册删除 「柳州市人民医院急诊科」');
  await expect(table.locator('.ant-table-row').first()).toContainText('浏览器模式');
  await expect(page.getByText('共 5 条')).toBeVisible();

  await page.getByLabel('类别').click();
  await page.locator('.ant-select-item-option', { hasText: '名册' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByText('共 3 条')).toBeVisible();
  await page.getByLabel('搜索操作记录').fill('银行');
  await expect(page.getByText('共 1 条')).toBeVisible();
  await expect(table.locator('.ant-table-row')).toHaveCount(1);
  await expect(table.locator('.ant-table-row').first()).toContainText('张敏');
  await page.getByLabel('搜索操作记录').fill('');
  await expect(page.getByText('共 3 条')).toBeVisible();
  await saveScreenshot(page, '60-audit-log');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-audit-')), 'audit.xlsx');
  await (await download).saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.getWorksheet('操作记录')!;
  // The filter on screen is the filter of the file: the three roster entries, newest first.
  expect(sheet.rowCount).toBe(4);
  expect(sheet.getRow(2).getCell(4).value).toBe('新建集体「柳州市第一中学团委」');
  expect(sheet.getRow(4).getCell(2).value).toBe('张敏');
});
