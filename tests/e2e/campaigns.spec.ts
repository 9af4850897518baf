import path from 'node:path';
import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';

test('create the 2023 campaign from 2022 and change its checklist', async ({ openApp, app }) => {
  const page = await openApp('#/campaigns');
  const card2022 = page.getByTestId('campaign-2022');
  await expect(card2022.getByText('合计 100 分')).toBeVisible();
  await expect(card2022.getByText('1. 开展组织化学习（≥4 次） · 10 分')).toBeVisible();
  await saveScreenshot(page, '04-campaigns');

  await card2022.getByRole('button', { name: '复制为新年度' }).click();
  // It asks which year, offering the next free one.
  await expect(page.getByLabel('新年度')).toHaveValue('2023');
  await page.getByRole('button', { name: '复制', exact: true }).click();
  await expect(page.getByRole('heading', { name: '编辑 2023 年度工作' })).toBeVisible();
  await expect(page.getByTestId('campaign-title')).toHaveValue(/2023年度柳州市青年文明号/);
  await expect(page.getByLabel('报送截止日期')).toHaveValue('2023年10月31日');

  await page.getByLabel('活动主题').fill('强国建设 青春有为');
  const checklist = page.getByTestId('checklist');
  const rows = checklist.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(12);

  // Remove the last item, move item 2 above item 1, change points and the study minimum.
  await rows.nth(11).getByRole('button', { name: '删除此项' }).click();
  await rows.nth(1).getByRole('button', { name: '上移' }).click();
  await expect(rows.nth(0).getByLabel('活动项目')).toHaveValue('做好宣讲工作');
  await rows.nth(1).getByLabel('最低次数').fill('6');
  await rows.nth(1).getByLabel('分值').fill('18');

  // Add a veto item.
  await page.getByTestId('checklist-add').click();
  await expect(rows).toHaveCount(12);
  const added = rows.nth(11);
  await added.locator('.ant-select-auto-complete input').fill('安全底线');
  await added.getByLabel('活动项目').fill('全年未发生重大安全责任事故');
  await added.getByLabel('类型').click();
  await page.locator('.ant-select-dropdown:visible').getByText('一票否决').click();
  await expect(added.getByText('否决项')).toBeVisible();
  await expect(page.getByTestId('checklist-total')).toHaveText('共 12 项，合计 100 分');
  await saveScreenshot(page, '05-campaign-editor');

  await page.getByTestId('campaign-save').click();
  await expect(page.getByText('已保存 2023 年度工作')).toBeVisible();
  const card2023 = page.getByTestId('campaign-2023');
  await expect(card2023.getByText('1. 做好宣讲工作 · 8 分')).toBeVisible();
  await expect(card2023.getByText('2. 开展组织化学习（≥6 次） · 18 分')).toBeVisible();
  await expect(card2023.getByText('12. 全年未发生重大安全责任事故 · 一票否决')).toBeVisible();
  await expect(card2023.getByText('合计 100 分')).toBeVisible();
  // 2022 keeps its own checklist.
  await expect(card2022.getByText('1. 开展组织化学习（≥4 次） · 10 分')).toBeVisible();

  await card2023.getByRole('button', { name: '设为当前' }).click();
  // Every page changes year: it asks first.
  await expect(page.getByText('把 2023 年度设为当前年度工作？')).toBeVisible();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '设为当前' }).click();
  await expect(page.getByTestId('current-campaign')).toHaveText('当前年度工作：2023年度 · 截止 2023年10月31日');
  const stored = await app.call<Array<{ year: number; isCurrent: boolean; theme: string }>>('campaigns.list');
  expect(stored.map((c) => [c.year, c.isCurrent, c.theme])).toEqual([
    [2023, true, '强国建设 青春有为'],
    [2022, false, '喜迎二十大、永远跟党走、奋进新征程'],
  ]);
});

test('the export page makes the statistics workbook, and the about dialog names the data folder and the log file', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(app, '金融团工委') });
  const page = await openApp();
  await page.getByRole('menuitem', { name: '导出' }).click();
  const download = page.waitForEvent('download');
  await page.getByTestId('export-stats').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('2022年度青年文明号统计表.xlsx');
  await expect(page.getByText('已生成统计表：1 个集体，已报送 0 个')).toBeVisible();
  await saveScreenshot(page, '18-export');
  await page.getByRole('button', { name: '关于' }).click();
  await expect(page.getByTestId('about-data-dir')).toContainText(app.dataDir);
  await expect(page.getByTestId('about-log-file')).toContainText(path.join(app.dataDir, 'logs', 'desk.log'));
  await saveScreenshot(page, '06-about');
});
