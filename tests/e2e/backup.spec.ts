import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uploadToServer } from '../support/server';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { callServer, expect, saveScreenshot, startServer, stopServer, test } from './fixtures';
import { sectorOf } from '../support/sectors';

test('设置 → 备份与恢复: back up, restore an older backup, undo it, and move everything to a fresh data folder by uploading the file', async ({
  openApp,
  app,
  page,
}) => {
  test.setTimeout(120_000);
  for (const name of ['柳州银行营业部', '市中院立案庭'])
    await app.call('units.create', { name, sectorId: await sectorOf(app, '金融团工委') });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-zip-'));
  const zip = writeZip([
    { name: '工作总结.docx', data: makeDocx('柳州银行营业部工作总结') },
    { name: '照片1.png', data: makePng(9, 9) },
  ]);
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });

  await openApp('#/');
  await expect(page.getByTestId('overview-backup')).toContainText('还没有备份过');
  await page.getByTestId('overview-backup').getByRole('button', { name: '去备份' }).click();
  const panel = page.getByTestId('backup-panel');
  await expect(panel).toBeVisible();
  await panel.getByRole('button', { name: '立即备份到备份文件夹' }).click();
  await expect(page.getByText(/已备份并核对：2 个材料文件/)).toBeVisible();
  const rows = panel.locator('.ant-table-tbody .ant-table-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('手动备份');

  // Work goes on after the backup: a unit added.
  await app.call('units.create', { name: '后来加入的单位', sectorId: await sectorOf(app, '金融团工委') });
  await rows.first().getByRole('button', { name: '恢复' }).click();
  await expect(page.locator('.ant-modal-confirm')).toContainText('再把现有数据另存为“恢复前备份”');
  await page.getByRole('button', { name: '核对并恢复' }).click();
  await expect(page.getByTestId('restore-done')).toContainText('已恢复');
  expect((await app.call<Array<{ name: string }>>('units.list', {})).map((u) => u.name)).toEqual([
    '柳州银行营业部',
    '市中院立案庭',
  ]);
  await expect(rows).toHaveCount(2);
  await saveScreenshot(page, '30-settings-backup');

  await page.getByTestId('restore-done').getByRole('button', { name: '撤销恢复' }).click();
  await page.getByRole('button', { name: '核对并恢复' }).click();
  await expect(page.getByTestId('restore-done')).toBeVisible();
  expect((await app.call<Array<{ name: string }>>('units.list', {})).map((u) => u.name).sort()).toEqual(
    ['后来加入的单位', '柳州银行营业部', '市中院立案庭'].sort(),
  );

  // The move to a new PC: a fresh data folder, the backup file uploaded through the page.
  const status = await app.call<{ folder: string; backups: Array<{ name: string; kind: string }> }>('backup.status');
  const manual = status.backups.find((b) => b.kind === 'manual')!;
  const copy = path.join(dir, manual.name);
  fs.copyFileSync(path.join(status.folder, manual.name), copy);
  const freshDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-newpc-'));
  const fresh = await startServer(freshDir);
  try {
    await page.goto(fresh.info.entryUrl);
    await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await page.getByTestId('backup-panel').locator('input[type=file]').setInputFiles(copy);
    await page.getByRole('button', { name: '核对并恢复' }).click();
    // Another PC cannot verify the backup's seal: the office is asked, and says it trusts the file.
    await expect(page.locator('.ant-modal-confirm').filter({ hasText: '无法核实这份备份' })).toContainText(
      '不是在本机生成的',
    );
    await expect(page.getByRole('button', { name: '核对并恢复' })).toBeHidden();
    await saveScreenshot(page, '46-restore-unverified');
    await page.getByRole('button', { name: '仍然恢复' }).click();
    await expect(page.getByTestId('restore-done')).toContainText('2 个材料文件');
    const units = await callServer<Array<{ name: string }>>(fresh.info, 'units.list', {});
    expect(units.map((u) => u.name)).toEqual(['柳州银行营业部', '市中院立案庭']);
    const submissions = await callServer<Array<{ unitName: string; files: unknown[] }>>(
      fresh.info,
      'submissions.list',
      {},
    );
    expect(submissions).toEqual([expect.objectContaining({ unitName: '柳州银行营业部', files: expect.any(Array) })]);
    await page.evaluate(() => (location.hash = '#/roster'));
    await expect(page.getByText('市中院立案庭')).toBeVisible();

    // A file that is not a backup is refused with a message, and nothing changes.
    const notBackup = path.join(dir, '名册.deskbackup');
    fs.writeFileSync(notBackup, 'not a backup');
    await page.evaluate(() => (location.hash = '#/settings'));
    await page.getByRole('tab', { name: '备份与恢复' }).click();
    await page.getByTestId('backup-panel').locator('input[type=file]').setInputFiles(notBackup);
    await page.getByRole('button', { name: '核对并恢复' }).click();
    await expect(page.getByText(/这不是组委会工作台的备份文件/)).toBeVisible();
    expect((await callServer<unknown[]>(fresh.info, 'units.list', {})).length).toBe(2);
  } finally {
    await stopServer(fresh.child);
    fs.rmSync(freshDir, { recursive: true, force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('设置 → 数据检查 finds a missing file and a stale upload, repairs what is safe and sends the rest to 备份与恢复', async ({
  openApp,
  app,
  page,
}) => {
  await app.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(app, '金融团工委') });
  const zip = writeZip([
    { name: '工作总结.docx', data: makeDocx('柳州银行营业部工作总结') },
    { name: '照片1.png', data: makePng(9, 9) },
  ]);
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });
  const [submission] = await app.call<Array<{ files: Array<{ sha256: string }> }>>('submissions.list', {});
  const sha = submission!.files[0]!.sha256;
  fs.rmSync(path.join(app.dataDir, 'files', sha.slice(0, 2), sha));
  const orphan = path.join(app.dataDir, 'files', 'ab', 'ab' + '0'.repeat(62));
  fs.mkdirSync(path.dirname(orphan), { recursive: true });
  fs.writeFileSync(orphan, 'left by a killed import');

  await openApp('#/settings');
  await page.getByRole('tab', { name: '数据检查' }).click();
  const panel = page.getByTestId('data-check');
  await panel.getByRole('button', { name: '开始检查' }).click();
  await expect(panel.getByText('有问题只能从备份恢复')).toBeVisible();
  const row = (label: string) => panel.locator('.ant-table-row', { hasText: label });
  await expect(row('材料文件齐全')).toContainText('从备份恢复');
  await expect(row('无多余文件')).toContainText('可修复');
  await saveScreenshot(page, '31-settings-data-check');
  await panel.getByRole('button', { name: '检查并修复' }).click();
  await expect(row('无多余文件')).toContainText('已修复');
  await expect(row('材料文件齐全')).toContainText('有问题');
  expect(fs.existsSync(orphan)).toBe(false);
  await panel.getByRole('button', { name: '去恢复' }).click();
  await expect(page.getByTestId('backup-panel')).toBeVisible();
});
