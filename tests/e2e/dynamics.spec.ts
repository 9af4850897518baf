import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedYear } from '../support/seedYear';
import { expect, saveScreenshot, startServer, stopServer, test } from './fixtures';

test('动态管理 over three generated years: the list, a unit across three campaigns, 撤销称号 with a reason and its undo; the roster’s marks and filter', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-years-'));
  seedYear(dataDir, 240, 11, [2020, 2021]);
  const { child, info } = await startServer(dataDir);
  try {
    await page.goto(info.entryUrl);
    await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
    // 概览's 与上年对比: every sector and 合计, 2022 against 2021, with the change marked.
    const comparison = page.getByTestId('year-comparison');
    await expect(comparison).toContainText('与上年对比（2022年度 对比 2021年度）');
    await expect(comparison.locator('.ant-table-row')).toHaveCount(10);
    await expect(comparison.locator('.desk-total-row')).toContainText('240');
    await comparison.scrollIntoViewIfNeeded();
    await saveScreenshot(page, '68-overview-year-comparison');
    await page.keyboard.press('Alt+6');
    await expect(page.locator('.desk-page-header h2')).toHaveText('动态管理');
    const table = page.getByTestId('flags-table');
    await expect(table.locator('.ant-table-row').first()).toBeVisible();
    const count = Number(/共 (\d+) 项/.exec((await page.getByTestId('flags-count').innerText())!)![1]);
    expect(count).toBeGreaterThan(3);
    await saveScreenshot(page, '65-dynamics-list');

    // 建议撤销 (the gravest, listed first): 撤销称号… asks for a reason, then offers 撤销 of exactly that step.
    await expect(table.locator('.ant-table-row').first()).toContainText('建议撤销');
    const revokeRow = table.locator('.ant-table-row', { hasText: '建议撤销' }).first();
    const name = (await revokeRow.locator('a').first().innerText()).trim();
    await revokeRow.getByRole('button', { name: '撤销称号…' }).click();
    const dialog = page.locator('.ant-modal');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(dialog.getByText('请写明理由')).toBeVisible();
    await dialog.getByLabel('理由').fill('连续两年不合格，经 2022 年 12 月组委会会议研究撤销');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(page.getByText(`“${name}”已改为撤销`)).toBeVisible();
    await expect(table.locator('.ant-table-row', { hasText: name })).toHaveCount(0);
    await page.getByTestId('undo-standing').click();
    await expect(page.getByText(`已撤销：“${name}”恢复为在册`)).toBeVisible();
    await expect(table.locator('.ant-table-row', { hasText: name })).toHaveCount(1);

    // 警告提醒 on a row the rules flag for it: the finding as the reason, a ZIP of .eml drafts, recorded on the unit.
    const remindRow = table.locator('.ant-table-row', { hasText: '警告提醒' }).first();
    const warned = (await remindRow.locator('a').first().innerText()).trim();
    await remindRow.getByRole('button', { name: '发提醒…' }).click();
    const warnDialog = page.locator('.ant-modal', { hasText: '发警告提醒' });
    await expect(warnDialog.getByLabel('提醒理由')).toHaveValue(/连续 2 年/);
    const zip = page.waitForEvent('download');
    await warnDialog.getByRole('button', { name: '生成提醒邮件' }).click();
    expect((await zip).suggestedFilename()).toBe('2022年度警告提醒邮件.zip');
    await expect(page.getByText('已生成 1 封警告提醒邮件')).toBeVisible();
    await remindRow.locator('a').first().click();
    await expect(page.getByTestId('unit-history').getByTestId('history-2022')).toContainText(
      '已生成警告提醒邮件草稿：连续 2 年',
    );
    await expect(page.getByTestId('unit-history')).toContainText(warned);
    await page.keyboard.press('Escape');

    // The unit across three campaigns, with the status history the two steps left.
    await table.locator('.ant-table-row', { hasText: name }).locator('a').first().click();
    const drawer = page.getByTestId('unit-history');
    for (const year of [2022, 2021, 2020]) await expect(drawer.getByTestId(`history-${year}`)).toBeVisible();
    await expect(drawer.getByTestId('history-2021')).toContainText('定级：不合格');
    await expect(drawer).toContainText('撤销 → 在册');
    await expect(drawer).toContainText('在册 → 撤销');
    await saveScreenshot(page, '66-unit-across-years');
    await page.keyboard.press('Escape');

    // The roster: three marks per unit, and "2021 and 2022 both 未报送" as a filter.
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('roster-table').getByTestId('year-marks').first()).toBeVisible();
    const filter = page.getByTestId('filter-years');
    await filter.click();
    await page.locator('.ant-select-item-option', { hasText: '2021 未报送（含被拒收）' }).click();
    await page.locator('.ant-select-item-option', { hasText: '2022 未报送（含被拒收）' }).click();
    await page.getByTestId('roster-count').click();
    await expect(page.getByTestId('roster-count')).toContainText('筛选出');
    const shown = Number(/筛选出 (\d+) 个/.exec(await page.getByTestId('roster-count').innerText())![1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(240);
    await saveScreenshot(page, '67-roster-year-filter');
    await page.getByTestId('roster-table').getByTestId('year-marks').first().click();
    await expect(page.getByTestId('unit-history').getByTestId('history-2022')).toContainText('未报送');
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('导入往年情况: a sheet of past years previewed, then imported as history years (#25 item 7)', async ({
  openApp,
  app,
}) => {
  for (const name of ['柳州市第一中学团委', '柳州银行营业部']) await app.call('units.create', { name });
  const page = await openApp('#/dynamics');
  const csv = [
    '年度,集体名称,报送情况,得分,等次,是否表彰',
    '2021,柳州市第一中学团委,按时,95,优秀,是',
    '2021,柳州银行营业部,未报送,,,',
    '2021,不在名册的单位,按时,80,合格,否',
  ].join('\r\n');
  await page
    .getByTestId('import-history')
    .locator('..')
    .locator('input[type=file]')
    .setInputFiles({ name: '往年情况.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}`, 'utf8') });
  const preview = page.getByTestId('history-preview');
  await expect(preview).toContainText('2021年度（新建）');
  await expect(preview).toContainText('名册中找不到 1 个集体');
  await expect(preview).toContainText('第 4 行：不在名册的单位');
  await saveScreenshot(page, '63-dynamics-history-preview');
  await page.getByRole('button', { name: '导入', exact: true }).click();
  await expect(page.getByText('已导入往年情况：2021年度 2 个集体')).toBeVisible();
  const years = await app.call<Array<{ year: number; isCurrent: boolean }>>('campaigns.list');
  expect(years.map((c) => [c.year, c.isCurrent])).toEqual([
    [2022, true],
    [2021, false],
  ]);
});
