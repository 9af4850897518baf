import { largeDocx } from '../support/hostileDocs';
import { makePng, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';
import { uploadToServer } from '../support/server';

// #27: a summary too large to lay out (a 12 MB document.xml, over the 8 MB mammoth takes) is read in a
// child under the memory cap and shown as its words, saying so; the app answers meanwhile.
test('a summary too large to lay out is shown as its words, and the reviewer is told why', async ({ openApp, app }) => {
  await app.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(app, '金融团工委') });
  const zip = writeZip([
    { name: '2022年度工作总结.docx', data: largeDocx(12) },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(320 + i, 240) })),
  ]);
  // Browser mode refuses paths: set up through the upload route the page uses.
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });

  const page = await openApp('#/review');
  await page.getByRole('button', { name: '新增评审人' }).click();
  await page.getByLabel('新评审人姓名').fill('王老师');
  await page.getByLabel('新评审人姓名').press('Enter');
  await expect(page.getByTestId('review-queue')).toContainText('柳州银行营业部');
  await expect(page.getByText('文档过大，无法按原排版显示，这里只显示文字')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('summary-text')).toContainText('第0段：');
  await expect(page.getByTestId('summary-text')).toContainText('内容过长，只显示开头部分');
  await saveScreenshot(page, '47-review-large-summary');
});
