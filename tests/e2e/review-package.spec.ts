import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { callServer, expect, startServer, stopServer, test } from './fixtures';
import { uploadToServer } from '../support/server';

test('office exports a 评审包, the reviewer opens it on their laptop and sends the result back, the office merges it', async ({
  openApp,
  app,
  browser,
}) => {
  test.setTimeout(120_000);
  await app.call('units.create', { name: '柳州银行营业部' });
  const zip = writeZip([
    { name: '总结.docx', data: makeDocx('银行营业部总结') },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(40 + i, 30) })),
  ]);
  // Browser mode refuses paths: set up through the upload route the page uses.
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });
  await app.call('reviewers.create', { name: '王老师' });

  const office = await openApp('#/review');
  await office.getByText('汇总与定级').click();
  await office.getByLabel('评审包的评审人').click();
  await office.locator('.ant-select-dropdown:visible').getByText('王老师').click();
  const downloadWait = office.waitForEvent('download');
  await office.getByRole('button', { name: '导出离线评审包' }).click();
  const packageFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pkg-')), 'pkg.deskreview');
  await (await downloadWait).saveAs(packageFile);
  await expect(office.getByText('已生成评审包：1 份材料、4 个文件')).toBeVisible();

  // The reviewer's laptop: another app on another data folder.
  const laptopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-laptop-'));
  const laptopServer = await startServer(laptopDir);
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const laptop = await context.newPage();
    await laptop.goto(laptopServer.info.entryUrl + '#/review');
    await laptop.evaluate(() => (location.hash = '#/review'));
    await expect(laptop.locator('#root[data-app-state="ready"]')).toBeVisible();
    await laptop.locator('input[type=file][accept=".deskreview,.zip"]').setInputFiles(packageFile);
    await expect(laptop.getByText('已打开 王老师 的评审包：1 份材料')).toBeVisible();
    await expect(laptop.getByTestId('reviewer-mode')).toContainText('离线评审模式：王老师');
    await expect(laptop.getByTestId('review-queue')).toContainText('柳州银行营业部');
    const [me] = await callServer<Array<{ id: number }>>(laptopServer.info, 'reviewers.list');
    const [item] = await callServer<Array<{ submissionId: number }>>(laptopServer.info, 'reviews.queue', {
      reviewerId: me!.id,
    });
    const campaign = await callServer<{ items: Array<{ id: number; kind: string }> }>(
      laptopServer.info,
      'campaigns.current',
    );
    const answers = Object.fromEntries(
      campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 4 } : { done: true }]),
    );
    await callServer(laptopServer.info, 'reviews.save', {
      submissionId: item!.submissionId,
      reviewerId: me!.id,
      answers,
      comment: '笔记本上评完',
      status: 'submitted',
    });
    const resultWait = laptop.waitForEvent('download');
    await laptop.getByRole('button', { name: '导出评审结果' }).click();
    const resultFile = path.join(path.dirname(packageFile), 'result.deskresult');
    await (await resultWait).saveAs(resultFile);
    await context.close();

    await office.locator('input[type=file][accept=".deskresult,.json"]').setInputFiles(resultFile);
    await expect(office.getByText('王老师：采用 1 份，无变化 0 份，冲突 0 份，未采用 0 份。')).toBeVisible();
    await office.getByRole('button', { name: '关闭', exact: true }).last().click();
    await expect(office.getByTestId('review-results').locator('tr', { hasText: '柳州银行营业部' })).toContainText(
      '王老师 100',
    );
  } finally {
    await stopServer(laptopServer.child);
  }
});
