import { makePng, writeZip } from '../support/zipWriter';
import { uploadToServer } from '../support/server';
import { expect, test } from './fixtures';

test('a submission with no readable 工作总结 is flagged, and submitting a score for it asks first (#29 item 4)', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '柳州银行营业部' });
  // Only photos: nothing for the reviewer to read.
  const zip = writeZip([1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(40 + i, 20) })));
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });
  const page = await openApp('#/review');
  await page.getByRole('button', { name: '新增评审人' }).click();
  await page.getByLabel('新评审人姓名').fill('王老师');
  await page.getByLabel('新评审人姓名').press('Enter');
  await expect(page.getByTestId('evidence-badges')).toContainText('没有可读的工作总结（材料中没有工作总结）');
  await expect(page.getByTestId('review-saved')).toHaveText('尚未评审');

  await page.getByRole('heading', { name: '评审' }).click();
  await page.keyboard.press('5');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 11; i++) await page.keyboard.press('y');
  await expect(page.getByTestId('review-total')).toContainText('总分 100');
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('这份材料没有可读的工作总结');
  await dialog.getByRole('button', { name: '先不提交' }).click();
  const [submission] = await app.call<Array<{ id: number }>>('submissions.list', {});
  const [reviewer] = await app.call<Array<{ id: number }>>('reviewers.list');
  const target = { submissionId: submission!.id, reviewerId: reviewer!.id };
  await expect(page.getByTestId('review-saved')).toContainText('已自动保存');
  expect(await app.call('reviews.get', target)).toMatchObject({ status: 'draft' });

  await page.keyboard.press('Control+Enter');
  await page.getByRole('dialog').getByRole('button', { name: '仍然提交' }).click();
  await expect.poll(async () => (await app.call<{ status: string }>('reviews.get', target)).status).toBe('submitted');
});
