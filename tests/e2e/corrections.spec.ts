import { activityPhoto } from '../support/photos';
import { makeDocx, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test } from './fixtures';

const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });

test('the clerk corrects a submission in its drawer: a file’s kind, its unit, deleting and restoring it', async ({
  openApp,
  app,
}) => {
  test.setTimeout(120_000);
  await app.call('units.create', { name: '柳州市第一中学团委' });
  await app.call('units.create', { name: '柳州市第二中学团委' });
  const photos = await Promise.all([1, 2, 3].map((i) => activityPhoto(i + 20, undefined, 640, 480)));
  const zip = writeZip([
    { name: '工作总结.docx', data: makeDocx('一中') },
    ...photos.map((data, i) => ({ name: `照片${i + 1}.jpg`, data })),
  ]);

  const page = await openApp('#/intake');
  await page
    .locator('[data-testid="intake-drop"] input[type=file]')
    .setInputFiles([file('柳州市第一中学团委.zip', zip)]);
  await expect(page.getByText('本次共 1 份：已收 1')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: '已收材料' }).click();
  const table = page.getByTestId('submissions');
  await table.locator('a', { hasText: '柳州市第一中学团委' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer).toContainText('齐全');

  // The summary said to be 其他文件: completeness follows at once.
  await drawer.getByLabel('工作总结.docx 的类别').click();
  await page.locator('.ant-select-dropdown:visible').getByText('其他文件', { exact: true }).click();
  await expect(page.getByText('已设为其他文件；材料不齐全')).toBeVisible();
  await expect(drawer.getByText('缺少工作总结')).toBeVisible();
  await drawer.getByLabel('工作总结.docx 的类别').click();
  await page.locator('.ant-select-dropdown:visible').getByText('工作总结', { exact: true }).click();
  await expect(page.getByText('已设为工作总结；材料齐全')).toBeVisible();

  // The received time corrected, typed the way the office writes it: lateness follows.
  await drawer.getByRole('button', { name: '更正', exact: true }).click();
  const when = page.getByRole('dialog', { name: '更正收到时间' });
  const time = when.getByLabel('收到时间');
  await time.click();
  await time.fill('2022年11月2日 10:00');
  await page.keyboard.press('Enter');
  await expect(time).toHaveValue('2022-11-02 10:00');
  await when.getByLabel('更正理由').fill('邮件 11 月 2 日才到');
  await when.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已更正收到时间')).toBeVisible();
  await expect(drawer).toContainText('2022-11-02 10:00');
  await expect(drawer.getByText('逾期', { exact: true })).toBeVisible();

  // Moved to the unit it really came from, with a reason.
  await drawer.getByRole('button', { name: '改到其他集体' }).click();
  const dialog = page.getByRole('dialog', { name: '改到其他集体' });
  await dialog.getByRole('combobox').click();
  await page.keyboard.type('二中');
  await page.locator('.ant-select-dropdown:visible').getByText('柳州市第二中学团委').click();
  await expect(dialog.getByRole('button', { name: '保存' })).toBeDisabled();
  await dialog.getByLabel('理由').fill('实为二中的材料，误用一中的名称');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已改到“柳州市第二中学团委”（第 1 版）')).toBeVisible();
  await expect(drawer.locator('.ant-drawer-title')).toHaveText('柳州市第二中学团委 · 第 1 版');
  const history = drawer.getByTestId('submission-history');
  await expect(history).toContainText(
    '所属集体 柳州市第一中学团委 → 柳州市第二中学团委；理由：实为二中的材料，误用一中的名称',
  );
  await expect(history).toContainText('文件类别 工作总结.docx：工作总结 → 工作总结.docx：其他文件');
  await expect(history).toContainText(/收到时间 \S+ \S+ → 2022-11-02 10:00；理由：邮件 11 月 2 日才到/);
  await saveScreenshot(page, '16-submission-corrected');

  // Deleted (with a reason), found under 已删除, restored.
  await drawer.getByRole('button', { name: '删除' }).click();
  const confirm = page.getByRole('dialog', { name: '删除这份材料' });
  await confirm.getByLabel('理由').fill('测试删除');
  await confirm.getByRole('button', { name: '删除' }).click();
  await expect(drawer.getByTestId('submission-deleted')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(table.locator('a', { hasText: '柳州市第二中学团委' })).toHaveCount(0);
  await page.getByText('已删除', { exact: true }).click();
  await table.locator('a', { hasText: '柳州市第二中学团委' }).click();
  await drawer.getByTestId('submission-deleted').getByRole('button', { name: '恢复' }).click();
  await expect(page.getByText('已恢复')).toBeVisible();
  await expect(history).toContainText('恢复');
  await page.keyboard.press('Escape');
  await expect(table.locator('a', { hasText: '柳州市第二中学团委' })).toHaveCount(0);
  await page.getByText('全部', { exact: true }).click();
  await expect(table.locator('a', { hasText: '柳州市第二中学团委' })).toBeVisible();
  await page.getByRole('menuitem', { name: '概览' }).click();
  await expect(page.getByTestId('overview-intake')).toContainText('已收材料 1 个集体');
});
