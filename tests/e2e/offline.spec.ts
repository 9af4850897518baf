import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, startServer, stopServer, test } from './fixtures';
import { uploadToServer } from '../support/server';

test('when browser mode’s server stops, the page says so at once (#25 item 10)', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-offline-'));
  const { child, info } = await startServer(dataDir);
  try {
    await page.goto(info.entryUrl);
    await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    await stopServer(child);
    // Not after ~40 s of stale figures: within a few seconds, with nothing clicked.
    await expect(page.getByTestId('offline-banner')).toContainText('连接已断开', { timeout: 5_000 });
    await saveScreenshot(page, '90-offline-banner');
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a review typed while the server does not answer is held on the page and saved when it answers again (#25 item 10)', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '柳州银行营业部' });
  const zip = writeZip([
    { name: '工作总结.docx', data: makeDocx('柳州银行营业部全年开展组织化学习五次。') },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(30 + i, 20) })),
  ]);
  // Browser mode refuses paths: set up through the upload route the page uses.
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });
  const page = await openApp('#/review');
  await page.getByRole('button', { name: '新增评审人' }).click();
  await page.getByLabel('新评审人姓名').fill('王老师');
  await page.getByLabel('新评审人姓名').press('Enter');
  await expect(page.getByTestId('review-saved')).toHaveText('尚未评审');

  // The server stops answering (every call fails as a closed server's would).
  await page.route('**/api/**', (route) => route.abort('connectionrefused'));
  await page.getByRole('heading', { name: '评审' }).click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('n');
  await expect(page.getByText('暂时连不上程序：所填内容已保留在本页，连上后自动保存')).toBeVisible();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId('review-item-1').getByRole('radio', { name: '未开展' })).toBeChecked();

  // It answers again: the banner goes and what was typed is written.
  await page.unroute('**/api/**');
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 10_000 });
  const [submission] = await app.call<Array<{ id: number }>>('submissions.list', {});
  const [reviewer] = await app.call<Array<{ id: number }>>('reviewers.list');
  await expect
    .poll(
      async () =>
        Object.values(
          (
            await app.call<{ answers: Record<string, { done?: boolean }> }>('reviews.get', {
              submissionId: submission!.id,
              reviewerId: reviewer!.id,
            })
          ).answers,
        ).filter((a) => a.done === false).length,
    )
    .toBe(1);
});
