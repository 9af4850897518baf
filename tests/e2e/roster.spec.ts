import ExcelJS from 'exceljs';
import { uploadToServer } from '../support/server';
import { expect, saveScreenshot, test } from './fixtures';

/** A sheet the office might really have: a title row, an odd name header the app cannot guess, two bad rows. */
async function oddSheet(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('2022名册');
  sheet.addRow(['柳州市青年文明号集体名册（2022年）']);
  sheet.mergeCells('A1:F1');
  sheet.addRow(['序号', '青年集体', '所属系统', '级别', '联系人', '联系电话']);
  const rows: Array<[string, string, string, string, string]> = [
    ['柳州市人民医院急诊科', '县区团委', '市级', '王芳', '0772-2811111'],
    ['柳州市第一中学团委', '教育团工委', '省级', '李强', '13800138001'],
    ['柳州银行营业部', '金融团工委', '全国', '赵敏', '13800138002'],
    ['柳州市公交集团1路车队', '非公企业团工委', '市级', '陈刚', '号码不详'],
    ['柳州市图书馆少儿部', '市直机关团工委', '特级', '周丽', '13800138004'],
    ['柳东新区政务服务中心', '柳东新区团工委', '市级', '吴军', '13800138005'],
  ];
  rows.forEach((r, i) => sheet.addRow([i + 1, ...r]));
  return Buffer.from(await book.xlsx.writeBuffer());
}

test('import a roster sheet, fix a column mapping, edit, filter, delete and undo', async ({ openApp }) => {
  const page = await openApp();
  await expect(page.getByText('当前年度工作：2022年度 · 截止 2022年10月31日')).toBeVisible();
  await saveScreenshot(page, '01-overview-empty');

  await page.getByRole('menuitem', { name: '集体名册' }).click();
  await expect(page.getByText('名册还是空的')).toBeVisible();

  await page.getByRole('button', { name: '导入名册' }).click();
  await page
    .locator('.ant-modal input[type=file]')
    .setInputFiles({ name: '名册.xlsx', mimeType: 'application/octet-stream', buffer: await oddSheet() });
  // "青年集体" is not a header the app knows, so it asks which column holds the names.
  await expect(page.getByText('没有找到“集体名称”列')).toBeVisible();
  await page.getByTestId('mapping-name').click();
  await page.locator('.ant-select-dropdown:visible').getByText('第 2 列：青年集体').click();
  await expect(page.getByText('以下 2 行不会导入')).toBeVisible();
  const bad = page.getByTestId('bad-rows');
  await expect(
    bad.getByRole('row', { name: /第 6 行.*柳州市公交集团1路车队.*联系电话“号码不详”格式不正确/ }),
  ).toBeVisible();
  await expect(bad.getByRole('row', { name: /第 7 行.*级别“特级”无法识别/ })).toBeVisible();
  await saveScreenshot(page, '02-import-preview');
  await page.getByTestId('import-apply').click();
  await expect(page.getByText('导入完成')).toBeVisible();
  await expect(page.getByText('新增 4 个，更新 0 个，无变化 0 个；2 行有问题未导入')).toBeVisible();
  await page.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 4 个集体');

  // Edit: the contact of the hospital.
  const table = page.getByTestId('roster-table');
  await table
    .locator('.ant-table-row', { hasText: /柳州市人民医院急诊科/ })
    .getByRole('button', { name: '编辑' })
    .click();
  const dialog = page.getByRole('dialog', { name: /编辑集体/ });
  await dialog.getByLabel('联系人').fill('刘洋');
  await dialog.getByLabel('联系电话').fill('12345');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByText('联系电话格式不正确')).toBeVisible();
  await dialog.getByLabel('联系电话').fill('0772-2822222');
  await dialog.getByLabel('别名').fill('市人医急诊');
  await dialog.getByLabel('别名').press('Enter');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(table.locator('.ant-table-row', { hasText: /柳州市人民医院急诊科.*刘洋.*0772-2822222/ })).toBeVisible();

  // Search by alias and by pinyin initials.
  const search = page.getByRole('searchbox', { name: '搜索集体' });
  await search.fill('市人医');
  await expect(page.getByTestId('roster-count')).toHaveText('筛选出 1 个 / 共 4 个集体');
  await search.fill('lzyh');
  await expect(table.locator('.ant-table-row', { hasText: /柳州银行营业部/ })).toBeVisible();
  await expect(page.getByTestId('roster-count')).toHaveText('筛选出 1 个 / 共 4 个集体');
  await search.fill('');

  // Filter by sector.
  await page.getByTestId('filter-sector').click();
  await page.locator('.ant-select-dropdown:visible').getByText('教育团工委（1）').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('roster-count')).toHaveText('筛选出 1 个 / 共 4 个集体');
  await expect(table.locator('.ant-table-row', { hasText: /柳州市第一中学团委/ })).toBeVisible();
  await page.getByTestId('filter-sector').locator('.ant-select-clear').click({ force: true });
  await expect(page.getByTestId('roster-count')).toHaveText('共 4 个集体');

  // Delete, then undo with the button; delete again, undo with Ctrl+Z.
  await table.getByRole('button', { name: '删除 柳州银行营业部' }).click();
  await expect(page.getByText('已删除“柳州银行营业部”')).toBeVisible();
  await expect(page.getByTestId('roster-count')).toHaveText('共 3 个集体');
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 4 个集体');
  await expect(table.locator('.ant-table-row', { hasText: /柳州银行营业部.*赵敏/ })).toBeVisible();
  await table.getByRole('button', { name: '删除 柳州银行营业部' }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 3 个集体');
  await page.getByRole('heading', { name: '集体名册' }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('roster-count')).toHaveText('共 4 个集体');

  // A new unit with a duplicate name is refused on the field.
  await page.getByRole('button', { name: '新增集体' }).click();
  const create = page.getByRole('dialog', { name: '新增集体' });
  await create.getByLabel('集体名称').fill('柳州银行营业部');
  await create.getByRole('button', { name: '保存' }).click();
  await expect(create.getByText('名册中已有名为“柳州银行营业部”的集体')).toBeVisible();
  await create.getByLabel('集体名称').fill('柳州银行鱼峰支行营业部');
  await create.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 5 个集体');
  await saveScreenshot(page, '03-roster-small');
});

test('the roster can be worked from the keyboard', async ({ openApp, app }) => {
  await app.call('units.importApply', {
    file: await uploadToServer(
      app,
      Buffer.from('集体名称,所属系统,联系人\n甲单位,金融团工委,张三\n乙单位,金融团工委,李四\n丙单位,教育团工委,王五\n'),
      'r.csv',
    ),
  });
  const page = await openApp('#/roster');
  await expect(page.getByTestId('roster-count')).toHaveText('共 3 个集体');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeHidden();

  // ↓ ↓ Enter edits the second row; Esc closes without saving.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '编辑集体：乙单位' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('联系人').fill('李四四');
  await dialog.getByLabel('联系人').press('Control+Enter');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.ant-table-row', { hasText: '乙单位' })).toContainText('李四四');

  // Space selects the current row, Delete removes it, Ctrl+Z brings it back.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press(' ');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('roster-count')).toHaveText('共 2 个集体');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('roster-count')).toHaveText('共 3 个集体');

  // / jumps to search; Alt+N opens a new unit form.
  await page.keyboard.press('/');
  await page.keyboard.type('丙');
  await expect(page.getByTestId('roster-count')).toHaveText('筛选出 1 个 / 共 3 个集体');
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: '集体名册' }).click();
  await page.keyboard.press('Alt+n');
  await expect(page.getByRole('dialog', { name: '新增集体' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '新增集体' })).toBeHidden();

  // Alt+digit moves between pages in the side menu's order.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: '收件' })).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: '概览' })).toBeVisible();
  expect(page.url()).toContain('#/overview');
});
