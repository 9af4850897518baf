import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';

test('sectors are an editable list: add, rename, reorder, and a sector with units cannot be deleted', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(app, '金融团工委') });
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
  await app.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(app, '金融团工委') });
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
  await expect
    .poll(
      async () =>
        (
          await app.call<Array<{ name: string; conflictSectorIds: number[]; conflictUnitIds: number[] }>>(
            'reviewers.list',
          )
        )[0],
    )
    .toMatchObject({ name: '赵老师', conflictSectorIds: [6], conflictUnitIds: [1] });
});

test('a roster sheet’s 金融 and 教育 are matched to the official sectors and asked about; a stray sector is merged, an unused one hidden', async ({
  openApp,
}) => {
  const csv = Buffer.from(
    '集体名称,所属系统\n柳州银行营业部,金融\n柳州市商业银行,金融\n柳州市第一中学团委,教育\n',
    'utf8',
  );
  const page = await openApp('#/roster');
  await page.getByRole('button', { name: '导入名册' }).click();
  await page
    .locator('.ant-modal input[type=file]')
    .setInputFiles({ name: '名册.csv', mimeType: 'text/csv', buffer: csv });
  const matches = page.getByTestId('sector-matches');
  await expect(matches.locator('tr', { hasText: '金融' })).toContainText('金融团工委');
  await expect(matches.locator('tr', { hasText: '教育' })).toContainText('教育团工委');
  // 教育 is kept apart this time (to be merged below, as an office that first said no would).
  await page.getByLabel('“教育”归入').click();
  await page.locator('.ant-select-dropdown:visible').getByText('另建新系统“教育”').click();
  await expect(page.getByText('将新增系统：教育')).toBeVisible();
  await saveScreenshot(page, '03b-import-sector-matches');
  await page.getByTestId('import-apply').click();
  await expect(page.getByText('“金融”归入“金融团工委”')).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();

  await page.evaluate(() => (location.hash = '#/settings'));
  const table = page.locator('.ant-table').first();
  const stray = table.locator('.ant-table-row', { hasText: /^\d+教育\d/ });
  await expect(table.locator('.ant-table-row', { hasText: '金融团工委' })).toContainText('金融');
  await stray.getByRole('button', { name: '合并到…' }).click();
  const dialog = page.getByRole('dialog', { name: '把“教育”合并到…' });
  await dialog.getByLabel('合并到的系统').click();
  await page.locator('.ant-select-dropdown:visible').getByText('教育团工委').click();
  await dialog.getByRole('button', { name: '合并' }).click();
  await expect(page.getByText('已合并：1 个集体移入“教育团工委”，“教育”记为别名')).toBeVisible();
  const official = table.locator('.ant-table-row', { hasText: '教育团工委' });
  await expect(official).toContainText('教育');
  await expect(official).toContainText('1');
  const yanghe = table.locator('.ant-table-row', { hasText: '阳和工业新区' });
  await yanghe.getByRole('button', { name: '隐藏' }).click();
  await expect(yanghe).toContainText('已隐藏');
  await expect(official.getByRole('button', { name: '隐藏' })).toBeDisabled();
  await saveScreenshot(page, '30b-sectors-merged-hidden');

  // The roster shows the official names.
  await page.evaluate(() => (location.hash = '#/roster'));
  const roster = page.getByTestId('roster-table');
  await expect(roster.locator('.ant-table-row', { hasText: '柳州市第一中学团委' })).toContainText('教育团工委');
  await expect(roster.locator('.ant-table-row', { hasText: '柳州银行营业部' })).toContainText('金融团工委');
});

test('F1 opens the office guide (docs/使用说明.md) inside the app, its screenshots shown', async ({ openApp }) => {
  const page = await openApp('#/overview');
  await page.keyboard.press('F1');
  const guide = page.getByTestId('guide');
  await expect(guide).toContainText('组委会工作台 使用说明');
  await expect(guide).toContainText('第二天再打开');
  const shot = guide.locator('img').first();
  await expect(shot).toBeVisible();
  await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
  await saveScreenshot(page, '40-guide');
});
