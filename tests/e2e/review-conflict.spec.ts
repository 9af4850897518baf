import { makeDocx, writeZip } from '../support/zipWriter';
import { uploadToServer } from '../support/server';
import { expect, saveScreenshot, test } from './fixtures';

test('two tabs of one reviewer never overwrite each other: the stale save shows both versions and the reviewer chooses (#28 item 4)', async ({
  openApp,
  app,
  context,
}) => {
  await app.call('units.create', { name: '柳州银行营业部' });
  const zip = writeZip([{ name: '工作总结.docx', data: makeDocx('柳州银行营业部全年开展组织化学习五次。') }]);
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳州银行营业部.zip')] });
  const first = await openApp('#/review');
  await first.getByRole('button', { name: '新增评审人' }).click();
  await first.getByLabel('新评审人姓名').fill('王老师');
  await first.getByLabel('新评审人姓名').press('Enter');
  await expect(first.getByTestId('review-saved')).toHaveText('尚未评审');

  // A second tab on the same review (the reviewer opened it twice), before the first has typed.
  const second = await context.newPage();
  await second.goto(`${app.url}/#/review`);
  await expect(second.getByTestId('review-saved')).toHaveText('尚未评审');

  await first.getByRole('heading', { name: '评审' }).click();
  await first.keyboard.press('c');
  await first.keyboard.type('第一个窗口的评语');
  await first.keyboard.press('Escape');
  await expect(first.getByTestId('review-saved')).toContainText('已自动保存');

  await second.getByRole('heading', { name: '评审' }).click();
  await second.keyboard.press('c');
  await second.keyboard.type('第二个窗口的评语');
  await second.keyboard.press('Escape');
  const conflict = second.getByTestId('review-conflict');
  await expect(conflict).toContainText('这份评审已在别处改过');
  await expect(conflict).toContainText('评语：第一个窗口的评语');
  await expect(conflict).toContainText('评语：第二个窗口的评语');
  await saveScreenshot(second, '48-review-conflict');

  const [submission] = await app.call<Array<{ id: number }>>('submissions.list', {});
  const [reviewer] = await app.call<Array<{ id: number }>>('reviewers.list');
  const target = { submissionId: submission!.id, reviewerId: reviewer!.id };
  // Nothing was overwritten while the panel shows.
  expect(await app.call('reviews.get', target)).toMatchObject({ comment: '第一个窗口的评语' });

  await conflict.getByRole('button', { name: '保留我的内容' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(second.getByTestId('review-saved')).toContainText('已自动保存');
  await expect
    .poll(async () => (await app.call<{ comment: string }>('reviews.get', target)).comment)
    .toBe('第二个窗口的评语');
  const history = await app.call<Array<{ snapshot: { comment: string } }>>('reviews.history', target);
  expect(history.map((h) => h.snapshot.comment)).toEqual(['第一个窗口的评语', '第二个窗口的评语']);
});
