import { expect, saveScreenshot, test } from './fixtures';

test('sectors are an editable list: add, rename, reorder, and a sector with units cannot be deleted', async ({ openApp, app }) => {
  await app.call('units.create', { name: '柳州银行营业部', sectorId: 6 });
  const page = await openApp('#/settings');
  const table = page.locator('.ant-table').first();
  await expect(table.getByText('阳和工业新区（北部生态新区）团工委')).toBeVisible();

  await page.getByPlaceholder('新系统名称，如：卫健团工委').fill('卫健团工委');
  await page.getByRole('button', { name: '添加系统' }).click();
  await expect(page.getByText('已添加“卫健团工委”')).toBeVisible();
  const added = table.locator('.ant-table-row', { hasText: '卫健团工委' });
  await expect(added).toContainText('10');

  await added.getByRole('button', { name: '上移' }).click();
  await expect(table.locator('.ant-table-row').nth(8)).toContainText('卫健团工委');

  await added.getByText('卫健团工委').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('卫生健康团工委');
  await page.keyboard.press('Enter');
  await expect(table.locator('.ant-table-row', { hasText: '卫生健康团工委' })).toBeVisible();

  const finance = table.locator('.ant-table-row', { hasText: '金融团工委' });
  await finance.getByRole('button', { name: '删除' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
  await expect(page.getByText('该系统下还有 1 个集体，请先把它们调整到其他系统再删除')).toBeVisible();
  await expect(finance).toBeVisible();
  await saveScreenshot(page, '09-settings-sectors');

  const sectors = await app.call<Array<{ name: string }>>('sectors.list');
  expect(sectors.map((s) => s.name)).toContain('卫生健康团工委');
  expect(sectors.map((s) => s.name)).toContain('金融团工委');
});

test('reviewers and their conflicts of interest are kept in 设置 → 评审人', async ({ openApp, app }) => {
  await app.call('units.create', { name: '柳州银行营业部', sectorId: 6 });
  const page = await openApp('#/settings');
  await page.getByRole('tab', { name: '评审人' }).click();
  await page.getByLabel('评审人姓名').fill('赵老师');
  await page.getByRole('button', { name: '添加评审人' }).click();
  await expect(page.getByTestId('reviewers')).toContainText('赵老师');
  await page.getByLabel('赵老师 回避的系统').click();
  await page.locator('.ant-select-dropdown:visible').getByText('金融团工委').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByLabel('赵老师 回避的集体').click();
  await page.keyboard.type('柳州银行');
  await page.locator('.ant-select-dropdown:visible').getByText('柳州银行营业部').click();
  await expect.poll(async () => (await app.call<Array<{ name: string; conflictSectorIds: number[]; conflictUnitIds: number[] }>>('reviewers.list'))[0]).toMatchObject({ name: '赵老师', conflictSectorIds: [6], conflictUnitIds: [1] });
});
